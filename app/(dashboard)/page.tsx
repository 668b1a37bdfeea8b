import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { requireTenantRole } from "@/lib/auth/guards";

export default async function HomePage() {
  const context = await requireTenantRole();
  const t = await getTranslations();
  return (
    <PageHeader
      title={t("home.title", { name: context.session.user.name.split(" ")[0] ?? context.session.user.name })}
      description={t("home.subtitle", { business: context.tenant.name })}
    />
  );
}
