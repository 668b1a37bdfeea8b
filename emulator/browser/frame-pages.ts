/**
 * The HTML of the connect.js stand-in's frames, served by the emulator on its own origin: a component frame
 * (`/_sandbox/connect/frame?tag=…&parent=<page origin>`, the frame script inlined so it loads in one request) and
 * the page-level overlay frame (`/_sandbox/connect/overlay?parent=…`, drawn into by its component frame). Both may
 * only be embedded by the app's origins (`frame-ancestors`), as Stripe's frames only by the platform's.
 */

export interface FramePage {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const TAG = /^[a-z][a-z-]{1,40}$/;

function refuse(message: string): FramePage {
  return {
    status: 403,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
    body: message,
  };
}

function headers(appOrigins: readonly string[]): Record<string, string> {
  return {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "content-security-policy": `frame-ancestors ${appOrigins.join(" ")}; object-src 'none'; base-uri 'none'`,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
  };
}

const FRAME_CSS =
  "html,body{margin:0;padding:0;background:transparent;overflow:hidden}body{overflow-wrap:anywhere}";

/** The component frame's page, or a refusal when `parent` is not one of the app's origins. */
export function componentFramePage(
  query: URLSearchParams,
  appOrigins: readonly string[],
  frameJs: string,
): FramePage {
  const parent = query.get("parent") ?? "";
  const tag = query.get("tag") ?? "";
  if (!appOrigins.includes(parent)) return refuse(`Origin ${parent} may not embed sandbox components.`);
  if (!TAG.test(tag)) return refuse("Unknown component.");
  // `</script` cannot occur in the inlined bundle's text.
  const script = frameJs.replace(/<\/(script)/gi, "<\\/$1");
  return {
    status: 200,
    headers: headers(appOrigins),
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>stripe-connect-${tag} (sandbox)</title><style>${FRAME_CSS}</style></head><body><script>${script}</script></body></html>`,
  };
}

/** The overlay frame's page: empty; the component frame that asked for it draws its dialog or drawer into it. */
export function overlayFramePage(query: URLSearchParams, appOrigins: readonly string[]): FramePage {
  const parent = query.get("parent") ?? "";
  if (!appOrigins.includes(parent)) return refuse(`Origin ${parent} may not embed sandbox components.`);
  return {
    status: 200,
    headers: headers(appOrigins),
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sandbox dialog</title><style>html,body{margin:0;padding:0;height:100%;background:transparent}</style></head><body></body></html>`,
  };
}
