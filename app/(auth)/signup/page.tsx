import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getCurrentSession } from "@/lib/auth/session";
import { getPlatformConfig } from "@/lib/config";
import { SignupForm } from "./signup-form";

export const metadata: Metadata = { title: "Create account" };

export default async function SignupPage() {
  if (await getCurrentSession()) redirect("/");
  const t = await getTranslations();
  return (
    <>
      <h1 className="text-xl font-semibold">{t("auth.signupTitle")}</h1>
      <p className="mb-6 mt-1 text-sm text-slate-500 dark:text-slate-400">
        {t("auth.signupSubtitle", { platform: getPlatformConfig().name })}
      </p>
      <SignupForm />
      <p className="mt-6 text-center text-sm text-slate-500 dark:text-slate-400">
        {t("auth.haveAccount")}{" "}
        <Link href="/login" className="font-medium text-brand-ink hover:underline">
          {t("common.signIn")}
        </Link>
      </p>
    </>
  );
}
