import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { requirePlatformRole } from "@/lib/auth/guards";
import { getPlatformConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Platform console" };

export default async function AdminOverviewPage() {
  await requirePlatformRole("admin", "support");
  const t = await getTranslations();
  return (
    <PageHeader
      title={t("admin.title")}
      description={t("admin.subtitle", { platform: getPlatformConfig().name })}
    />
  );
}
