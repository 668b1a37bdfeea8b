import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ResetPasswordForm } from "./reset-password-form";
import { LinkProblem } from "@/components/auth/link-problem";
import { peekToken } from "@/lib/auth/tokens";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token = "" } = await searchParams;
  const t = await getTranslations("auth");
  try {
    // Looking uses nothing up (mail scanners open links), but a spent or replaced link says so before any typing.
    await peekToken("reset_password", token);
  } catch (error) {
    return <LinkProblem error={error} retryHref="/forgot-password" />;
  }
  return (
    <>
      <h1 className="text-xl font-semibold">{t("resetTitle")}</h1>
      <p className="mb-6 mt-1 text-sm text-slate-500 dark:text-slate-400">{t("resetSubtitle")}</p>
      <ResetPasswordForm token={token} />
    </>
  );
}
