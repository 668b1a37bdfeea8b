import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TaxView } from "@/components/connect/embedded-components";
import { TaxSummaryView } from "@/components/dashboard/tax-summary";
import { PageHeader } from "@/components/ui/card";
import { requireDashboard } from "@/lib/access/guards";

export const metadata: Metadata = { title: "Tax" };

/**
 * The account's tax setup: Stripe's tax components for those who may change it (owners), and for views of the
 * account a read-only summary Portico reads from Stripe (the components have no read-only mode).
 */
export default async function TaxPage() {
  const context = await requireDashboard();
  const t = await getTranslations("pages");
  const settings = context.enabled.has("tax_settings");
  const registrations = context.enabled.has("tax_registrations");
  const summaryFor = !settings && !registrations && context.taxSummary ? context.plan?.accountId : undefined;
  if (!settings && !registrations && !summaryFor) forbidden();
  return (
    <>
      <PageHeader title={t("taxTitle")} description={t("taxBody")} />
      {summaryFor ? (
        <TaxSummaryView accountId={summaryFor} />
      ) : (
        <TaxView settings={settings} registrations={registrations} />
      )}
    </>
  );
}
