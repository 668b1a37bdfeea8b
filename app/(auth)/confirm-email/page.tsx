import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { getAccess } from "@/lib/access/context";
import { AppError } from "@/lib/errors";
import { describeEmailChangeLink } from "@/lib/profile/email-change";
import { settingsPath } from "@/lib/profile/step-up";
import { ConfirmEmailForm } from "./confirm-email-form";

export const metadata: Metadata = { title: "Confirm your new email", referrer: "no-referrer" };

const problems = {
  token_invalid: "linkInvalid",
  token_expired: "linkExpired",
  token_used: "linkUsed",
  wrong_user: "linkWrongUser",
} as const;

/**
 * The link mailed to a new address. Only the person who asked can use it, signed in (a visitor signs in first and
 * comes back here); looking at it changes nothing, the button does — so a mail scanner that opens links cannot.
 */
export default async function ConfirmEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token = "" } = await searchParams;
  const access = await getAccess();
  if (!access) redirect(`/login?next=${encodeURIComponent(`/confirm-email?token=${token}`)}`);
  // The code first, then back here.
  if (access.profile === "second_factor_pending") {
    redirect(`/two-factor?next=${encodeURIComponent(`/confirm-email?token=${token}`)}`);
  }
  const t = await getTranslations("profile");
  const back = settingsPath(access);

  let problem: string | null = null;
  let newEmail = "";
  if (!access.permissions.has("profile.credentials")) {
    problem = t("linkWhileViewing");
  } else {
    try {
      newEmail = (await describeEmailChangeLink(token, access.user)).newEmail;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const key = problems[error.details.reason as keyof typeof problems];
      problem = key ? t(key) : error.message;
    }
  }

  return (
    <>
      <h1 className="text-xl font-semibold">{problem ? t("linkProblemTitle") : t("confirmTitle")}</h1>
      {problem ? (
        <div className="mt-4" data-testid="link-problem">
          <Alert tone="error">{problem}</Alert>
        </div>
      ) : (
        <>
          <p className="mb-6 mt-1 text-sm text-slate-500 dark:text-slate-400">
            {t.rich("confirmBody", {
              current: access.user.email,
              email: newEmail,
              strong: (chunks) => (
                <strong className="break-all text-slate-800 dark:text-slate-100">{chunks}</strong>
              ),
            })}
          </p>
          <ConfirmEmailForm token={token} />
        </>
      )}
      <p className="mt-6 text-center text-sm">
        <Link href={back} className="font-medium text-brand-ink hover:underline">
          {t("backToSettings")}
        </Link>
      </p>
    </>
  );
}
