import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";
import { parseEnv } from "./lib/env/schema";
import { buildCsp } from "./lib/http/csp";
import { PAGE_PATH_HEADER } from "./lib/http/page-path";

/**
 * Runs before every page. It only (1) sets the per-request CSP nonce and request id and (2) sends visitors with no
 * session cookie to /login. It never authorizes: pages, route handlers and server actions check the session themselves.
 * API routes skip it (see `config.matcher`): they need no nonce, answer 401 themselves, get their static headers
 * (a strict JSON CSP included) from next.config.ts and their request id from lib/http/route.ts.
 */

// Not sent to /login: public pages, API routes (they answer 401 themselves), and the admin console, which answers
// 404 to anyone who is not platform staff so that it does not reveal itself.
const PUBLIC_PREFIXES = [
  "/login",
  "/signup",
  // Mailed links: opened by people who are not signed in (yet).
  "/verify-email",
  "/forgot-password",
  "/reset-password",
  "/set-password",
  "/invite",
  "/api/",
  "/pay/",
  "/admin",
  "/_next/",
  "/logo.svg",
  "/icon.svg",
  "/favicon",
];

const envResult = parseEnv(process.env);
const stripeMode = envResult.ok ? envResult.env.stripe.mode : "sandbox";
const emulatorOrigin = envResult.ok ? (envResult.env.stripe.emulatorUrl?.origin ?? null) : null;
const httpsApp = envResult.ok ? envResult.env.appUrl.protocol === "https:" : false;

function isPublic(pathname: string): boolean {
  return PUBLIC_PREFIXES.some(
    (prefix) => pathname === prefix.replace(/\/$/, "") || pathname.startsWith(prefix),
  );
}

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const requestId = crypto.randomUUID();
  const csp = buildCsp({
    nonce,
    dev: process.env.NODE_ENV === "development",
    stripeMode,
    emulatorOrigin,
    upgradeInsecureRequests: httpsApp,
  });

  const requestHeaders = new Headers(request.headers);
  // Never let a client pose as an internal subrequest (CVE-2025-29927) or choose its request id.
  requestHeaders.delete("x-middleware-subrequest");
  requestHeaders.set("x-request-id", requestId);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const { pathname, search } = request.nextUrl;
  requestHeaders.set(PAGE_PATH_HEADER, pathname);

  let response: NextResponse;
  if (!isPublic(pathname) && !getSessionCookie(request, { cookiePrefix: "portico" })) {
    const login = new URL("/login", request.url);
    if (pathname !== "/") login.searchParams.set("next", `${pathname}${search}`);
    response = NextResponse.redirect(login);
  } else {
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  response.headers.set("content-security-policy", csp);
  response.headers.set("x-request-id", requestId);
  return response;
}

export const config = {
  // Not API routes (they need nothing from it and it cost a third of a cheap route's throughput), nor static assets:
  // Next's chunks and Portico's own built scripts (/_portico/, e.g. the Connect boot script).
  matcher: ["/((?!api/|_next/static|_next/image|_portico/|favicon.ico).*)"],
};
