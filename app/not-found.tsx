import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/ui/status-page";

export default async function NotFound() {
  const t = await getTranslations();
  return (
    <StatusPage
      code="404"
      title={t("errors.notFoundTitle")}
      body={t("errors.notFoundBody")}
      linkLabel={t("errors.goHome")}
    />
  );
}
