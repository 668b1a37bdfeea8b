import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { DocumentsView } from "@/components/connect/embedded-components";
import { PageHeader } from "@/components/ui/card";
import { requireDashboard } from "@/lib/access/guards";

export const metadata: Metadata = { title: "Documents" };

export default async function DocumentsPage() {
  await requireDashboard({ anyOf: ["documents"] });
  const t = await getTranslations("pages");
  return (
    <>
      <PageHeader title={t("documentsTitle")} description={t("documentsBody")} />
      <DocumentsView />
    </>
  );
}
