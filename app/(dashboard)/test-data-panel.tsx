"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useHydrated } from "@/components/ui/use-hydrated";
import { parseApiError } from "@/lib/http/api-error";

type Request =
  | { kind: "payment"; payment: "succeeded" | "declined" | "disputed" | "uncaptured" }
  | { kind: "customer" }
  | { kind: "payout"; amount: number };

/** Owner-only helper (test keys or sandbox): creates objects on the tenant's own Stripe account. */
export function TestDataPanel() {
  const t = useTranslations("testData");
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  // Until React has hydrated the panel a click would do nothing: the buttons say so by being disabled.
  const hydrated = useHydrated();
  const busy = pending || !hydrated;

  async function create(request: Request) {
    setPending(true);
    setMessage(null);
    // One operation id per click: a retried request reuses it, so Stripe never creates twice.
    const response = await fetch("/api/test-data", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...request, operationId: crypto.randomUUID() }),
    }).catch(() => null);
    const data: unknown = await response?.json().catch(() => null);
    setPending(false);
    if (response?.ok) {
      setMessage({ tone: "success", text: t("created") });
    } else {
      setMessage({ tone: "error", text: parseApiError(data)?.message ?? t("failed") });
    }
  }

  return (
    <Card title={t("title")} description={t("description")}>
      <div className="flex flex-wrap gap-2" data-testid="test-data-panel">
        <Button
          variant="secondary"
          disabled={busy}
          onClick={() => create({ kind: "payment", payment: "succeeded" })}
        >
          {t("succeeded")}
        </Button>
        <Button
          variant="secondary"
          disabled={busy}
          onClick={() => create({ kind: "payment", payment: "declined" })}
        >
          {t("declined")}
        </Button>
        <Button
          variant="secondary"
          disabled={busy}
          onClick={() => create({ kind: "payment", payment: "disputed" })}
        >
          {t("disputed")}
        </Button>
        <Button
          variant="secondary"
          disabled={busy}
          onClick={() => create({ kind: "payment", payment: "uncaptured" })}
        >
          {t("uncaptured")}
        </Button>
        <Button variant="secondary" disabled={busy} onClick={() => create({ kind: "customer" })}>
          {t("customer")}
        </Button>
        <Button variant="secondary" disabled={busy} onClick={() => create({ kind: "payout", amount: 1000 })}>
          {t("payout")}
        </Button>
      </div>
      {message ? (
        <div className="mt-3">
          <Alert tone={message.tone}>{message.text}</Alert>
        </div>
      ) : null}
    </Card>
  );
}
