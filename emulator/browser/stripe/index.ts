/**
 * Portico's sandbox stand-in for Stripe.js (served by the emulator at `/_sandbox/stripe.js`, never in live mode).
 * Provides `window.Stripe` before `@stripe/stripe-js` runs, so `loadStripe()` injects nothing from js.stripe.com.
 */
import { sandboxApiBase } from "../api-base";
import { StripeStandin } from "./stripe-instance";

declare global {
  interface Window {
    Stripe?: unknown;
  }
}

const apiBase = sandboxApiBase();

function Stripe(
  publishableKey: string,
  options?: { stripeAccount?: string; locale?: string },
): StripeStandin {
  return new StripeStandin(publishableKey, options, apiBase());
}
/** Matches @stripe/stripe-js 10.2.1's expected release train, so it does not warn. */
Stripe.version = "endive";
Stripe.sandbox = true;

if (typeof window.Stripe !== "function") window.Stripe = Stripe;
