import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { resolveSession } from "../auth/session";
import type { CurrentSession, SessionUser } from "../auth/types";
import { AppError } from "../errors";
import { findActiveImpersonation, type ActiveImpersonation, type RequestMeta } from "../impersonation";
import { getPlatformConfig } from "../config";
import { listMembershipsForUser, type Tenant } from "../tenancy/queries";
import { secondFactorDue } from "./second-factor-rule";
import {
  permissionSpec,
  permissionsOf,
  viewingProfile,
  type Permission,
  type PlatformRole,
  type Profile,
  type TenantRole,
} from "./permissions";

/** The cookie that picks which of a person's businesses they act for (it only chooses among their own). */
export const ACTIVE_TENANT_COOKIE = "portico_tenant";

/** Set-Cookie for acting for `tenantId` next (e.g. the business just joined): one of the person's own, or ignored. */
export function activeTenantCookie(tenantId: string, secure: boolean): string {
  return `${ACTIVE_TENANT_COOKIE}=${encodeURIComponent(tenantId)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000${secure ? "; Secure" : ""}`;
}

export interface MembershipSummary {
  tenantId: string;
  name: string;
  slug: string;
  role: TenantRole;
}

/**
 * Who is asking, resolved once per request from the server-side session only: the person, their platform role, the
 * business they act for and their role in it, an active "view as" and the profile all of that makes, with its
 * permissions. Nothing in the request body, query or headers can name an account or a tenant.
 */
export interface AccessContext {
  session: CurrentSession;
  user: SessionUser;
  platformRole: PlatformRole | null;
  profile: Profile;
  permissions: ReadonlySet<Permission>;
  /** The business acted for: the member's (chosen by the active-tenant cookie among their own), or the viewed one. */
  tenant: Tenant | null;
  /** The membership role; null for platform staff (they see a business only through a view). */
  tenantRole: TenantRole | null;
  memberships: MembershipSummary[];
  impersonation: ActiveImpersonation | null;
}

/** An access context that acts for a business. */
export interface TenantAccess extends AccessContext {
  tenant: Tenant;
}

function context(
  session: CurrentSession,
  profile: Profile,
  rest: Pick<AccessContext, "tenant" | "tenantRole" | "memberships" | "impersonation">,
): AccessContext {
  return {
    session,
    user: session.user,
    platformRole: session.user.platformRole,
    profile,
    permissions: permissionsOf(profile),
    ...rest,
  };
}

/**
 * The access context for a request, or null when nobody is signed in. Platform staff never act as members of a
 * business (admin power must not mix with a tenant identity): they act for one only through a view of their own
 * session, under its profile.
 */
export async function resolveAccess(
  requestHeaders: Headers,
  preferredTenantId: string | undefined,
  meta?: RequestMeta,
): Promise<AccessContext | null> {
  const session = await resolveSession(requestHeaders);
  if (!session) return null;
  return accessForSession(session, preferredTenantId, meta);
}

export async function accessForSession(
  session: CurrentSession,
  preferredTenantId: string | undefined,
  meta?: RequestMeta,
): Promise<AccessContext> {
  const platformRole = session.user.platformRole;
  const due = secondFactorDue({
    platformRole,
    assurance: session.assurance,
    tenantsRequired: getPlatformConfig().security.requireTenantSecondFactor,
  });
  if (due) {
    // A password alone opens nothing: not the console, not a view, not a business.
    return context(session, "second_factor_pending", {
      tenant: null,
      tenantRole: null,
      memberships: [],
      impersonation: null,
    });
  }
  if (platformRole) {
    const impersonation = await findActiveImpersonation(session, meta);
    if (!impersonation) {
      return context(session, platformRole, {
        tenant: null,
        tenantRole: null,
        memberships: [],
        impersonation: null,
      });
    }
    return context(session, viewingProfile(platformRole, impersonation.profile), {
      tenant: impersonation.tenant,
      tenantRole: null,
      memberships: [],
      impersonation,
    });
  }
  const memberships = session.memberships ?? (await listMembershipsForUser(session.user.id));
  const chosen = memberships.find((m) => m.tenant.id === preferredTenantId) ?? memberships[0];
  return context(session, chosen?.role ?? "user", {
    tenant: chosen?.tenant ?? null,
    tenantRole: chosen?.role ?? null,
    memberships: memberships.map((m) => ({
      tenantId: m.tenant.id,
      name: m.tenant.name,
      slug: m.tenant.slug,
      role: m.role,
    })),
    impersonation: null,
  });
}

/**
 * The business `tenantId` names among the person's own memberships (read from the database for this request), to act
 * for next. Anything else — another business, a made-up id — is "not found": the answer reveals nothing about it.
 */
export function ownMembership(access: AccessContext, tenantId: string): MembershipSummary {
  authorize(access, "membership.switch");
  const membership = access.memberships.find((m) => m.tenantId === tenantId);
  if (!membership) throw new AppError("not_found", "You are not a member of that business.");
  return membership;
}

/** Pages, layouts and server actions: the current request's access, resolved once however many ask. */
export const getAccess = cache(async (): Promise<AccessContext | null> => {
  const preferred = (await cookies()).get(ACTIVE_TENANT_COOKIE)?.value;
  return resolveAccess(await headers(), preferred);
});

const viewMessages = {
  read: "Viewing as this account is read-only.",
  console: "Stop viewing the account to use the console.",
} as const;

/**
 * Throws unless the context holds the permission, with the error that says why: not signed in, the console hidden
 * from non-staff (not found), a view that is read-only or keeps the console closed, no view to stop, or forbidden.
 */
export function authorize(
  access: AccessContext | null,
  permission: Permission,
): asserts access is AccessContext {
  if (!access) throw new AppError("unauthenticated", "Sign in to continue.");
  if (access.permissions.has(permission)) return;
  if (access.profile === "second_factor_pending") {
    throw new AppError("second_factor_required", "Confirm your second factor to continue.", {
      reason: access.session.assurance.enrolled
        ? "second_factor_required"
        : "second_factor_enrolment_required",
    });
  }
  const { area } = permissionSpec(permission);
  if (area === "console") {
    // Nothing reveals the console to those who may not use it; its own staff find it closed while viewing.
    if (access.impersonation) throw new AppError("viewing_account", viewMessages.console);
    throw new AppError("not_found", "Not found.");
  }
  if (area === "view") {
    if (access.impersonation) throw new AppError("forbidden", "Your role cannot change this view.");
    throw new AppError("conflict", "You are not viewing an account.", { reason: "not_viewing" });
  }
  if (access.impersonation) throw new AppError("read_only_view", viewMessages.read);
  if (area === "tenant" && !access.tenant) {
    throw new AppError("no_membership", "You are not a member of any business.");
  }
  throw new AppError("forbidden", "You do not have access to this.");
}

/** Like `authorize`, and the context acts for a business. */
export function authorizeTenant(
  access: AccessContext | null,
  permission: Permission,
): asserts access is TenantAccess {
  authorize(access, permission);
  if (!access.tenant) throw new AppError("no_membership", "You are not a member of any business.");
}
