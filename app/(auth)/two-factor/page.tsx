import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EnrolSecondFactor, VerifySecondFactor } from "./second-factor-forms";
import { PasskeySignIn } from "@/components/auth/passkey-sign-in";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { hasPasskey } from "@/lib/auth/passkeys";
import { requireSignedIn } from "@/lib/access/guards";
import { safeNextPath } from "@/lib/http/safe-redirect";

export const metadata: Metadata = { title: "Second factor" };

/**
 * The second step of signing in: a code from the authenticator app (or a recovery code). Platform staff who have
 * none yet set one up here first — the console and every "view as" wait behind it.
 */
export default async function TwoFactorPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const access = await requireSignedIn();
  const home = access.platformRole ? "/admin" : "/";
  // Where the person was going (a mailed link opened before the code was given), on this site only.
  const { next } = await searchParams;
  const target = next ? safeNextPath(next, home) : null;
  if (access.profile !== "second_factor_pending") redirect(target ?? home);
  const t = await getTranslations("auth");
  const enrolled = access.session.assurance.enrolled;
  return (
    <>
      <h1 className="text-xl font-semibold">{enrolled ? t("twoFactorTitle") : t("enrolTitle")}</h1>
      <p className="mb-6 mt-1 text-sm text-slate-500 dark:text-slate-400">
        {enrolled ? t("twoFactorSubtitle") : t("enrolSubtitle")}
      </p>
      {enrolled && (await hasPasskey(access.user.id)) ? (
        <div className="mb-4">
          <PasskeySignIn next={target} />
        </div>
      ) : null}
      {enrolled ? <VerifySecondFactor next={target} /> : <EnrolSecondFactor />}
      <div className="mt-6 border-t border-slate-200 pt-4 dark:border-slate-800">
        <SignOutButton />
      </div>
    </>
  );
}
