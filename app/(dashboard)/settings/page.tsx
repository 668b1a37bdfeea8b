import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AccountSettings } from "@/components/account-settings/account-settings";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/card";
import { requireDashboard } from "@/lib/access/guards";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Settings" };

/**
 * The person's own settings: how the dashboard looks and speaks, and their account — email, password, second
 * factor, devices, payment mails, their data, deleting it. Open before onboarding is finished (an owner can change
 * a password before the account is set up); a staff member viewing the account sees none of it.
 */
export default async function SettingsPage({
  searchParams,
}: {
  searchParams: Promise<{ emailChanged?: string; sso?: string | string[]; sso_error?: string | string[] }>;
}) {
  const context = await requireDashboard({ onboarding: "allow" });
  const t = await getTranslations("settings");
  const tp = await getTranslations("profile");
  const { emailChanged, ...ssoParams } = await searchParams;
  if (!context.permissions.has("profile.settings")) {
    return (
      <>
        <PageHeader title={t("title")} description={t("description")} />
        <Alert tone="info">{t("readOnlyWhileViewing")}</Alert>
      </>
    );
  }
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <SettingsForm />
      <h2 className="mb-4 mt-10 text-lg font-semibold tracking-tight">{tp("sectionTitle")}</h2>
      <AccountSettings
        access={context}
        emailChanged={emailChanged === "1"}
        returnTo="/settings"
        searchParams={ssoParams}
      />
    </>
  );
}
