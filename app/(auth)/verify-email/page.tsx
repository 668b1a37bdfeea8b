import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ConfirmSignUpForm } from "./confirm-sign-up-form";
import { LinkProblem } from "@/components/auth/link-problem";
import { describeSignUpLink } from "@/lib/tenancy/signup";

export const metadata: Metadata = { title: "Confirm your email", referrer: "no-referrer" };

/**
 * The mailed sign-up link. Looking at it uses nothing up (mail scanners open links): the account, the business and
 * its Stripe account are created when the person confirms with the password they chose.
 */
export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token = "" } = await searchParams;
  const t = await getTranslations("auth");
  let pending: Awaited<ReturnType<typeof describeSignUpLink>>;
  try {
    pending = await describeSignUpLink(token);
  } catch (error) {
    return <LinkProblem error={error} retryHref="/signup" />;
  }
  return (
    <>
      <h1 className="text-xl font-semibold">{t("verifyTitle")}</h1>
      <p className="mb-6 mt-1 text-sm text-slate-500 dark:text-slate-400">
        {t("verifySubtitle", { email: pending.email, business: pending.businessName })}
      </p>
      <ConfirmSignUpForm token={token} email={pending.email} />
    </>
  );
}
