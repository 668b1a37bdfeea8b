import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ReportsView } from "@/components/connect/embedded-components";
import { PageHeader } from "@/components/ui/card";
import { requireDashboard } from "@/lib/access/guards";

export const metadata: Metadata = { title: "Reports" };

export default async function ReportsPage() {
  const context = await requireDashboard({ anyOf: ["balance_report", "payout_reconciliation_report"] });
  const t = await getTranslations("pages");
  return (
    <>
      <PageHeader title={t("reportsTitle")} description={t("reportsBody")} />
      <ReportsView
        balance={context.enabled.has("balance_report")}
        reconciliation={context.enabled.has("payout_reconciliation_report")}
      />
    </>
  );
}
