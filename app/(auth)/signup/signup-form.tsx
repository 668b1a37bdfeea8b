"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { parseApiError } from "@/lib/http/api-error";

type FieldName = "name" | "email" | "password" | "businessName";

export function SignupForm() {
  const t = useTranslations();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setFieldErrors({});
    setPending(true);
    const form = new FormData(event.currentTarget);
    const body = Object.fromEntries(
      ["name", "email", "password", "businessName"].map((k) => [k, String(form.get(k) ?? "")]),
    );
    try {
      const response = await fetch("/api/signup", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const data: unknown = await response.json().catch(() => null);
      if (response.ok) {
        const target =
          typeof data === "object" && data !== null && "redirectTo" in data ? data.redirectTo : null;
        window.location.assign(typeof target === "string" ? target : "/");
        return;
      }
      const apiError = parseApiError(data);
      if (apiError?.fields) setFieldErrors(apiError.fields);
      else if (apiError?.code === "email_taken") setError(t("auth.emailTaken"));
      else if (response.status === 429) setError(t("auth.tooManyAttempts"));
      else setError(apiError?.message ?? t("auth.genericError"));
    } catch {
      setError(t("auth.genericError"));
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Field
        id="name"
        name="name"
        label={t("auth.name")}
        autoComplete="name"
        required
        error={fieldErrors.name}
      />
      <Field
        id="businessName"
        name="businessName"
        label={t("auth.businessName")}
        autoComplete="organization"
        required
        error={fieldErrors.businessName}
      />
      <Field
        id="email"
        name="email"
        type="email"
        label={t("auth.email")}
        autoComplete="email"
        required
        error={fieldErrors.email}
      />
      <Field
        id="password"
        name="password"
        type="password"
        label={t("auth.password")}
        hint={t("auth.passwordHint")}
        autoComplete="new-password"
        minLength={8}
        required
        error={fieldErrors.password}
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("common.loading") : t("common.signUp")}
      </Button>
    </form>
  );
}
