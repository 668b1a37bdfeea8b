import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata: Metadata = { title: "Reset your password" };

export default async function ForgotPasswordPage() {
  const t = await getTranslations();
  return (
    <>
      <h1 className="text-xl font-semibold">{t("auth.forgotTitle")}</h1>
      <p className="mb-6 mt-1 text-sm text-slate-500 dark:text-slate-400">{t("auth.forgotSubtitle")}</p>
      <ForgotPasswordForm />
      <p className="mt-6 text-center text-sm text-slate-500 dark:text-slate-400">
        <Link href="/login" className="font-medium text-brand-ink hover:underline">
          {t("auth.backToSignIn")}
        </Link>
      </p>
    </>
  );
}
