/**
 * The Content-Security-Policy for every response. Scripts need this request's nonce ('strict-dynamic' lets the
 * scripts they load run, which is how connect.js and Stripe.js load). Stripe's documented hosts for Connect
 * embedded components and Stripe.js are allowed in live/test mode; in sandbox mode only the emulator's origin,
 * which serves the stand-ins, their API and the stand-in components' frames (`frame-src`, as Stripe's hosts in live
 * mode: without it every embedded component fails to load, as Stripe's would).
 */
export interface CspOptions {
  nonce: string;
  dev: boolean;
  stripeMode: "sandbox" | "test" | "live";
  emulatorOrigin: string | null;
  upgradeInsecureRequests: boolean;
}

export const STRIPE_CSP = {
  script: ["https://connect-js.stripe.com", "https://js.stripe.com", "https://*.js.stripe.com"],
  frame: [
    "https://connect-js.stripe.com",
    "https://js.stripe.com",
    "https://*.js.stripe.com",
    "https://hooks.stripe.com",
  ],
  // r.stripe.com: connect.js sends its telemetry there, as Stripe's current guide lists.
  connect: [
    "https://api.stripe.com",
    "https://connect-js.stripe.com",
    "https://merchant-ui-api.stripe.com",
    "https://r.stripe.com",
  ],
  img: ["https://*.stripe.com"],
  // SHA-256 of an empty <style> element, which connect.js injects (Stripe's CSP guide).
  style: ["'sha256-0hAheEzaMe6uXIKV4EehS9pu1am1lj/KnnzrOYqckXk='"],
} as const;

export function buildCsp(options: CspOptions): string {
  const stripeHosts = options.stripeMode === "sandbox" ? null : STRIPE_CSP;
  const sandbox = options.stripeMode === "sandbox" && options.emulatorOrigin ? [options.emulatorOrigin] : [];

  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": [
      "'self'",
      `'nonce-${options.nonce}'`,
      "'strict-dynamic'",
      ...(options.dev ? ["'unsafe-eval'"] : []),
      ...sandbox,
      ...(stripeHosts?.script ?? []),
    ],
    // Inline style attributes are used by React and the embedded components; scripts stay nonce-only.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", ...(stripeHosts?.img ?? [])],
    "font-src": ["'self'", "data:"],
    "connect-src": [
      "'self'",
      ...sandbox,
      ...(stripeHosts?.connect ?? []),
      ...(options.dev ? ["ws:", "wss:"] : []),
    ],
    "frame-src": stripeHosts ? [...stripeHosts.frame] : sandbox.length ? sandbox : ["'none'"],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  const parts = Object.entries(directives).map(([name, values]) => `${name} ${values.join(" ")}`);
  if (options.upgradeInsecureRequests) parts.push("upgrade-insecure-requests");
  return parts.join("; ");
}
