import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BalancesView } from "@/components/connect/embedded-components";
import { PageHeader } from "@/components/ui/card";
import { requireDashboardPage } from "@/lib/dashboard/context";

export const metadata: Metadata = { title: "Balances" };

export default async function BalancesPage() {
  await requireDashboardPage({ anyOf: ["balances"] });
  const t = await getTranslations("pages");
  return (
    <>
      <PageHeader title={t("balancesTitle")} description={t("balancesBody")} />
      <BalancesView />
    </>
  );
}
