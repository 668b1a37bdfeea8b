import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { InvitationActions } from "./invitation-actions";
import { LinkProblem } from "@/components/auth/link-problem";
import { Alert } from "@/components/ui/alert";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { getAccess } from "@/lib/access/context";
import { describeInvitation } from "@/lib/tenancy/invitations";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

/**
 * The mailed invitation. Joining takes this link and an account whose verified email is the invited one: someone
 * without an account creates it here (the link proves the address), someone with one signs in first, and anyone
 * else signed in is told the invitation is not theirs.
 */
export default async function InvitationPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token = "" } = await searchParams;
  const t = await getTranslations();
  let invitation: Awaited<ReturnType<typeof describeInvitation>>;
  try {
    invitation = await describeInvitation(token);
  } catch (error) {
    return <LinkProblem error={error} retryHref="/login" />;
  }
  const access = await getAccess();
  const here = `/invite?token=${encodeURIComponent(token)}`;
  const role = t(`roles.${invitation.role}`);
  let body;
  if (!access) {
    body = invitation.hasAccount ? (
      <p className="text-center text-sm">
        <Link
          href={`/login?next=${encodeURIComponent(here)}`}
          className="font-medium text-brand-ink hover:underline"
        >
          {t("auth.inviteSignIn", { email: invitation.email })}
        </Link>
      </p>
    ) : (
      <InvitationActions mode="register" token={token} email={invitation.email} />
    );
  } else if (access.platformRole) {
    body = <Alert tone="warning">{t("auth.inviteStaff")}</Alert>;
  } else if (access.user.email.toLowerCase() !== invitation.email) {
    body = (
      <div className="space-y-4">
        <Alert tone="warning">
          {t("auth.inviteWrongUser", { email: invitation.email, current: access.user.email })}
        </Alert>
        <SignOutButton />
      </div>
    );
  } else {
    body = <InvitationActions mode="accept" token={token} email={invitation.email} />;
  }
  return (
    <>
      <h1 className="text-xl font-semibold">{t("auth.inviteTitle", { business: invitation.tenantName })}</h1>
      <p className="mb-6 mt-1 text-sm text-slate-500 dark:text-slate-400">
        {t("auth.inviteSubtitle", { email: invitation.email, role })}
      </p>
      {body}
    </>
  );
}
