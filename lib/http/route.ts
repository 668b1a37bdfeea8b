import "server-only";
import type { Logger } from "pino";
import type { NextRequest } from "next/server";
import { z } from "zod";
import {
  ACTIVE_TENANT_COOKIE,
  authorize,
  authorizeTenant,
  resolveAccess,
  type AccessContext,
  type TenantAccess,
} from "../access/context";
import type { Permission } from "../access/permissions";
import type { CurrentSession } from "../auth/types";
import type { RequestMeta } from "../impersonation";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { requestLogger } from "../log";
import { JSON_BODY_LIMIT, readBodyText } from "./body";
import { asHttpError } from "./error-conversion";
import { HttpError, errorBody } from "./errors";
import { isMutatingMethod, isSameOriginRequest } from "./origin";
import { requestMeta } from "./request-meta";

/**
 * Route handlers are wrapped here: the transport. Each wrapper asks lib/access for the route's one permission
 * before the handler runs (authorization is decided there, never here), refuses cross-site state changes first,
 * and turns whatever was thrown — a domain error's code, a transport error — into a JSON answer.
 */

export interface RouteContext {
  req: NextRequest;
  requestId: string;
  log: Logger;
  params: Record<string, string | string[] | undefined>;
  /** The stamped client address and user agent, for the audit log (lib/http/request-meta.ts). */
  meta: RequestMeta;
}
export interface UserRouteContext extends RouteContext {
  access: AccessContext;
  session: CurrentSession;
}
export interface TenantRouteContext extends UserRouteContext {
  access: TenantAccess;
}

type NextRouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
type RouteHandler = (req: NextRequest, context: NextRouteContext) => Promise<Response>;

export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json; charset=utf-8");
  if (!headers.has("cache-control")) headers.set("cache-control", "no-store");
  return new Response(JSON.stringify(body), { ...init, headers });
}

/** Field → first message, for forms. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "body";
    fields[field] ??= issue.message;
  }
  return fields;
}

/**
 * For a POST whose body carries nothing the server uses: it must still say it is JSON (a cross-site form post
 * cannot) and not declare more than the limit, but it is never read — so nothing in it can name an account, and
 * the route pays nothing for it.
 */
export function requireJsonRequest(req: NextRequest, maxBytes = JSON_BODY_LIMIT): void {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    throw new HttpError(415, "unsupported_media_type", "Send the request body as application/json.");
  }
  if (Number(req.headers.get("content-length") ?? "0") > maxBytes) {
    throw new HttpError(413, "payload_too_large", "The request body is larger than allowed here.");
  }
}

/**
 * Reads and parses a JSON body with a zod schema, never more than `maxBytes` (64 KB unless the route declares more):
 * too large is a 413 before anything is parsed, a bad body a 400 naming each bad field.
 */
export async function readJson<S extends z.ZodType>(
  req: NextRequest,
  schema: S,
  options: { maxBytes?: number } = {},
): Promise<z.infer<S>> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    throw new HttpError(415, "unsupported_media_type", "Send the request body as application/json.");
  }
  const text = await readBodyText(req, options.maxBytes ?? JSON_BODY_LIMIT);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new HttpError(400, "invalid_json", "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    const first = parsed.error.issues[0]?.message ?? "Check the highlighted fields.";
    throw new HttpError(400, "invalid_request", first, {}, { fields });
  }
  return parsed.data;
}

function allowedOrigins(): string[] {
  return [getEnv().appUrl.origin];
}

function wrap<C extends RouteContext>(
  resolve: (base: RouteContext) => Promise<C>,
  handler: (ctx: C) => Promise<Response>,
): RouteHandler {
  return async (req, nextContext) => {
    // Always our own: API routes skip proxy.ts, so an incoming x-request-id could only come from the client.
    const requestId = crypto.randomUUID();
    const logger = requestLogger(requestId, { method: req.method, path: req.nextUrl.pathname });
    let response: Response;
    try {
      // Cross-site state changes are refused before anything else runs.
      if (isMutatingMethod(req.method) && !isSameOriginRequest(req.headers, allowedOrigins())) {
        logger.warn(
          { event: "http.cross_site_refused", origin: req.headers.get("origin") },
          "cross-site request refused",
        );
        throw new HttpError(403, "cross_site_request", "Cross-site requests are not allowed.");
      }
      const params = nextContext?.params ? await nextContext.params : {};
      const ctx = await resolve({ req, requestId, log: logger, params, meta: requestMeta(req.headers) });
      response = await handler(ctx);
    } catch (error) {
      const httpError = asHttpError(error);
      if (httpError) {
        if (httpError.status === 401 || httpError.status === 403) {
          logger.warn(
            { event: "http.denied", status: httpError.status, code: httpError.code },
            "request denied",
          );
        }
        response = json(errorBody(httpError.code, httpError.message, httpError.extra), {
          status: httpError.status,
          headers: httpError.headers,
        });
      } else {
        logger.error({ err: error }, "unhandled error in route handler");
        response = json(errorBody("internal_error", "Something went wrong. Try again."), { status: 500 });
      }
    }
    response.headers.set("x-request-id", requestId);
    return response;
  };
}

async function accessOf(base: RouteContext): Promise<AccessContext | null> {
  return resolveAccess(base.req.headers, base.req.cookies.get(ACTIVE_TENANT_COOKIE)?.value, base.meta);
}

function withUser(base: RouteContext, access: AccessContext): UserRouteContext {
  base.log = base.log.child({ userId: access.user.id });
  return { ...base, access, session: access.session };
}

export interface RouteOptions {
  /** The one permission the route needs (lib/access/permissions.ts). */
  permission: Permission;
}

/** No session needed (sign-up, health, public checkout). Mutating methods still need a same-origin request. */
export function publicRoute(handler: (ctx: RouteContext) => Promise<Response>): RouteHandler {
  return wrap(async (base) => base, handler);
}

/** Anyone signed in (with `permission`, when given). */
export function userRoute(
  options: Partial<RouteOptions>,
  handler: (ctx: UserRouteContext) => Promise<Response>,
): RouteHandler {
  return wrap(async (base) => {
    const access = await accessOf(base);
    if (!access) throw new AppError("unauthenticated", "Sign in to continue.");
    if (options.permission) authorize(access, options.permission);
    return withUser(base, access);
  }, handler);
}

/** Acting for a business, with the permission: a member's role, or a staff member's view of the account. */
export function tenantRoute(
  options: RouteOptions,
  handler: (ctx: TenantRouteContext) => Promise<Response>,
): RouteHandler {
  return wrap(async (base) => {
    const access = await accessOf(base);
    authorizeTenant(access, options.permission);
    const ctx = withUser(base, access);
    ctx.log = ctx.log.child({ tenantId: access.tenant.id });
    return { ...ctx, access };
  }, handler);
}

/**
 * The platform console's routes (and those that end or change a view): anyone without the permission who is not
 * platform staff gets 404, so nothing reveals the console; staff viewing an account find it closed (403).
 */
export function platformRoute(
  options: RouteOptions,
  handler: (ctx: UserRouteContext) => Promise<Response>,
): RouteHandler {
  return wrap(async (base) => {
    const access = await accessOf(base);
    if (!access?.platformRole) throw new HttpError(404, "not_found", "Not found.");
    authorize(access, options.permission);
    return withUser(base, access);
  }, handler);
}
