import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { TenantNotices } from "@/components/dashboard/tenant-notices";
import { FirstRun } from "@/components/dashboard/first-run";
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
import { accountHasPayments } from "@/lib/connect/first-payment";
import { getEnv } from "@/lib/env";
import { findFirstOwnerName } from "@/lib/tenancy/queries";
import { TestDataPanel } from "./test-data-panel";

/** The test payout's amount, in the currency's smallest unit. */
const TEST_PAYOUT_AMOUNT = 1_000;

function firstNameOf(name: string): string {
  return name.split(" ")[0] || name;
}

export default async function HomePage() {
  const context = await requireDashboard();
  const t = await getTranslations();
  const { plan, account, impersonation } = context;
  const [paid, ownerName] = await Promise.all([
    // A usable account that has taken no payment yet gets the first-run Home; null (unknown) shows the usual one.
    plan && account && !context.needsOnboarding ? accountHasPayments(plan.accountId) : null,
    // Staff viewing the account see the business's Home as its owner does: the owner greeted, not the viewer.
    impersonation ? findFirstOwnerName(context.tenant.id) : null,
  ]);
  const greeted = impersonation ? ownerName : context.session.user.name;
  const firstRun = paid === false && account !== null;
  const due = account?.requirements;
  const dueCount = due ? new Set([...due.pastDue, ...due.currentlyDue]).size : 0;
  const showTestData =
    context.permissions.has("test_data.create") && getEnv().stripe.mode !== "live" && account !== null;
  return (
    <>
      <PageHeader
        title={greeted ? t("home.title", { name: firstNameOf(greeted) }) : t("home.titleBusiness")}
        description={t("home.subtitle", { business: context.tenant.name })}
      />
      {/* Staff viewing the account see the notices but cannot dismiss them (read-only). */}
      <TenantNotices tenantId={context.tenant.id} readOnly={!context.permissions.has("notices.dismiss")} />
      {!account ? <Alert tone="warning">{t("home.noAccount")}</Alert> : null}
      {account?.deauthorized ? <Alert tone="error">{t("home.disconnected")}</Alert> : null}
      {context.needsOnboarding && !context.permissions.has("onboarding.complete") ? (
        <Alert tone="info">{t("home.onboardingPending")}</Alert>
      ) : null}
      {/* The notification banner has no read-only mode: read-only profiles get the same facts from the mirror. The
          first-run Home says the same in its first step. */}
      {dueCount > 0 &&
      !firstRun &&
      !context.needsOnboarding &&
      !context.enabled.has("notification_banner") ? (
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
        {firstRun ? (
          <FirstRun
            account={account}
            checkoutUrl={new URL(`/pay/${context.tenant.slug}`, getEnv().appUrl).toString()}
            canManageAccount={context.permissions.has("account.manage")}
            canOnboard={context.permissions.has("onboarding.complete")}
          />
        ) : (
          <>
            {/* Each component titles its own section (net volume, balances, payments): no heading of ours above. */}
            {context.enabled.has("reporting_chart") ? <ReportingChartView /> : null}
            {context.enabled.has("balances") ? <BalancesView /> : null}
            {context.enabled.has("payments") ? <PaymentsView filters={{}} /> : null}
          </>
        )}
        {showTestData ? (
          <TestDataPanel
            payout={{
              amount: TEST_PAYOUT_AMOUNT,
              currency: getPlatformConfig().connectedAccounts.defaultCurrency,
            }}
          />
        ) : null}
      </div>
    </>
  );
}
