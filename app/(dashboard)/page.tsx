import { getTranslations } from "next-intl/server";
import { TenantNotices } from "@/components/dashboard/tenant-notices";
import { BalancesView, NotificationBannerView, PaymentsView } from "@/components/connect/embedded-components";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/card";
import { requireDashboardPage } from "@/lib/dashboard/context";
import { getEnv } from "@/lib/env";
import { TestDataPanel } from "./test-data-panel";

export default async function HomePage() {
  const context = await requireDashboardPage();
  const t = await getTranslations();
  const firstName = context.session.user.name.split(" ")[0] ?? context.session.user.name;
  const showTestData =
    context.profile === "owner" && getEnv().stripe.mode !== "live" && context.account !== null;
  return (
    <>
      <PageHeader
        title={t("home.title", { name: firstName })}
        description={t("home.subtitle", { business: context.tenant.name })}
      />
      {/* Staff viewing the account see the notices but cannot dismiss them (read-only). */}
      <TenantNotices tenantId={context.tenant.id} readOnly={context.impersonation !== null} />
      {!context.account ? <Alert tone="warning">{t("home.noAccount")}</Alert> : null}
      {context.account?.deauthorized ? <Alert tone="error">{t("home.disconnected")}</Alert> : null}
      {context.needsOnboarding && context.profile !== "owner" ? (
        <Alert tone="info">{t("home.onboardingPending")}</Alert>
      ) : null}
      <div className="space-y-6">
        {context.enabled.has("notification_banner") ? <NotificationBannerView /> : null}
        {context.enabled.has("balances") ? <BalancesView /> : null}
        {context.enabled.has("payments") ? (
          <section>
            <h2 className="mb-3 text-base font-semibold">{t("home.recentPayments")}</h2>
            <PaymentsView filters={{}} />
          </section>
        ) : null}
        {showTestData ? <TestDataPanel /> : null}
      </div>
    </>
  );
}
