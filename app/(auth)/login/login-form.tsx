"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { parseApiError } from "@/lib/http/api-error";

type Translate = ReturnType<typeof useTranslations>;

/** What went wrong, in words that say what happened and for how long (a network's limit is not a lockout). */
function signInError(status: number, data: unknown, retryAfter: string | null, t: Translate): string {
  const error = parseApiError(data);
  const seconds = Math.max(1, Math.ceil(Number(error?.retryAfterSeconds ?? retryAfter ?? 10) || 10));
  if (error?.code === "account_locked") return t("auth.accountLocked", { minutes: Math.ceil(seconds / 60) });
  if (status === 429) return t("auth.tooManyAttempts", { seconds });
  if (error?.code === "ACCOUNT_DISABLED") return t("auth.accountDisabled");
  if (error?.code === "EMAIL_NOT_VERIFIED") return t("auth.emailNotVerified");
  if (status === 401) return t("auth.invalidCredentials");
  return t("auth.genericError");
}

export function LoginForm({ next }: { next: string }) {
  const t = useTranslations();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setPending(true);
    const form = new FormData(event.currentTarget);
    try {
      const response = await fetch("/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: form.get("email"), password: form.get("password") }),
      });
      if (response.ok) {
        // A full page load: the dashboard starts with a fresh Connect instance.
        window.location.assign(next);
        return;
      }
      const data: unknown = await response.json().catch(() => null);
      setError(signInError(response.status, data, response.headers.get("retry-after"), t));
    } catch {
      setError(t("auth.genericError"));
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Field id="email" name="email" type="email" label={t("auth.email")} autoComplete="email" required />
      <Field
        id="password"
        name="password"
        type="password"
        label={t("auth.password")}
        autoComplete="current-password"
        required
      />
      <p className="-mt-2 text-right text-sm">
        <Link href="/forgot-password" className="font-medium text-brand-ink hover:underline">
          {t("auth.forgotPassword")}
        </Link>
      </p>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("common.loading") : t("common.signIn")}
      </Button>
    </form>
  );
}
