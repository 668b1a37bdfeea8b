import type { TenantRole } from "../db/schema";

/** Platform staff roles (better-auth admin plugin's `user.role`); everyone else is a tenant user. */
export const platformRoles = ["admin", "support"] as const;
export type PlatformRole = (typeof platformRoles)[number];

export const tenantRoles = ["owner", "staff", "viewer"] as const satisfies readonly TenantRole[];

export function platformRoleOf(role: string | null | undefined): PlatformRole | null {
  if (!role) return null;
  // better-auth stores several roles comma-separated; the strongest platform role wins.
  const roles = role.split(",").map((r) => r.trim());
  if (roles.includes("admin")) return "admin";
  if (roles.includes("support")) return "support";
  return null;
}

export function isTenantRole(value: unknown): value is TenantRole {
  return typeof value === "string" && (tenantRoles as readonly string[]).includes(value);
}

export function hasPlatformRole(role: PlatformRole | null, allowed: readonly PlatformRole[]): boolean {
  return role !== null && allowed.includes(role);
}

export function hasTenantRole(role: TenantRole | null, allowed: readonly TenantRole[]): boolean {
  return role !== null && allowed.includes(role);
}

/** What a tenant role may do in Portico's own pages (Stripe component features live in lib/connect/policy.ts). */
export const tenantPermissions = {
  manageTeam: ["owner"],
  manageAccount: ["owner"],
  createTestData: ["owner"],
  viewDashboard: ["owner", "staff", "viewer"],
} as const satisfies Record<string, readonly TenantRole[]>;

export type TenantPermission = keyof typeof tenantPermissions;

export function can(role: TenantRole | null, permission: TenantPermission): boolean {
  return hasTenantRole(role, tenantPermissions[permission]);
}
