/**
 * Portico's sandbox stand-in for Stripe's connect.js (served by the emulator at `/_sandbox/connect.js`, never in
 * live mode). Loaded before `@stripe/connect-js` runs, it provides `window.StripeConnect` so the loader injects no
 * script from Stripe's CDN. Its elements draw nothing in the page: each hosts a frame served by the sandbox's origin
 * (`/_sandbox/connect/frame`, entry `frame/index.ts`), as Stripe's components are served by Stripe's.
 */
import { sandboxApiBase } from "../api-base";
import { createInit, defineElements } from "./page/instance";

declare global {
  interface Window {
    StripeConnect?: Record<string, unknown>;
  }
}

const apiBase = sandboxApiBase();

function install(): void {
  const existing = window.StripeConnect;
  // Keep an existing object (plain-HTML integrations set `onLoad` on it first), unless it cannot take `init`.
  const target: Record<string, unknown> =
    existing && typeof existing === "object" && Object.isExtensible(existing) ? existing : { ...existing };
  target.init = createInit(apiBase);
  target.sandbox = true;
  if (window.StripeConnect !== target) window.StripeConnect = target;
  defineElements();
  const onLoad = target.onLoad;
  if (typeof onLoad === "function") {
    try {
      (onLoad as () => unknown)();
    } catch (error) {
      console.error("[sandbox connect.js] StripeConnect.onLoad threw", error);
    }
  }
}

install();
