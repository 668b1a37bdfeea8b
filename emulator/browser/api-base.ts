/** Where the stand-ins find the sandbox API (shared by the connect.js and Stripe.js stand-ins). */

declare global {
  interface Window {
    __PORTICO_SANDBOX_API__?: string;
  }
}

/**
 * The API base: the origin this script was served from, else `window.__PORTICO_SANDBOX_API__`, else the page's
 * origin. Call it while the script first runs: `document.currentScript` is null afterwards.
 */
export function sandboxApiBase(): () => string {
  const script = document.currentScript;
  let origin: string | undefined;
  if (script instanceof HTMLScriptElement && script.src) {
    try {
      origin = new URL(script.src, location.href).origin;
    } catch {
      origin = undefined;
    }
  }
  return () => {
    const configured = window.__PORTICO_SANDBOX_API__;
    const base = origin ?? (typeof configured === "string" && configured ? configured : location.origin);
    return base.replace(/\/+$/, "");
  };
}
