import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TaxView } from "@/components/connect/embedded-components";
import { PageHeader } from "@/components/ui/card";
import { requireDashboard } from "@/lib/access/guards";

export const metadata: Metadata = { title: "Tax" };

export default async function TaxPage() {
  const context = await requireDashboard({ anyOf: ["tax_settings", "tax_registrations"] });
  const t = await getTranslations("pages");
  return (
    <>
      <PageHeader title={t("taxTitle")} description={t("taxBody")} />
      <TaxView
        settings={context.enabled.has("tax_settings")}
        registrations={context.enabled.has("tax_registrations")}
      />
    </>
  );
}
