"use client";

import type { Stripe, StripeElements, StripeElementsOptionsClientSecret } from "@stripe/stripe-js";
import { loadStripe } from "@stripe/stripe-js/pure";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { connectFonts } from "@/lib/connect/appearance";
import { parseApiError } from "@/lib/http/api-error";

const MIN_AMOUNT = 50;
const MAX_AMOUNT = 1_000_000;

interface Started {
  stripe: Stripe;
  elements: StripeElements;
  amount: number;
  /** What the PaymentIntent was made for: coming back with the same amount and email reuses it. */
  email: string;
}

type FieldName = "amount" | "email";
type FieldErrors = Partial<Record<FieldName, string>>;

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

/** Whether the page is drawn dark (chosen, or following a dark system), so the card fields match it. */
function pageIsDark(): boolean {
  const root = document.documentElement.classList;
  if (root.contains("dark")) return true;
  return root.contains("theme-system") && window.matchMedia("(prefers-color-scheme: dark)").matches;
}

/**
 * The card fields draw in Stripe's frame, which has none of the page's fonts: `fonts` hands it the page's own Inter
 * (served for the embedded components too), and `fontFamily` names it, so the fields read like the rest of the form.
 */
function elementsOptions(clientSecret: string): StripeElementsOptionsClientSecret {
  const brand = getComputedStyle(document.documentElement).getPropertyValue("--brand").trim();
  const dark = pageIsDark();
  return {
    clientSecret,
    fonts: connectFonts(window.location.origin),
    appearance: {
      theme: dark ? "night" : "stripe",
      variables: {
        // The card's own colours (slate-900 / white), so the fields sit in it rather than on another grey.
        colorBackground: dark ? "#0f172a" : "#ffffff",
        colorText: dark ? "#f1f5f9" : "#0f172a",
        fontFamily: "Inter, ui-sans-serif, system-ui, sans-serif",
        fontSizeBase: "14px",
        borderRadius: "8px",
        ...(/^#[0-9a-fA-F]{6}$/.test(brand) ? { colorPrimary: brand } : {}),
      },
    },
  };
}

export function CheckoutForm({ slug, currency }: { slug: string; currency: string }) {
  const t = useTranslations("pay");
  const locale = useLocale();
  const [step, setStep] = useState<"amount" | "card" | "done">("amount");
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);
  const [started, setStarted] = useState<Started | null>(null);
  // Kept across the steps: going back to the amount shows what was entered.
  const [amountText, setAmountText] = useState("25.00");
  const [email, setEmail] = useState("");
  const formRef = useRef<HTMLFormElement>(null);
  const mountRef = useRef<HTMLDivElement>(null);
  const money = (minor: number) =>
    new Intl.NumberFormat(locale, { style: "currency", currency }).format(minor / 100);

  /** Plain words for each field the checkout API refused (its `fields`), never the validator's own message. */
  function wordsFor(field: string): string | null {
    if (field === "email") return t("invalidEmail");
    if (field === "amount") return t("invalidAmount", { min: money(MIN_AMOUNT), max: money(MAX_AMOUNT) });
    return null;
  }

  function showFieldErrors(errors: FieldErrors) {
    setFieldErrors(errors);
    const first = (["amount", "email"] as const).find((name) => errors[name]);
    if (first) formRef.current?.querySelector<HTMLInputElement>(`#${first}`)?.focus();
  }

  async function start(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const form = event.currentTarget;
    const amount = Math.round(Number(amountText.trim().replace(",", ".")) * 100);
    const trimmedEmail = email.trim();
    const emailInput = form.elements.namedItem("email");
    const errors: FieldErrors = {};
    if (!Number.isFinite(amount) || amount < MIN_AMOUNT || amount > MAX_AMOUNT) {
      errors.amount = t("invalidAmount", { min: money(MIN_AMOUNT), max: money(MAX_AMOUNT) });
    }
    if (trimmedEmail && emailInput instanceof HTMLInputElement && emailInput.validity.typeMismatch) {
      errors.email = t("invalidEmail");
    }
    if (errors.amount || errors.email) {
      showFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    // Back from the card step without changing anything: the same PaymentIntent, not a second one.
    if (started && started.amount === amount && started.email === trimmedEmail) {
      setStep("card");
      return;
    }
    setPending(true);
    const response = await fetch(`/api/pay/${slug}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        amount,
        operationId: crypto.randomUUID(),
        ...(trimmedEmail ? { email: trimmedEmail } : {}),
      }),
    }).catch(() => null);
    const data: unknown = await response?.json().catch(() => null);
    const checkout = parseCheckout(data);
    if (!response?.ok || !checkout) {
      setPending(false);
      const apiError = parseApiError(data);
      const refused = Object.keys(apiError?.fields ?? {}).flatMap((field) => {
        const words = wordsFor(field);
        return words ? [[field, words] as const] : [];
      });
      if (refused.length > 0) showFieldErrors(Object.fromEntries(refused));
      else setError(apiError?.message ?? t("failed"));
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
    const elements = stripe.elements(elementsOptions(clientSecret));
    setStarted({ stripe, elements, amount, email: trimmedEmail });
    setStep("card");
  }

  useEffect(() => {
    if (step !== "card" || !started || !mountRef.current) return;
    // One Payment Element per Elements group: coming back to this step mounts the same one again.
    const element = started.elements.getElement("payment") ?? started.elements.create("payment");
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
        <p className="text-sm text-slate-500 dark:text-slate-400">
          {started.email
            ? t("successReceipt", { amount: money(started.amount), email: started.email })
            : t("successNoReceipt", { amount: money(started.amount) })}
        </p>
        <Button variant="secondary" onClick={() => window.location.reload()}>
          {t("again")}
        </Button>
      </div>
    );
  }
  if (step === "card" && started) {
    return (
      // Keyed: the steps' forms are different elements. Reused, Back's button would become the amount step's submit
      // button while its click is still being handled, and submit that form at once.
      <form key="card" onSubmit={pay} className="space-y-4">
        {error ? <Alert tone="error">{error}</Alert> : null}
        <div ref={mountRef} data-testid="payment-element" />
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? t("processing") : t("pay", { amount: money(started.amount) })}
        </Button>
        <Button
          type="button"
          variant="secondary"
          className="w-full"
          disabled={pending}
          onClick={() => {
            setError(null);
            setStep("amount");
          }}
        >
          {t("back")}
        </Button>
      </form>
    );
  }
  return (
    <form key="amount" ref={formRef} onSubmit={start} className="space-y-4" noValidate>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Field
        id="amount"
        name="amount"
        label={`${t("amount")} (${currency.toUpperCase()})`}
        inputMode="decimal"
        value={amountText}
        onChange={(event) => setAmountText(event.target.value)}
        error={fieldErrors.amount}
        required
      />
      <Field
        id="email"
        name="email"
        type="email"
        label={t("email")}
        hint={t("emailHint")}
        autoComplete="email"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={fieldErrors.email}
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("processing") : t("continue")}
      </Button>
    </form>
  );
}
