import { NextIntlClientProvider } from "next-intl";
import { getFormatter, getMessages, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { requireSignedIn } from "@/lib/access/guards";
import { linkedIdentity } from "@/lib/sso/service";
import { getSsoSettings } from "@/lib/sso/settings";
import { SingleSignOnLinkPanel } from "./single-sign-on-link-panel";

/**
 * The signed-in person's company account: which IdP identity is linked, and linking or unlinking it (each after a
 * fresh step-up). A server component for any settings page to mount; it shows nothing when single sign-on is off,
 * when it is not for this kind of user, or while staff view an account (they change nothing of their own then).
 */
export async function SingleSignOnSection({
  returnTo,
  searchParams = {},
}: {
  /** The page it is mounted on: the link flow comes back here. */
  returnTo: string;
  /** That page's query (`sso`, `sso_error`: what the link flow or an unlink said on the way back). */
  searchParams?: { sso?: string | string[]; sso_error?: string | string[] };
}) {
  const settings = getSsoSettings();
  if (!settings) return null;
  const access = await requireSignedIn();
  if (!access.permissions.has("profile.credentials")) return null;
  if (access.platformRole ? !settings.staff : !settings.tenants) return null;
  const [identity, t, format, messages] = await Promise.all([
    linkedIdentity(access.user.id),
    getTranslations("sso"),
    getFormatter(),
    getMessages(),
  ]);
  const byCode = access.platformRole !== null || access.session.assurance.enrolled;
  return (
    <Card
      title={t("sectionTitle")}
      description={t("sectionDescription", { provider: settings.providerName })}
    >
      <NextIntlClientProvider messages={{ sso: messages.sso }}>
        <SingleSignOnLinkPanel
          linked={
            identity
              ? {
                  email: identity.email,
                  since: format.dateTime(new Date(identity.linkedAt), { dateStyle: "medium" }),
                }
              : null
          }
          stepUp={byCode ? "code" : "password"}
          returnTo={returnTo}
          outcome={{
            done: searchParams.sso === "linked" || searchParams.sso === "unlinked" ? searchParams.sso : null,
            error: typeof searchParams.sso_error === "string" ? searchParams.sso_error.slice(0, 40) : null,
          }}
        />
      </NextIntlClientProvider>
    </Card>
  );
}
