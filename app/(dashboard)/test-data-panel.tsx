"use client";

import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useConnect } from "@/components/connect/connect-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useHydrated } from "@/components/ui/use-hydrated";
import { parseApiError } from "@/lib/http/api-error";
import { formatStripeAmount } from "@/lib/money";

type PaymentKind = "succeeded" | "declined" | "disputed" | "uncaptured";

type Request =
  { kind: "payment"; payment: PaymentKind } | { kind: "customer" } | { kind: "payout"; amount: number };

function field(data: unknown, ...path: string[]): unknown {
  let value = data;
  for (const key of path) {
    if (typeof value !== "object" || value === null || !(key in value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const text = (value: unknown): string => (typeof value === "string" ? value : "");
const amountOf = (value: unknown): number => (typeof value === "number" ? value : 0);

/** Owner-only helper (test keys or sandbox): creates objects on the tenant's own Stripe account. */
export function TestDataPanel({ payout }: { payout: { amount: number; currency: string } }) {
  const t = useTranslations("testData");
  const locale = useLocale();
  const router = useRouter();
  const { refreshData } = useConnect();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  // Until React has hydrated the panel a click would do nothing: the buttons say so by being disabled.
  const hydrated = useHydrated();
  const busy = pending || !hydrated;
  const money = (amount: unknown, currency: unknown) =>
    formatStripeAmount(amountOf(amount), text(currency) || payout.currency, locale);

  /** What was created, in words, from the route's answer. */
  function describe(request: Request, data: unknown): string {
    if (request.kind === "customer") {
      return t("createdCustomer", { name: text(field(data, "customer", "name")) });
    }
    if (request.kind === "payout") {
      return t("createdPayout", {
        amount: money(field(data, "payout", "amount"), field(data, "payout", "currency")),
      });
    }
    const amount = money(field(data, "payment", "amount"), field(data, "payment", "currency"));
    const status = text(field(data, "payment", "status"));
    if (status === "declined") {
      return t("createdDeclined", { amount, reason: text(field(data, "payment", "declineMessage")) });
    }
    return t(`created_${request.payment}`, { amount });
  }

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
    if (!response?.ok) {
      setMessage({ tone: "error", text: parseApiError(data)?.message ?? t("failed") });
      return;
    }
    setMessage({ tone: "success", text: describe(request, data) });
    // The lists on the page load again (same Account Session), and the server part of the page follows (a first
    // payment turns the first-run Home into the usual one).
    refreshData();
    router.refresh();
  }

  const payments: PaymentKind[] = ["succeeded", "declined", "disputed", "uncaptured"];
  return (
    <Card title={t("title")} description={t("description")}>
      <div className="flex flex-wrap gap-2" data-testid="test-data-panel">
        {payments.map((payment) => (
          <Button
            key={payment}
            variant="secondary"
            disabled={busy}
            onClick={() => create({ kind: "payment", payment })}
          >
            {t(payment)}
          </Button>
        ))}
        <Button variant="secondary" disabled={busy} onClick={() => create({ kind: "customer" })}>
          {t("customer")}
        </Button>
        <Button
          variant="secondary"
          disabled={busy}
          onClick={() => create({ kind: "payout", amount: payout.amount })}
        >
          {t("payout", { amount: formatStripeAmount(payout.amount, payout.currency, locale) })}
        </Button>
      </div>
      <div className="mt-3" aria-live="polite">
        {pending ? (
          <p className="text-sm text-slate-600 dark:text-slate-300">{t("creating")}</p>
        ) : message ? (
          <Alert tone={message.tone}>{message.text}</Alert>
        ) : null}
      </div>
    </Card>
  );
}
