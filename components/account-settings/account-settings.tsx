import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { AccessContext } from "@/lib/access/context";
import { getPlatformConfig } from "@/lib/config";
import { loadAccountOverview } from "@/lib/profile/overview";
import { AccountCard } from "./account-card";
import { DeleteAccountCard } from "./delete-account-card";
import { DevicesCard } from "./devices-card";
import { PasswordCard } from "./password-card";
import { PaymentMailsCard } from "./payment-mails-card";
import { SecondFactorCard } from "./second-factor-card";
import { PasskeysSection } from "@/components/auth/passkeys-section";
import { SingleSignOnSection } from "@/components/auth/single-sign-on-section";
import { listPasskeys } from "@/lib/auth/passkeys";

/**
 * A signed-in person's account and security: the same sections in the dashboard's Settings, the console's settings
 * and the page of someone who belongs to no business. What each section offers follows the permission table
 * (staff cannot delete themselves; only owners get payment mails).
 */
export async function AccountSettings({
  access,
  emailChanged = false,
  returnTo,
  searchParams = {},
}: {
  access: AccessContext;
  emailChanged?: boolean;
  /** The page it is on: the company-account link flow comes back to it. */
  returnTo: string;
  /** That page's query: what the link flow said on the way back (`sso`, `sso_error`). */
  searchParams?: { sso?: string | string[]; sso_error?: string | string[] };
}) {
  const t = await getTranslations("profile");
  const [overview, passkeys] = await Promise.all([loadAccountOverview(access), listPasskeys(access.user.id)]);
  const { name } = getPlatformConfig();
  const can = (permission: Parameters<typeof access.permissions.has>[0]) =>
    access.permissions.has(permission);
  return (
    <div className="space-y-6" data-testid="account-settings">
      {emailChanged ? (
        <Alert tone="success">{t("emailChangedNotice", { email: overview.user.email })}</Alert>
      ) : null}
      <AccountCard
        name={overview.user.name}
        email={overview.user.email}
        pending={overview.pendingEmail}
        stepUp={overview.stepUp}
      />
      {overview.hasPassword ? <PasswordCard /> : null}
      {can("second_factor.manage") ? (
        <SecondFactorCard state={overview.secondFactor} isStaff={overview.isStaff} platformName={name} />
      ) : null}
      {can("profile.credentials") ? (
        <PasskeysSection initial={passkeys} totpEnrolled={overview.secondFactor.enabled} />
      ) : null}
      <SingleSignOnSection returnTo={returnTo} searchParams={searchParams} />
      <DevicesCard sessions={overview.sessions} />
      {!overview.isStaff && overview.ownerOf.length > 0 && can("profile.settings") ? (
        <PaymentMailsCard enabled={overview.paymentMails} businesses={overview.ownerOf.map((b) => b.name)} />
      ) : null}
      {can("profile.export") ? (
        <Card title={t("dataTitle")} description={t("dataDescription", { platform: name })}>
          <a href="/api/profile/export" download className={buttonClasses("secondary")}>
            {t("download")}
          </a>
        </Card>
      ) : null}
      {can("profile.delete") ? (
        <DeleteAccountCard
          email={overview.user.email}
          stepUp={overview.stepUp}
          soleOwnerOf={overview.soleOwnerOf.map((b) => b.name)}
          teamHref={access.tenant ? "/team" : null}
        />
      ) : (
        <Card title={t("deleteTitle")}>
          <p className="text-sm text-slate-600 dark:text-slate-300">{t("staffDelete")}</p>
        </Card>
      )}
    </div>
  );
}
