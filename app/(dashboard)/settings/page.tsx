import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/card";
import { requireDashboard } from "@/lib/access/guards";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const context = await requireDashboard();
  const t = await getTranslations("settings");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {context.permissions.has("profile.settings") ? (
        <SettingsForm />
      ) : (
        <Alert tone="info">{t("readOnlyWhileViewing")}</Alert>
      )}
    </>
  );
}
