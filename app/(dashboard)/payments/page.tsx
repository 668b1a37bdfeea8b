import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PaymentsView } from "@/components/connect/embedded-components";
import { PageHeader } from "@/components/ui/card";
import { parsePaymentFilterQuery } from "@/lib/connect/payment-filters";
import { requireDashboard } from "@/lib/access/guards";

export const metadata: Metadata = { title: "Payments" };

export default async function PaymentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireDashboard({ anyOf: ["payments"] });
  const t = await getTranslations("pages");
  const filters = parsePaymentFilterQuery(await searchParams);
  return (
    <>
      <PageHeader title={t("paymentsTitle")} description={t("paymentsBody")} />
      <PaymentsView filters={filters} />
    </>
  );
}
