import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { TenantNotices } from "@/components/dashboard/tenant-notices";
import {
  BalancesView,
  NotificationBannerView,
  PaymentsView,
  ReportingChartView,
} from "@/components/connect/embedded-components";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/card";
import { requireDashboard } from "@/lib/access/guards";
import { getPlatformConfig } from "@/lib/config";
import { connectCollectionOptions } from "@/lib/connect/component-options";
import { getEnv } from "@/lib/env";
import { TestDataPanel } from "./test-data-panel";

export default async function HomePage() {
  const context = await requireDashboard();
  const t = await getTranslations();
  const firstName = context.session.user.name.split(" ")[0] ?? context.session.user.name;
  const due = context.account?.requirements;
  const dueCount = due ? new Set([...due.pastDue, ...due.currentlyDue]).size : 0;
  const showTestData =
    context.permissions.has("test_data.create") &&
    getEnv().stripe.mode !== "live" &&
    context.account !== null;
  return (
    <>
      <PageHeader
        title={t("home.title", { name: firstName })}
        description={t("home.subtitle", { business: context.tenant.name })}
      />
      {/* Staff viewing the account see the notices but cannot dismiss them (read-only). */}
      <TenantNotices tenantId={context.tenant.id} readOnly={!context.permissions.has("notices.dismiss")} />
      {!context.account ? <Alert tone="warning">{t("home.noAccount")}</Alert> : null}
      {context.account?.deauthorized ? <Alert tone="error">{t("home.disconnected")}</Alert> : null}
      {context.needsOnboarding && !context.permissions.has("onboarding.complete") ? (
        <Alert tone="info">{t("home.onboardingPending")}</Alert>
      ) : null}
      {/* The notification banner has no read-only mode: read-only profiles get the same facts from the mirror. */}
      {dueCount > 0 && !context.needsOnboarding && !context.enabled.has("notification_banner") ? (
        <Alert tone="warning">
          {t("home.requirementsDue", { count: dueCount })}{" "}
          <Link href="/account" className="font-medium underline">
            {t("home.requirementsLink")}
          </Link>
        </Alert>
      ) : null}
      <div className="space-y-6">
        {context.enabled.has("notification_banner") ? (
          <NotificationBannerView
            collectionOptions={connectCollectionOptions(getPlatformConfig().onboarding)}
          />
        ) : null}
        {context.enabled.has("reporting_chart") ? (
          <section>
            <h2 className="mb-3 text-base font-semibold">{t("home.earnings")}</h2>
            <ReportingChartView />
          </section>
        ) : null}
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
