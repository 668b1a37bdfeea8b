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
import { logoutConnect } from "@/components/connect/connect-logout";
import { useHydrated } from "@/components/ui/use-hydrated";
import { REASON_MIN_CHARACTERS, reasonProblem, reasonMessageKeys } from "@/lib/audit/reason";
import { parseApiError } from "@/lib/http/api-error";
import { PasskeyStepUpButton } from "@/components/auth/passkey-step-up-button";
import type { AuthenticationResponseJSON } from "@simplewebauthn/browser";

function formatLeft(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, "0")}`;
}

async function post(path: string, body: unknown): Promise<{ ok: boolean; data: unknown }> {
  const response = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  }).catch(() => null);
  return { ok: response?.ok ?? false, data: await response?.json().catch(() => null) };
}

function redirectOf(data: unknown, fallback: string): string {
  return typeof data === "object" &&
    data !== null &&
    "redirectTo" in data &&
    typeof data.redirectTo === "string"
    ? data.redirectTo
    : fallback;
}

/**
 * Shown on every page while platform staff view an account: whose account, why, how long is left, and Stop. Every
 * change (stop, expiry, escalation) logs the Connect instance out first, so no component keeps showing this account.
 */
export function ImpersonationBanner({
  accountId,
  businessName,
  reason,
  profile,
  expiresAt,
  canEscalate,
  idpProviderName = null,
  hasPasskey = false,
}: {
  accountId: string;
  businessName: string;
  reason: string;
  profile: "support" | "owner";
  expiresAt: number;
  canEscalate: boolean;
  /** For staff linked to the identity provider: its name, for "Confirm with <IdP>" instead of a code. */
  idpProviderName?: string | null;
  /** The staff member has a passkey: "Confirm with a passkey" instead of a code. */
  hasPasskey?: boolean;
}) {
  const t = useTranslations("impersonation");
  const ts = useTranslations("sso");
  const [escalationReason, setEscalationReason] = useState("");
  const [escalationConfirmed, setEscalationConfirmed] = useState(false);
  // The browser's clock only: the server's render (and hydration) show a placeholder, so their HTML always match.
  const [now, setNow] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  // Stop does nothing until React has hydrated the banner: it says so by being disabled until then.
  const hydrated = useHydrated();
  const [escalating, setEscalating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const left = now === null ? null : expiresAt - now;

  useEffect(() => {
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 1000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, []);

  useEffect(() => {
    if (left === null || left > 0) return;
    // Past its limit: the server has ended it; leave the account's pages (a full load: no Connect instance survives).
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    void logoutConnect().then(() => window.location.assign("/admin"));
  }, [left]);

  async function stop() {
    setBusy(true);
    await logoutConnect();
    const { data } = await post("/api/admin/impersonation/stop", {});
    window.location.assign(redirectOf(data, "/admin"));
  }

  /** The escalation's reason and confirmation are right; says what is missing otherwise. */
  function escalationReady(): boolean {
    setError(null);
    const problem = reasonProblem(escalationReason);
    if (problem) {
      setError(t(reasonMessageKeys[problem], { min: REASON_MIN_CHARACTERS }));
      return false;
    }
    if (!escalationConfirmed) {
      setError(t("confirmRequired"));
      return false;
    }
    return true;
  }

  async function sendEscalation(
    proof: { code: string } | { grant: string } | { passkey: AuthenticationResponseJSON },
    reason: string,
  ): Promise<boolean> {
    setBusy(true);
    const { ok, data } = await post("/api/admin/impersonation/escalate", { reason, confirm: true, ...proof });
    if (!ok) {
      setBusy(false);
      const apiError = parseApiError(data);
      setError(
        apiError?.fields?.reason ?? ssoErrorText(ts, apiError?.code) ?? apiError?.message ?? t("failed"),
      );
      return false;
    }
    await logoutConnect();
    window.location.assign(redirectOf(data, "/"));
    return true;
  }

  async function escalate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const code = String(new FormData(formElement).get("code") ?? "");
    if (!escalationReady()) return;
    if (code === "") {
      setError(t("passwordRequired"));
      return;
    }
    const ok = await sendEscalation({ code }, escalationReason);
    if (!ok) {
      // A code is never kept after an attempt, right or wrong.
      const field = formElement.elements.namedItem("code");
      if (field instanceof HTMLInputElement) field.value = "";
    }
  }

  async function confirmWithIdp() {
    if (!escalationReady()) return;
    setBusy(true);
    const problem = await beginIdpStepUp(
      "view_as.escalate",
      accountId,
      { reason: escalationReason, confirmed: escalationConfirmed },
      ts,
    );
    if (problem) {
      setBusy(false);
      setError(problem);
    }
  }

  // Back from the IdP: the escalation form again as it was, then the owner's view with the grant (or why not).
  const resumeAfterIdp = useEffectEvent(async (back: IdpStepUpReturn) => {
    setEscalating(true);
    if (back.kept) {
      setEscalationReason(back.kept.reason);
      setEscalationConfirmed(back.kept.confirmed);
    }
    if (back.grant && back.kept?.confirmed) {
      await sendEscalation({ grant: back.grant }, back.kept.reason);
      return;
    }
    setError(ssoErrorText(ts, back.error ?? "step_up_grant_invalid") ?? t("failed"));
  });

  useEffect(() => {
    const back = takeIdpStepUpReturn("view_as.escalate", accountId);
    // Applied after hydration: the page's server render cannot know what this tab kept.
    if (back) void Promise.resolve(back).then(resumeAfterIdp);
  }, [accountId]);

  return (
    <div
      role="region"
      aria-label={t("label")}
      data-testid="impersonation-banner"
      className="bg-amber-400 text-amber-950"
    >
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-2 text-sm">
        <p>
          <strong>{t("viewingAs", { business: businessName })}</strong>{" "}
          <span className="font-mono text-xs">{accountId}</span> ·{" "}
          {profile === "owner" ? t("ownerView") : t("readOnly")} · {t("reason")}: <q>{reason}</q> ·{" "}
          <span data-testid="impersonation-time-left">
            {t("timeLeft", { time: left === null ? "–:––" : formatLeft(left) })}
          </span>
        </p>
        <div className="flex items-center gap-2">
          {canEscalate && profile === "support" ? (
            <button
              type="button"
              className="rounded-md border border-amber-900/30 px-3 py-1 font-medium hover:bg-amber-300"
              onClick={() => setEscalating((v) => !v)}
              aria-expanded={escalating}
            >
              {t("escalate")}
            </button>
          ) : null}
          <button
            type="button"
            onClick={stop}
            disabled={busy || !hydrated}
            className="rounded-md bg-amber-950 px-3 py-1 font-medium text-amber-50 hover:bg-amber-900 disabled:opacity-60"
          >
            {t("stop")}
          </button>
        </div>
      </div>
      {escalating ? (
        <form
          onSubmit={escalate}
          noValidate
          className="mx-auto flex max-w-7xl flex-wrap items-end gap-3 border-t border-amber-900/20 px-4 py-3 text-sm"
        >
          <div className="min-w-72 flex-1">
            <label htmlFor="escalation-reason" className="mb-1 block font-medium">
              {t("escalationReason")}
            </label>
            <input
              id="escalation-reason"
              name="reason"
              required
              value={escalationReason}
              onChange={(event) => setEscalationReason(event.target.value)}
              minLength={REASON_MIN_CHARACTERS}
              className="w-full rounded-md border border-amber-900/30 bg-amber-50 px-2 py-1.5 text-amber-950"
            />
          </div>
          <div className="min-w-48">
            <label htmlFor="escalation-code" className="mb-1 block font-medium">
              {t("escalationPassword")}
            </label>
            <input
              id="escalation-code"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              className="w-full rounded-md border border-amber-900/30 bg-amber-50 px-2 py-1.5 text-amber-950"
            />
          </div>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              name="confirm"
              required
              checked={escalationConfirmed}
              onChange={(event) => setEscalationConfirmed(event.target.checked)}
            />{" "}
            {t("escalationConfirm")}
          </label>
          <p className="w-full text-xs text-amber-900">{t("escalationHint")}</p>
          <button
            type="submit"
            disabled={busy}
            className="rounded-md bg-amber-950 px-3 py-1.5 font-medium text-amber-50"
          >
            {t("escalateSubmit")}
          </button>
          {hasPasskey ? (
            <PasskeyStepUpButton
              className="py-1.5"
              disabled={busy}
              onAnswer={async (passkey) => {
                if (!escalationReady()) return;
                await sendEscalation({ passkey }, escalationReason);
              }}
              onProblem={setError}
            />
          ) : null}
          {idpProviderName ? (
            <IdpConfirmButton
              providerName={idpProviderName}
              onClick={() => void confirmWithIdp()}
              pending={busy}
              className="py-1.5"
            />
          ) : null}
          {error ? (
            <p role="alert" className="w-full text-red-900">
              {error}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
