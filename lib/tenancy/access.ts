import "server-only";
import type { TenantRole } from "../db/schema";
import type { CurrentSession } from "../auth/session";
import { listMembershipsForUser, type Tenant } from "./queries";

export const ACTIVE_TENANT_COOKIE = "portico_tenant";

export interface TenantAccess {
  tenant: Tenant;
  role: TenantRole;
  /** Every tenant the user belongs to, for the tenant switcher. */
  memberships: { tenantId: string; name: string; role: TenantRole }[];
}

/**
 * The tenant a signed-in user acts for: the one named by the active-tenant cookie if the user is a member of it,
 * otherwise their oldest membership. The cookie only chooses among the user's own memberships.
 */
export async function resolveTenantAccess(
  session: CurrentSession,
  preferredTenantId: string | undefined,
): Promise<TenantAccess | null> {
  const memberships = await listMembershipsForUser(session.user.id);
  if (memberships.length === 0) return null;
  const chosen = memberships.find((m) => m.tenant.id === preferredTenantId) ?? memberships[0];
  if (!chosen) return null;
  return {
    tenant: chosen.tenant,
    role: chosen.role,
    memberships: memberships.map((m) => ({ tenantId: m.tenant.id, name: m.tenant.name, role: m.role })),
  };
}
