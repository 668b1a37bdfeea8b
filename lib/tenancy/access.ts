import "server-only";
import type { TenantRole } from "../db/schema";
import type { CurrentSession } from "../auth/session";
import type { SessionProfile } from "../connect/policy";
import { findActiveImpersonation, type ActiveImpersonation } from "../impersonation";
import { listMembershipsForUser, type Tenant } from "./queries";

export const ACTIVE_TENANT_COOKIE = "portico_tenant";

export interface TenantAccess {
  tenant: Tenant;
  /** The membership role; "viewer" (least privilege) while platform staff view an account. */
  role: TenantRole;
  /** What the embedded components get: the role, or the impersonation profile ("support" or, escalated, "owner"). */
  profile: SessionProfile;
  /** Set while a platform staff member views the account ("view as"): everything is read-only for them. */
  impersonation: ActiveImpersonation | null;
  /** Every tenant the user belongs to, for the tenant switcher. */
  memberships: { tenantId: string; name: string; role: TenantRole }[];
}

/**
 * The tenant a signed-in user acts for: the one named by the active-tenant cookie if the user is a member of it,
 * otherwise their oldest membership. The cookie only chooses among the user's own memberships. Platform staff act for
 * a tenant only through an active impersonation of their own session.
 */
export async function resolveTenantAccess(
  session: CurrentSession,
  preferredTenantId: string | undefined,
): Promise<TenantAccess | null> {
  if (session.user.platformRole) {
    const impersonation = await findActiveImpersonation(session);
    if (impersonation) {
      return {
        tenant: impersonation.tenant,
        role: "viewer",
        profile: impersonation.profile,
        impersonation,
        memberships: [],
      };
    }
  }
  const memberships = await listMembershipsForUser(session.user.id);
  if (memberships.length === 0) return null;
  const chosen = memberships.find((m) => m.tenant.id === preferredTenantId) ?? memberships[0];
  if (!chosen) return null;
  return {
    tenant: chosen.tenant,
    role: chosen.role,
    profile: chosen.role,
    impersonation: null,
    memberships: memberships.map((m) => ({ tenantId: m.tenant.id, name: m.tenant.name, role: m.role })),
  };
}
