"use client";

import type { Stripe, StripeElements } from "@stripe/stripe-js";
import { loadStripe } from "@stripe/stripe-js/pure";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { parseApiError } from "@/lib/http/api-error";

interface Started {
  stripe: Stripe;
  elements: StripeElements;
  amount: number;
}

function parseCheckout(
  data: unknown,
): { clientSecret: string; publishableKey: string; stripeAccount: string } | null {
  if (typeof data !== "object" || data === null) return null;
  const { clientSecret, publishableKey, stripeAccount } = data as Record<string, unknown>;
  return typeof clientSecret === "string" &&
    typeof publishableKey === "string" &&
    typeof stripeAccount === "string"
    ? { clientSecret, publishableKey, stripeAccount }
    : null;
}

/** Stripe.js is preloaded by the page (Stripe's or the sandbox's); wait for it so loadStripe uses it. */
function waitForStripeGlobal(timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const started = Date.now();
    const check = () =>
      window.Stripe !== undefined || Date.now() - started > timeoutMs ? resolve() : setTimeout(check, 20);
    check();
  });
}

export function CheckoutForm({ slug, currency }: { slug: string; currency: string }) {
  const t = useTranslations("pay");
  const locale = useLocale();
  const [step, setStep] = useState<"amount" | "card" | "done">("amount");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [started, setStarted] = useState<Started | null>(null);
  const mountRef = useRef<HTMLDivElement>(null);
  const money = (minor: number) =>
    new Intl.NumberFormat(locale, { style: "currency", currency }).format(minor / 100);

  async function start(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const form = new FormData(event.currentTarget);
    const amount = Math.round(Number(String(form.get("amount")).replace(",", ".")) * 100);
    if (!Number.isFinite(amount) || amount < 50 || amount > 1_000_000) {
      setError(t("invalidAmount", { min: money(50), max: money(1_000_000) }));
      return;
    }
    const email = String(form.get("email") ?? "").trim();
    setPending(true);
    const response = await fetch(`/api/pay/${slug}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ amount, operationId: crypto.randomUUID(), ...(email ? { email } : {}) }),
    }).catch(() => null);
    const data: unknown = await response?.json().catch(() => null);
    const checkout = parseCheckout(data);
    if (!response?.ok || !checkout) {
      setPending(false);
      setError(parseApiError(data)?.message ?? t("failed"));
      return;
    }
    const { clientSecret, publishableKey, stripeAccount } = checkout;
    await waitForStripeGlobal(8_000);
    // The browser acts for the tenant's account: Stripe.js with `stripeAccount`, as for any direct charge.
    const stripe = await loadStripe(publishableKey, { stripeAccount });
    setPending(false);
    if (!stripe) {
      setError(t("failed"));
      return;
    }
    const elements = stripe.elements({ clientSecret, appearance: { theme: "stripe" } });
    setStarted({ stripe, elements, amount });
    setStep("card");
  }

  useEffect(() => {
    if (step !== "card" || !started || !mountRef.current) return;
    const element = started.elements.create("payment");
    element.mount(mountRef.current);
    return () => element.unmount();
  }, [step, started]);

  async function pay(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!started) return;
    setPending(true);
    setError(null);
    const result = await started.stripe.confirmPayment({
      elements: started.elements,
      confirmParams: { return_url: `${window.location.origin}/pay/${slug}` },
      redirect: "if_required",
    });
    setPending(false);
    if (result.error) {
      setError(result.error.message ?? t("failed"));
      return;
    }
    setStep("done");
  }

  if (step === "done" && started) {
    return (
      <div className="space-y-4 text-center" data-testid="payment-success">
        <Alert tone="success">{t("success")}</Alert>
        <p className="text-sm text-slate-500">{t("successDetail", { amount: money(started.amount) })}</p>
        <Button variant="secondary" onClick={() => window.location.reload()}>
          {t("again")}
        </Button>
      </div>
    );
  }
  if (step === "card" && started) {
    return (
      <form onSubmit={pay} className="space-y-4">
        {error ? <Alert tone="error">{error}</Alert> : null}
        <div ref={mountRef} data-testid="payment-element" />
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? t("processing") : t("pay", { amount: money(started.amount) })}
        </Button>
      </form>
    );
  }
  return (
    <form onSubmit={start} className="space-y-4" noValidate>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Field
        id="amount"
        name="amount"
        label={`${t("amount")} (${currency.toUpperCase()})`}
        inputMode="decimal"
        defaultValue="25.00"
        required
      />
      <Field id="email" name="email" type="email" label={t("email")} autoComplete="email" />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("processing") : t("continue")}
      </Button>
    </form>
  );
}
