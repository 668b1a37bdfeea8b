import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { DisputesView } from "@/components/connect/embedded-components";
import { PageHeader } from "@/components/ui/card";
import { requireDashboard } from "@/lib/access/guards";

export const metadata: Metadata = { title: "Disputes" };

export default async function DisputesPage() {
  await requireDashboard({ anyOf: ["disputes_list"] });
  const t = await getTranslations("pages");
  return (
    <>
      <PageHeader title={t("disputesTitle")} description={t("disputesBody")} />
      <DisputesView />
    </>
  );
}
