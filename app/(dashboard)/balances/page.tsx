import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BalancesView } from "@/components/connect/embedded-components";
import { PageHeader } from "@/components/ui/card";
import { requireDashboard } from "@/lib/access/guards";

export const metadata: Metadata = { title: "Balances" };

export default async function BalancesPage() {
  await requireDashboard({ anyOf: ["balances"] });
  const t = await getTranslations("pages");
  return (
    <>
      <PageHeader title={t("balancesTitle")} description={t("balancesBody")} />
      <BalancesView />
    </>
  );
}
