"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { parseApiError } from "@/lib/http/api-error";
import { ssoErrorText } from "./sso-messages";

/**
 * "Sign in with your company account" on the sign-in page: asks Portico for the IdP's address for this browser,
 * then goes there. When the IdP is down it says so here; the password form beside it keeps working.
 */
export function SingleSignOnButton({
  label,
  next,
  initialError,
}: {
  label: string;
  next: string;
  /** Why the last attempt came back refused (the callback's `sso_error`). */
  initialError: string | null;
}) {
  const t = useTranslations("sso");
  const [error, setError] = useState<string | null>(() => ssoErrorText(t, initialError));
  const [pending, setPending] = useState(false);

  async function start() {
    setError(null);
    setPending(true);
    const response = await fetch("/api/sso/start", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ next }),
    }).catch(() => null);
    const data: unknown = await response?.json().catch(() => null);
    const target = typeof data === "object" && data !== null && "redirectTo" in data ? data.redirectTo : null;
    if (response?.ok && typeof target === "string" && /^https?:\/\//.test(target)) {
      window.location.assign(target);
      return;
    }
    const apiError = parseApiError(data);
    setError(ssoErrorText(t, apiError?.code) ?? apiError?.message ?? t("genericError"));
    setPending(false);
  }

  return (
    <div className="space-y-3" data-testid="sso">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Button variant="secondary" className="w-full" onClick={start} disabled={pending}>
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          className="h-4 w-4"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
        >
          <path
            d="M12.5 7.5a3 3 0 11-3-3 3 3 0 013 3zM10.6 9.6L4 16.2V18h2.2v-1.6h1.6v-1.6h1.6l1.9-1.9"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        {pending ? t("redirecting") : label}
      </Button>
    </div>
  );
}
