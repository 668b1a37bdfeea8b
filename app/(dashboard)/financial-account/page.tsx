import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { FinancialAccountView } from "@/components/connect/embedded-components";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/card";
import { requireDashboard } from "@/lib/access/guards";
import { callStripe } from "@/lib/stripe/call";
import { getStripe } from "@/lib/stripe/client";
import { actingFor } from "@/lib/connect/accounts-api";

export const metadata: Metadata = { title: "Financial account" };

// Only reachable when the platform offers financial accounts and the account has the treasury capability.
export default async function FinancialAccountPage() {
  const context = await requireDashboard({ anyOf: ["financial_account"] });
  const t = await getTranslations("pages");
  const accountId = context.tenant.stripeAccountId;
  const list = accountId
    ? await callStripe((options) => getStripe().treasury.financialAccounts.list({ limit: 1 }, options), {
        ...actingFor(accountId),
      }).catch(() => null)
    : null;
  const financialAccount = list?.data[0]?.id ?? null;
  return (
    <>
      <PageHeader title={t("financialAccountTitle")} description={t("financialAccountBody")} />
      {financialAccount ? (
        <FinancialAccountView
          financialAccount={financialAccount}
          transactions={context.enabled.has("financial_account_transactions")}
        />
      ) : (
        <Alert tone="info">{t("financialAccountNone")}</Alert>
      )}
    </>
  );
}
