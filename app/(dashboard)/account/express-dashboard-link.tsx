"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { parseApiError } from "@/lib/http/api-error";

/** Opens the account's Stripe Express dashboard through a single-use login link minted on demand. */
export function ExpressDashboardLink() {
  const t = useTranslations("pages");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function open() {
    setPending(true);
    setError(null);
    const response = await fetch("/api/account/login-link", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    const data: unknown = await response.json().catch(() => null);
    setPending(false);
    if (
      response.ok &&
      typeof data === "object" &&
      data !== null &&
      "url" in data &&
      typeof data.url === "string"
    ) {
      window.open(data.url, "_blank", "noopener");
    } else {
      setError(parseApiError(data)?.message ?? t("expressFailed"));
    }
  }
  return (
    <div className="text-right">
      <Button variant="secondary" onClick={open} disabled={pending}>
        {t("expressDashboard")}
      </Button>
      {error ? <p className="mt-1 text-xs text-red-600">{error}</p> : null}
    </div>
  );
}
