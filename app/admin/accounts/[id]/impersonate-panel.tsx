"use client";

import { useTranslations } from "next-intl";
import { useEffect, useEffectEvent, useState, type FormEvent } from "react";
import {
  beginIdpStepUp,
  IdpConfirmButton,
  takeIdpStepUpReturn,
  type IdpStepUpReturn,
} from "@/components/auth/idp-step-up";
import { ssoErrorText } from "@/components/auth/sso-messages";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import {
  REASON_MAX_LENGTH,
  REASON_MIN_CHARACTERS,
  reasonProblem,
  reasonMessageKeys,
} from "@/lib/audit/reason";
import { parseApiError } from "@/lib/http/api-error";
import { PasskeyStepUpButton } from "@/components/auth/passkey-step-up-button";
import type { AuthenticationResponseJSON } from "@simplewebauthn/browser";
import { STEP_UP_ERROR_CODES } from "@/lib/access/step-up-errors";

/** The redirect the server answers with, if it is a path on this site. */
function redirectOf(data: unknown): string {
  const target = typeof data === "object" && data !== null && "redirectTo" in data ? data.redirectTo : null;
  return typeof target === "string" && target.startsWith("/") && !target.startsWith("//") ? target : "/";
}

/**
 * "View as this account": a mandatory reason, an explicit confirmation and a current code from the staff member's authenticator (step-up), then
 * the server starts the impersonation (and writes it to the audit log) and a full page load opens the tenant's
 * dashboard in that mode.
 */

export function ImpersonatePanel({
  accountId,
  businessName,
  disabledReason,
  idpProviderName = null,
  hasPasskey = false,
}: {
  accountId: string;
  businessName: string;
  /** Why it cannot start (no linked tenant); the form is shown disabled with this explanation. */
  disabledReason: string | null;
  /** For staff linked to the identity provider: its name, for "Confirm with <IdP>" instead of a code. */
  idpProviderName?: string | null;
  /** The staff member has a passkey: "Confirm with a passkey" instead of a code. */
  hasPasskey?: boolean;
}) {
  const t = useTranslations("admin.impersonate");
  const ts = useTranslations("sso");
  const [reason, setReason] = useState("");
  const [confirmed, setConfirmed] = useState(false);
  const [password, setPassword] = useState("");
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const disabled = disabledReason !== null;

  /** The reason and confirmation are right; says what is missing otherwise. */
  function formReady(): boolean {
    setError(null);
    const problem = reasonProblem(reason);
    if (problem) {
      setReasonError(t(reasonMessageKeys[problem], { min: REASON_MIN_CHARACTERS }));
      return false;
    }
    setReasonError(null);
    if (!confirmed) {
      setError(t("confirmRequired"));
      return false;
    }
    return true;
  }

  async function send(
    proof: { code: string } | { grant: string } | { passkey: AuthenticationResponseJSON },
    why: string,
  ) {
    setPending(true);
    const response = await fetch("/api/admin/impersonation", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ accountId, reason: why, confirm: true, ...proof }),
    }).catch(() => null);
    const data: unknown = await response?.json().catch(() => null);
    if (response?.status === 201) {
      // A full page load, so the dashboard starts with a fresh Connect instance for this account.
      window.location.assign(redirectOf(data));
      return;
    }
    setPending(false);
    // Never kept after an attempt, right or wrong.
    setPassword("");
    const apiError = parseApiError(data);
    if (apiError?.fields?.reason) setReasonError(apiError.fields.reason);
    if (apiError && STEP_UP_ERROR_CODES.has(apiError.code)) {
      setPasswordError(ssoErrorText(ts, apiError.code) ?? apiError.message);
      return;
    }
    setError(apiError?.message ?? t("failed"));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!formReady()) return;
    if (password === "") {
      setPasswordError(t("passwordRequired"));
      return;
    }
    setPasswordError(null);
    await send({ code: password }, reason);
  }

  async function confirmWithIdp() {
    if (!formReady()) return;
    setPasswordError(null);
    setPending(true);
    const problem = await beginIdpStepUp("view_as.start", accountId, { reason, confirmed }, ts);
    if (problem) {
      setPending(false);
      setError(problem);
    }
  }

  // Back from the IdP: restore what was typed, then open the view with the grant (or say why not).
  const resumeAfterIdp = useEffectEvent(async (back: IdpStepUpReturn) => {
    if (back.kept) {
      setReason(back.kept.reason);
      setConfirmed(back.kept.confirmed);
    }
    if (back.grant && back.kept?.confirmed) {
      await send({ grant: back.grant }, back.kept.reason);
      return;
    }
    setError(ssoErrorText(ts, back.error ?? "step_up_grant_invalid") ?? t("failed"));
  });

  useEffect(() => {
    const back = takeIdpStepUpReturn("view_as.start", accountId);
    // Applied after hydration: the page's server render cannot know what this tab kept.
    if (back) void Promise.resolve(back).then(resumeAfterIdp);
  }, [accountId]);

  return (
    <section
      aria-labelledby="impersonate-title"
      className="rounded-xl border border-amber-200 bg-amber-50/60 p-5 shadow-sm dark:border-amber-900 dark:bg-amber-950/40"
      data-testid="impersonate-panel"
    >
      <h2 id="impersonate-title" className="text-base font-semibold">
        {t("title")}
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
        {t("description", { business: businessName })}
      </p>
      {disabled ? (
        <div className="mt-3">
          <Alert tone="warning">{disabledReason}</Alert>
        </div>
      ) : null}
      <form onSubmit={submit} className="mt-4 space-y-3" noValidate>
        <fieldset disabled={disabled || pending} className="space-y-3 disabled:opacity-60">
          <div className="space-y-1.5">
            <label htmlFor="impersonation-reason" className="block text-sm font-medium">
              {t("reasonLabel")}
            </label>
            <textarea
              id="impersonation-reason"
              name="reason"
              rows={3}
              required
              minLength={REASON_MIN_CHARACTERS}
              maxLength={REASON_MAX_LENGTH}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={
                reasonError
                  ? "impersonation-reason-hint impersonation-reason-error"
                  : "impersonation-reason-hint"
              }
              placeholder={t("reasonPlaceholder")}
              className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none transition focus:border-brand focus:ring-2 focus:ring-brand/30 dark:border-slate-700 dark:bg-slate-900"
            />
            <p id="impersonation-reason-hint" className="text-xs text-slate-500 dark:text-slate-400">
              {t("reasonHint", { min: REASON_MIN_CHARACTERS })}
            </p>
            {reasonError ? (
              <p id="impersonation-reason-error" className="text-xs text-red-600 dark:text-red-400">
                {reasonError}
              </p>
            ) : null}
          </div>
          <label className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              name="confirm"
              checked={confirmed}
              onChange={(event) => setConfirmed(event.target.checked)}
              className="mt-0.5 h-4 w-4 rounded border-slate-300 accent-[var(--color-brand)]"
            />
            <span>{t("confirmLabel")}</span>
          </label>
          <Field
            id="impersonation-code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            label={t("passwordLabel")}
            hint={t("passwordHint")}
            error={passwordError ?? undefined}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          {error ? <Alert tone="error">{error}</Alert> : null}
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={disabled || pending || !confirmed}>
              {pending ? t("starting") : t("start")}
            </Button>
            {hasPasskey ? (
              <PasskeyStepUpButton
                disabled={disabled || pending || !confirmed}
                onAnswer={async (passkey) => {
                  if (!formReady()) return;
                  setPasswordError(null);
                  await send({ passkey }, reason);
                }}
                onProblem={setPasswordError}
              />
            ) : null}
            {idpProviderName ? (
              <IdpConfirmButton
                providerName={idpProviderName}
                onClick={() => void confirmWithIdp()}
                disabled={disabled || !confirmed}
                pending={pending}
              />
            ) : null}
          </div>
          {idpProviderName ? (
            <p className="text-xs text-slate-500 dark:text-slate-400">
              {ts("confirmHint", { provider: idpProviderName })}
            </p>
          ) : null}
        </fieldset>
      </form>
    </section>
  );
}
