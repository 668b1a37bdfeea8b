import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { SettingsForm } from "@/app/(dashboard)/settings/settings-form";
import { AccountSettings } from "@/components/account-settings/account-settings";
import { SettingsProvider } from "@/components/settings/settings-provider";
import { PageHeader } from "@/components/ui/card";
import { requireConsole } from "@/lib/access/guards";
import { getPlatformConfig } from "@/lib/config";
import { getUserSettings } from "@/lib/settings";

export const metadata: Metadata = { title: "Your settings" };

/**
 * A staff member's own settings, in the console: the same account and security sections as the dashboard's (their
 * second factor cannot be removed, and an admin removes staff accounts), plus theme and language.
 */
export default async function AdminSettingsPage({
  searchParams,
}: {
  searchParams: Promise<{ emailChanged?: string; sso?: string | string[]; sso_error?: string | string[] }>;
}) {
  const access = await requireConsole("profile.credentials");
  const t = await getTranslations("profile");
  const messages = await getMessages();
  const settings = await getUserSettings(access.user.id);
  const { emailChanged, ...ssoParams } = await searchParams;
  return (
    // The console's layout hands its pages only the admin strings; these sections need their own.
    <NextIntlClientProvider
      messages={{
        profile: messages.profile,
        settings: messages.settings,
        auth: messages.auth,
        common: messages.common,
        passkeys: messages.passkeys,
      }}
    >
      <SettingsProvider initial={settings} platformBrandColor={getPlatformConfig().brandColor}>
        <PageHeader title={t("staffTitle")} description={t("staffDescription")} />
        <AccountSettings
          access={access}
          emailChanged={emailChanged === "1"}
          returnTo="/admin/settings"
          searchParams={ssoParams}
        />
        <h2 className="mb-4 mt-10 text-lg font-semibold tracking-tight">{t("appearanceTitle")}</h2>
        <SettingsForm components={false} />
      </SettingsProvider>
    </NextIntlClientProvider>
  );
}
