import "server-only";
import Stripe from "stripe";
import { getEnv } from "../env";

/** Timeout of one HTTP attempt to Stripe; the caller's deadline (lib/stripe/call.ts) bounds the retries. */
export const STRIPE_ATTEMPT_TIMEOUT_MS = 8_000;

function createStripe(): Stripe {
  const { stripe } = getEnv();
  // Sandbox and live differ only in where the API lives: the same client, the same calls.
  const host = stripe.emulatorUrl
    ? {
        host: stripe.emulatorUrl.hostname,
        port: Number(stripe.emulatorUrl.port || (stripe.emulatorUrl.protocol === "https:" ? 443 : 80)),
        protocol: stripe.emulatorUrl.protocol === "https:" ? ("https" as const) : ("http" as const),
      }
    : {};
  return new Stripe(stripe.secretKey, {
    apiVersion: "2026-10-28.endive",
    // Retries are done by callStripe() with a short backoff inside a deadline, reusing one idempotency key.
    maxNetworkRetries: 0,
    timeout: STRIPE_ATTEMPT_TIMEOUT_MS,
    telemetry: false,
    appInfo: { name: "Portico", version: "0.1.0", url: "https://github.com/portico-dashboard/portico" },
    ...host,
  });
}

declare global {
  var porticoStripe: Stripe | undefined;
}

/** The platform's Stripe client (its secret key never leaves the server). */
export function getStripe(): Stripe {
  globalThis.porticoStripe ??= createStripe();
  return globalThis.porticoStripe;
}

export type { Stripe };
