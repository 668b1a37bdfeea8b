import "server-only";
import type { Logger } from "pino";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { hasPlatformRole, hasTenantRole, type PlatformRole } from "../auth/roles";
import { resolveSession, type CurrentSession } from "../auth/session";
import type { TenantRole } from "../db/schema";
import { getEnv } from "../env";
import { requestLogger } from "../log";
import { findActiveImpersonation } from "../impersonation";
import { ACTIVE_TENANT_COOKIE, resolveTenantAccess, type TenantAccess } from "../tenancy/access";
import { HttpError, errorBody, forbidden, notFound, unauthorized } from "./errors";
import { isMutatingMethod, isSameOriginRequest } from "./origin";

export interface RouteContext {
  req: NextRequest;
  requestId: string;
  log: Logger;
  params: Record<string, string | string[] | undefined>;
}
export interface UserRouteContext extends RouteContext {
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

/** Parses a JSON body with a zod schema; a bad body is a 400 naming the first bad field. */
export async function readJson<S extends z.ZodType>(req: NextRequest, schema: S): Promise<z.infer<S>> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    throw new HttpError(415, "unsupported_media_type", "Send the request body as application/json.");
  }
  let raw: unknown;
  try {
    raw = await req.json();
  } catch {
    throw new HttpError(400, "invalid_json", "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || "body";
    throw new HttpError(400, "invalid_request", `${field}: ${issue?.message ?? "invalid value"}`, {});
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
      const ctx = await resolve({ req, requestId, log: logger, params });
      response = await handler(ctx);
    } catch (error) {
      if (error instanceof HttpError) {
        if (error.status === 401 || error.status === 403) {
          logger.warn({ event: "http.denied", status: error.status, code: error.code }, "request denied");
        }
        response = json(errorBody(error.code, error.message), {
          status: error.status,
          headers: error.headers,
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

async function requireSession(base: RouteContext): Promise<UserRouteContext> {
  const session = await resolveSession(base.req.headers);
  if (!session) throw unauthorized();
  base.log = base.log.child({ userId: session.user.id });
  return { ...base, session };
}

/** No session needed (sign-up, health, public checkout). Mutating methods still need a same-origin request. */
export function publicRoute(handler: (ctx: RouteContext) => Promise<Response>): RouteHandler {
  return wrap(async (base) => base, handler);
}

export function userRoute(handler: (ctx: UserRouteContext) => Promise<Response>): RouteHandler {
  return wrap(requireSession, handler);
}

/** A member of a tenant, with one of `roles` (any role when empty); 403 otherwise. */
export function tenantRoute(
  roles: readonly TenantRole[],
  handler: (ctx: TenantRouteContext) => Promise<Response>,
  options: { allowDuringImpersonation?: boolean } = {},
): RouteHandler {
  return wrap(async (base) => {
    const ctx = await requireSession(base);
    const preferred = base.req.cookies.get(ACTIVE_TENANT_COOKIE)?.value;
    const access = await resolveTenantAccess(ctx.session, preferred);
    if (!access) throw forbidden("You are not a member of any business.");
    // Staff viewing an account change nothing of it: no team, settings, test data or credentials.
    if (access.impersonation && isMutatingMethod(base.req.method) && !options.allowDuringImpersonation) {
      throw new HttpError(403, "impersonation_read_only", "Viewing as this account is read-only.");
    }
    if (roles.length > 0 && !hasTenantRole(access.role, roles)) throw forbidden();
    ctx.log = ctx.log.child({ tenantId: access.tenant.id });
    return { ...ctx, access };
  }, handler);
}

/**
 * Platform staff with one of `roles`; anyone else gets 404, so nothing reveals the console. While the staff member
 * views an account, the console is closed to them (403) except for routes that end or change that view.
 */
export function platformRoute(
  roles: readonly PlatformRole[],
  handler: (ctx: UserRouteContext) => Promise<Response>,
  options: { allowDuringImpersonation?: boolean } = {},
): RouteHandler {
  return wrap(async (base) => {
    const session = await resolveSession(base.req.headers);
    if (!session || !hasPlatformRole(session.user.platformRole, roles)) throw notFound();
    if (!options.allowDuringImpersonation && (await findActiveImpersonation(session))) {
      throw new HttpError(403, "impersonating", "Stop viewing the account to use the console.");
    }
    return { ...base, session };
  }, handler);
}
