import "server-only";
import { getEnv } from "../env";

/** Where connect.js and Stripe.js come from: Stripe's CDN, or the sandbox's stand-ins. The only difference in code. */
export const STRIPE_CONNECT_JS_URL = "https://connect-js.stripe.com/v1.0/connect.js";
export const STRIPE_JS_URL = "https://js.stripe.com/endive/stripe.js";

export function connectScriptUrl(): string {
  const { emulatorUrl } = getEnv().stripe;
  return emulatorUrl ? new URL("/_sandbox/connect.js", emulatorUrl).toString() : STRIPE_CONNECT_JS_URL;
}

export function stripeJsUrl(): string {
  const { emulatorUrl } = getEnv().stripe;
  return emulatorUrl ? new URL("/_sandbox/stripe.js", emulatorUrl).toString() : STRIPE_JS_URL;
}

/**
 * Origins the dashboard's first load talks to before React runs: connect.js's host (a classic script, no CORS) and
 * the API host its components call with CORS fetches. Preconnecting saves the DNS and TLS round trips on both.
 */
export function connectPreconnects(): { href: string; crossOrigin?: "anonymous" }[] {
  const script = new URL(connectScriptUrl()).origin;
  const api = getEnv().stripe.emulatorUrl?.origin ?? "https://api.stripe.com";
  return [{ href: script }, { href: api, crossOrigin: "anonymous" }];
}
