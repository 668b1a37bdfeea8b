import "server-only";
import { cookies } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import type { TenantRole } from "../db/schema";
import { getActiveImpersonation } from "../impersonation";
import { ACTIVE_TENANT_COOKIE, resolveTenantAccess, type TenantAccess } from "../tenancy/access";
import { hasPlatformRole, hasTenantRole, type PlatformRole } from "./roles";
import { getCurrentSession, type CurrentSession } from "./session";

/**
 * Authorization for pages, layouts and server actions: each one calls the helper for its concern itself.
 * (Route handlers use lib/http/route.ts, which answers with JSON status codes instead of redirects.)
 */

export async function requireUser(): Promise<CurrentSession> {
  const session = await getCurrentSession();
  if (!session) redirect("/login");
  return session;
}

/**
 * Platform staff only; everyone else gets a 404 so the console's existence isn't revealed. While viewing an account,
 * the console is closed (403): staff see the tenant's dashboard, under its banner, until they stop.
 */
export async function requirePlatformRole(...allowed: PlatformRole[]): Promise<CurrentSession> {
  const session = await getCurrentSession();
  if (!session || !hasPlatformRole(session.user.platformRole, allowed)) notFound();
  if (await getActiveImpersonation(session)) forbidden();
  return session;
}

export interface TenantContext extends TenantAccess {
  session: CurrentSession;
}

export async function getTenantContext(session: CurrentSession): Promise<TenantContext | null> {
  const preferred = (await cookies()).get(ACTIVE_TENANT_COOKIE)?.value;
  const access = await resolveTenantAccess(session, preferred);
  return access ? { ...access, session } : null;
}

/** A member of a tenant with one of the given roles (any role when none are given). */
export async function requireTenantRole(...allowed: TenantRole[]): Promise<TenantContext> {
  const session = await requireUser();
  const context = await getTenantContext(session);
  if (!context) {
    // Platform staff without a membership belong in the console.
    if (session.user.platformRole) redirect("/admin");
    forbidden();
  }
  if (allowed.length > 0 && !hasTenantRole(context.role, allowed)) forbidden();
  return context;
}
