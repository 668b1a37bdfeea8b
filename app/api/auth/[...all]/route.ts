import { toNextJsHandler } from "better-auth/next-js";
import type { NextRequest } from "next/server";
import { ACTIVE_TENANT_COOKIE, authorize, resolveAccess } from "@/lib/access/context";
import { getAuth } from "@/lib/auth";
import { authEndpointOf } from "@/lib/auth/endpoints";
import { JSON_BODY_LIMIT, readBody } from "@/lib/http/body";
import { asHttpError } from "@/lib/http/error-conversion";
import { errorBody } from "@/lib/http/errors";
import { json } from "@/lib/http/route";

/**
 * better-auth, behind Portico's own door: only the endpoints in lib/auth/endpoints.ts are served (anything else is a
 * 404 that better-auth never sees), those that need a permission ask lib/access first, and the body is read at most
 * 64 KB far before better-auth parses it. better-auth itself checks Origin on cookie-bearing requests and limits
 * sign-in per client address (the one Portico's entrypoint stamped).
 */

function seconds(value: string | null): number | null {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? Math.ceil(n) : null;
}

/** better-auth's per-address limiter answers 429 without a code: say what happened and for how long. */
async function explainRateLimit(response: Response): Promise<Response> {
  if (response.status !== 429) return response;
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => null);
  if (typeof body === "object" && body !== null && "code" in body && body.code === "ACCOUNT_LOCKED") {
    const retryAfterSeconds = "retryAfterSeconds" in body ? Number(body.retryAfterSeconds) : null;
    const message = "message" in body ? String(body.message) : "This account is locked for a while.";
    return json(errorBody("account_locked", message, retryAfterSeconds ? { retryAfterSeconds } : {}), {
      status: 429,
      headers: retryAfterSeconds ? { "retry-after": String(retryAfterSeconds) } : {},
    });
  }
  const retryAfterSeconds = seconds(response.headers.get("x-retry-after")) ?? 10;
  return json(
    errorBody(
      "rate_limited",
      `Too many attempts from your network in a short time. Wait ${retryAfterSeconds} seconds and try again.`,
      { retryAfterSeconds },
    ),
    { status: 429, headers: { "retry-after": String(retryAfterSeconds) } },
  );
}

async function handle(request: NextRequest): Promise<Response> {
  try {
    const endpoint = authEndpointOf(request.nextUrl.pathname, request.method);
    if (!endpoint) return json(errorBody("not_found", "Not found."), { status: 404 });
    if (endpoint.permission) {
      const access = await resolveAccess(request.headers, request.cookies.get(ACTIVE_TENANT_COOKIE)?.value);
      authorize(access, endpoint.permission);
    }
    const body = request.method === "GET" ? undefined : Buffer.from(await readBody(request, JSON_BODY_LIMIT));
    const forwarded = new Request(request.url, { method: request.method, headers: request.headers, body });
    const handlers = toNextJsHandler(getAuth());
    const response = await (request.method === "GET" ? handlers.GET(forwarded) : handlers.POST(forwarded));
    return explainRateLimit(response);
  } catch (error) {
    const httpError = asHttpError(error);
    if (!httpError) throw error;
    return json(errorBody(httpError.code, httpError.message, httpError.extra), {
      status: httpError.status,
      headers: httpError.headers,
    });
  }
}

export { handle as GET, handle as POST };
