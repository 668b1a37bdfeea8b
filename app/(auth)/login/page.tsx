import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { getCurrentSession } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { safeNextPath } from "@/lib/http/safe-redirect";
import { DEMO_PASSWORD, demoStaff, demoTenants } from "@/lib/seed/demo-data";
import { SingleSignOnButton } from "@/components/auth/single-sign-on-button";
import { ssoPublicInfo } from "@/lib/sso/settings";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string; sso_error?: string; deleted?: string }>;
}) {
  const { next, sso_error: ssoError, deleted } = await searchParams;
  // The single sign-on button only when an IdP is configured (OIDC_*); nothing about it is fetched to render it.
  const sso = ssoPublicInfo();
  const target = safeNextPath(next);
  if (await getCurrentSession()) redirect(target);
  const t = await getTranslations();
  const env = getEnv();
  const showDemo = env.stripe.mode === "sandbox" && !(env.isProduction && !env.isLocalApp);
  const demoEmails = [
    ...demoStaff.map((s) => s.email),
    ...demoTenants.flatMap((d) => d.members.map((m) => m.email)),
  ];
  return (
    <>
      <h1 className="text-xl font-semibold">{t("auth.loginTitle")}</h1>
      <p className="mb-6 mt-1 text-sm text-slate-500 dark:text-slate-400">{t("auth.loginSubtitle")}</p>
      {deleted === "1" ? (
        <div className="mb-4">
          <Alert tone="success">{t("profile.accountDeleted")}</Alert>
        </div>
      ) : null}
      <LoginForm next={target} />
      {sso ? (
        <>
          <div className="my-5 flex items-center gap-3 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
            <span className="h-px flex-1 bg-slate-200 dark:bg-slate-800" />
            {t("sso.or")}
            <span className="h-px flex-1 bg-slate-200 dark:bg-slate-800" />
          </div>
          <SingleSignOnButton
            label={sso.buttonLabel}
            next={next ? target : ""}
            initialError={typeof ssoError === "string" ? ssoError.slice(0, 40) : null}
          />
        </>
      ) : null}
      <p className="mt-6 text-center text-sm text-slate-500 dark:text-slate-400">
        {t("auth.noAccount")}{" "}
        <Link href="/signup" className="font-medium text-brand-ink hover:underline">
          {t("common.signUp")}
        </Link>
      </p>
      {showDemo ? (
        <details className="mt-6 rounded-lg bg-slate-50 p-3 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          <summary className="cursor-pointer font-medium">
            {t("auth.demoLogins", { password: DEMO_PASSWORD })}
          </summary>
          <ul className="mt-2 space-y-0.5 font-mono">
            {demoEmails.map((email) => (
              <li key={email}>{email}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}
