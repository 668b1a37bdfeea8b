import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/ui/status-page";

export default async function Forbidden() {
  const t = await getTranslations();
  return (
    <StatusPage
      code="403"
      title={t("errors.forbiddenTitle")}
      body={t("errors.forbiddenBody")}
      linkLabel={t("errors.goHome")}
    />
  );
}
