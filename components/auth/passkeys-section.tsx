"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { parseApiError } from "@/lib/http/api-error";
import { createPasskey, usePasskeysSupported, postJson } from "./passkey-client";

export interface PasskeyRow {
  id: string;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
  backedUp: boolean;
}

/**
 * The person's passkeys in Settings: each with when it was added and last used, "Remove", and "Add a passkey"
 * (a name, a current code from the authenticator app, then the browser's own dialog).
 */
export function PasskeysSection({
  initial,
  totpEnrolled,
}: {
  initial: PasskeyRow[];
  /** Passkeys are added beside an authenticator app, never instead of one. */
  totpEnrolled: boolean;
}) {
  const t = useTranslations("passkeys");
  const format = useFormatter();
  const [passkeys, setPasskeys] = useState(initial);
  const supported = usePasskeysSupported();
  const [adding, setAdding] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);

  const date = (ms: number) => format.dateTime(new Date(ms), { dateStyle: "medium" });

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get("passkey-name") ?? "").trim();
    const code = String(form.get("passkey-code") ?? "").trim();
    setError(null);
    setNotice(null);
    const missing: Record<string, string> = {};
    if (!name) missing.name = t("nameHint");
    if (!code) missing.code = t("code");
    setFieldErrors(missing);
    if (Object.keys(missing).length > 0) return;
    setPending(true);
    const created = await createPasskey(code);
    if (!created.ok) {
      const apiError = created.error;
      if (apiError?.fields?.code) setFieldErrors({ code: apiError.fields.code });
      else setError(created.cancelled ? t("cancelled") : (apiError?.message ?? t("failed")));
      setPending(false);
      return;
    }
    const saved = await postJson("/api/passkeys", { name, response: created.value });
    const data = saved.data;
    if (saved.ok && typeof data === "object" && data !== null && "passkey" in data) {
      setPasskeys((list) => [...list, data.passkey as PasskeyRow]);
      setAdding(false);
      setNotice(t("added"));
    } else {
      setError(parseApiError(data)?.message ?? t("failed"));
    }
    setPending(false);
  }

  async function remove(passkey: PasskeyRow) {
    if (!window.confirm(t("removeConfirm", { name: passkey.name }))) return;
    setError(null);
    setNotice(null);
    const response = await fetch(`/api/passkeys/${encodeURIComponent(passkey.id)}`, {
      method: "DELETE",
    }).catch(() => null);
    if (response?.ok) {
      setPasskeys((list) => list.filter((p) => p.id !== passkey.id));
      setNotice(t("removed"));
    } else {
      setError(parseApiError(await response?.json().catch(() => null))?.message ?? t("failed"));
    }
  }

  return (
    <Card title={t("title")} description={t("description")}>
      <div className="space-y-4" data-testid="passkeys">
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        {error ? <Alert tone="error">{error}</Alert> : null}
        {passkeys.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">{t("none")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {passkeys.map((passkey) => (
              <li key={passkey.id} className="flex flex-wrap items-center justify-between gap-3 py-2">
                <div className="min-w-0">
                  <p className="truncate text-sm font-medium">{passkey.name}</p>
                  <p className="text-xs text-slate-500 dark:text-slate-400">
                    {t("created", { date: date(passkey.createdAt) })} ·{" "}
                    {passkey.lastUsedAt ? t("lastUsed", { date: date(passkey.lastUsedAt) }) : t("neverUsed")}
                    {passkey.backedUp ? ` · ${t("synced")}` : ""}
                  </p>
                </div>
                <Button variant="secondary" onClick={() => remove(passkey)}>
                  {t("remove")}
                </Button>
              </li>
            ))}
          </ul>
        )}
        {!totpEnrolled ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">{t("needsTotp")}</p>
        ) : !supported ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">{t("unsupported")}</p>
        ) : adding ? (
          <form onSubmit={add} className="space-y-3 sm:max-w-sm" noValidate>
            <Field
              id="passkey-name"
              name="passkey-name"
              label={t("name")}
              hint={t("nameHint")}
              maxLength={60}
              error={fieldErrors.name}
              required
            />
            <Field
              id="passkey-code"
              name="passkey-code"
              label={t("code")}
              autoComplete="one-time-code"
              inputMode="numeric"
              error={fieldErrors.code}
              required
            />
            <div className="flex gap-2">
              <Button type="submit" disabled={pending}>
                {pending ? t("waiting") : t("create")}
              </Button>
              <Button variant="ghost" onClick={() => setAdding(false)} disabled={pending}>
                {t("cancel")}
              </Button>
            </div>
          </form>
        ) : (
          <Button variant="secondary" onClick={() => setAdding(true)}>
            {t("add")}
          </Button>
        )}
      </div>
    </Card>
  );
}
