"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { parseApiError } from "@/lib/http/api-error";

export interface ApiFormField {
  name: string;
  /** The input's id when several forms on one page have a field of the same name; the name otherwise. */
  id?: string;
  label: string;
  type?: "text" | "email" | "password";
  autoComplete?: string;
  hint?: string;
  defaultValue?: string;
  readOnly?: boolean;
  inputMode?: "numeric" | "text";
}

/**
 * A form that posts JSON to one of Portico's routes: field errors under their fields, other errors above, and on
 * success either the route's `redirectTo` (a full page load, so the next page starts fresh) or `success`.
 */
export function ApiForm({
  endpoint,
  method = "POST",
  fields,
  hidden = {},
  submitLabel,
  submitVariant = "primary",
  success,
  onSuccess,
  children,
}: {
  endpoint: string;
  method?: "POST" | "PUT" | "PATCH" | "DELETE";
  fields: ApiFormField[];
  hidden?: Record<string, string>;
  submitLabel: string;
  submitVariant?: "primary" | "danger";
  /** Shown in place of the form when the route answers without a redirect. */
  success?: ReactNode;
  /** Called with the route's answer instead of following `redirectTo` (the form is then cleared). */
  onSuccess?: (data: unknown) => void;
  children?: ReactNode;
}) {
  const t = useTranslations();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setFieldErrors({});
    setPending(true);
    const element = event.currentTarget;
    const form = new FormData(element);
    const body: Record<string, string> = { ...hidden };
    // Read-only fields only show what the link already says; the server takes it from the link.
    for (const field of fields) if (!field.readOnly) body[field.name] = String(form.get(field.name) ?? "");
    try {
      const response = await fetch(endpoint, {
        method,
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const data: unknown = await response.json().catch(() => null);
      if (response.ok) {
        if (onSuccess) {
          element.reset();
          onSuccess(data);
          setPending(false);
          return;
        }
        const target =
          typeof data === "object" && data !== null && "redirectTo" in data ? data.redirectTo : null;
        if (typeof target === "string") {
          window.location.assign(target);
          return;
        }
        setDone(true);
        setPending(false);
        return;
      }
      const apiError = parseApiError(data);
      if (apiError?.fields && Object.keys(apiError.fields).some((k) => fields.some((f) => f.name === k))) {
        setFieldErrors(apiError.fields);
      } else if (response.status === 429 && !apiError) {
        setError(t("auth.genericError"));
      } else {
        setError(apiError?.message ?? t("auth.genericError"));
      }
    } catch {
      setError(t("auth.genericError"));
    }
    setPending(false);
  }

  if (done && success) return <div role="status">{success}</div>;
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {fields.map((field) => (
        <Field
          key={field.name}
          id={field.id ?? field.name}
          name={field.name}
          type={field.type ?? "text"}
          label={field.label}
          autoComplete={field.autoComplete}
          hint={field.hint}
          defaultValue={field.defaultValue}
          readOnly={field.readOnly}
          inputMode={field.inputMode}
          error={fieldErrors[field.name]}
          required
        />
      ))}
      {children}
      <Button type="submit" variant={submitVariant} className="w-full" disabled={pending}>
        {pending ? t("common.loading") : submitLabel}
      </Button>
    </form>
  );
}
