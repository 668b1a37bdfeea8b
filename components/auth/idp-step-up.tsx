"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { parseApiError } from "@/lib/http/api-error";
import { ssoErrorText } from "./sso-messages";

/**
 * The step-up by IdP re-authentication, on the browser's side: what the person typed is kept in this tab's
 * sessionStorage while they sign in again at the IdP; the callback returns to the same page with a single-use grant
 * (or what went wrong) in the fragment, which is read once and wiped from the address.
 */

export type IdpStepUpPurpose = "view_as.start" | "view_as.escalate";

export interface KeptForm {
  reason: string;
  confirmed: boolean;
}

export interface IdpStepUpReturn {
  grant: string | null;
  /** The refusal's code (messages `sso.errors.*`). */
  error: string | null;
  kept: KeptForm | null;
}

function storageKey(purpose: IdpStepUpPurpose, scope: string): string {
  return `portico.idp-step-up:${purpose}:${scope}`;
}

/** Reads (and clears) what the IdP's round trip brought back to this page; null when it is not such a return. */
export function takeIdpStepUpReturn(purpose: IdpStepUpPurpose, scope: string): IdpStepUpReturn | null {
  const hash = window.location.hash.slice(1);
  const params = new URLSearchParams(hash);
  const grant = params.get("sso-grant");
  const error = params.get("sso-error");
  if (grant === null && error === null) return null;
  // Out of the address bar and history: the grant is for this page's one act.
  window.history.replaceState(null, "", `${window.location.pathname}${window.location.search}`);
  let kept: KeptForm | null = null;
  try {
    const raw = window.sessionStorage.getItem(storageKey(purpose, scope));
    window.sessionStorage.removeItem(storageKey(purpose, scope));
    const value: unknown = raw ? JSON.parse(raw) : null;
    if (
      typeof value === "object" &&
      value !== null &&
      "reason" in value &&
      typeof value.reason === "string" &&
      "confirmed" in value &&
      typeof value.confirmed === "boolean"
    ) {
      kept = { reason: value.reason, confirmed: value.confirmed };
    }
  } catch {
    kept = null;
  }
  return { grant, error, kept };
}

/**
 * Keeps the form, asks Portico to start the re-authentication and goes to the IdP. Returns the error to show when
 * it cannot start (the IdP down, too many attempts…).
 */
export async function beginIdpStepUp(
  purpose: IdpStepUpPurpose,
  scope: string,
  kept: KeptForm,
  t: (key: string) => string,
): Promise<string> {
  try {
    window.sessionStorage.setItem(storageKey(purpose, scope), JSON.stringify(kept));
  } catch {
    // Private mode without storage: the person types the reason again on return.
  }
  const response = await fetch("/api/sso/step-up", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ purpose, returnTo: `${window.location.pathname}${window.location.search}` }),
  }).catch(() => null);
  const data: unknown = await response?.json().catch(() => null);
  const target = typeof data === "object" && data !== null && "redirectTo" in data ? data.redirectTo : null;
  if (response?.ok && typeof target === "string" && /^https?:\/\//.test(target)) {
    window.location.assign(target);
    return "";
  }
  const apiError = parseApiError(data);
  return ssoErrorText(t, apiError?.code) ?? apiError?.message ?? t("genericError");
}

/** "Confirm with <IdP>", beside the code field. */
export function IdpConfirmButton({
  providerName,
  onClick,
  disabled,
  pending,
  className = "",
}: {
  providerName: string;
  onClick: () => void;
  disabled?: boolean;
  pending?: boolean;
  className?: string;
}) {
  const t = useTranslations("sso");
  return (
    <Button
      variant="secondary"
      onClick={onClick}
      disabled={disabled || pending}
      className={className}
      data-testid="idp-confirm"
    >
      {pending ? t("confirming") : t("confirmWith", { provider: providerName })}
    </Button>
  );
}
