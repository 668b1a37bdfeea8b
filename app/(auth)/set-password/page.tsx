import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SetPasswordForm } from "./set-password-form";
import { LinkProblem } from "@/components/auth/link-problem";
import { describeSetPasswordLink } from "@/lib/auth/set-password";

export const metadata: Metadata = { title: "Choose your password", referrer: "no-referrer" };

/**
 * The set-password link of a new staff member (an admin's invitation, or `npm run staff:create`): they choose their
 * password, are signed in, and set up their second factor before the console opens.
 */
export default async function SetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token = "" } = await searchParams;
  const t = await getTranslations();
  let link: Awaited<ReturnType<typeof describeSetPasswordLink>>;
  try {
    // Looking does not use the link up: only saving the password does.
    link = await describeSetPasswordLink(token);
  } catch (error) {
    return <LinkProblem error={error} retryHref="/login" />;
  }
  return (
    <>
      <h1 className="text-xl font-semibold">{t("auth.setPasswordTitle")}</h1>
      <p className="mb-6 mt-1 text-sm text-slate-500 dark:text-slate-400">
        {link.role
          ? t("auth.setPasswordSubtitle", { name: link.name, role: t(`roles.${link.role}`) })
          : t("auth.setPasswordSubtitlePlain", { name: link.name })}
      </p>
      <SetPasswordForm token={token} email={link.email} />
    </>
  );
}
