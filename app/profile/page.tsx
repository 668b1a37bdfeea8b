import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SettingsForm } from "@/app/(dashboard)/settings/settings-form";
import { AccountSettings } from "@/components/account-settings/account-settings";
import { SettingsProvider } from "@/components/settings/settings-provider";
import { AppShell } from "@/components/shell/app-shell";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/card";
import { requireSignedIn } from "@/lib/access/guards";
import { getPlatformConfig } from "@/lib/config";
import { navIcons } from "@/lib/navigation";
import { getUserSettings } from "@/lib/settings";

export const metadata: Metadata = { title: "Your account" };

/**
 * The account page of someone who belongs to no business (they left it, or were removed): they can still manage
 * their sign-in, download their data or delete the account. Members have the dashboard's Settings, staff the
 * console's.
 */
export default async function ProfilePage({
  searchParams,
}: {
  searchParams: Promise<{ emailChanged?: string; sso?: string | string[]; sso_error?: string | string[] }>;
}) {
  const access = await requireSignedIn();
  if (access.profile === "second_factor_pending") redirect("/two-factor");
  if (access.platformRole) redirect("/admin/settings");
  if (access.tenant) redirect("/settings");
  const t = await getTranslations("profile");
  const settings = await getUserSettings(access.user.id);
  const { emailChanged, ...ssoParams } = await searchParams;
  return (
    <SettingsProvider initial={settings} platformBrandColor={getPlatformConfig().brandColor}>
      <AppShell
        user={{ name: access.user.name, email: access.user.email, roleLabel: t("noBusinessRole") }}
        context={t("title")}
        links={[{ href: "/profile", icon: navIcons.account, label: t("title") }]}
        navLabel={t("title")}
        homeHref="/profile"
      >
        <PageHeader title={t("title")} description={t("description")} />
        <div className="mb-6">
          <Alert tone="info">{t("noBusiness")}</Alert>
        </div>
        <AccountSettings
          access={access}
          emailChanged={emailChanged === "1"}
          returnTo="/profile"
          searchParams={ssoParams}
        />
        <h2 className="mb-4 mt-10 text-lg font-semibold tracking-tight">{t("appearanceTitle")}</h2>
        <SettingsForm components={false} />
      </AppShell>
    </SettingsProvider>
  );
}
