/** Platform staff roles, kept in better-auth's `user.role` ("admin" or "support"; "user" for everyone else). */
export const platformRoles = ["admin", "support"] as const;
export type PlatformRole = (typeof platformRoles)[number];

/** better-auth's `user.role` (several roles comma-separated): the strongest platform role, or null. */
export function platformRoleOf(role: string | null | undefined): PlatformRole | null {
  if (!role) return null;
  const roles = role.split(",").map((r) => r.trim());
  if (roles.includes("admin")) return "admin";
  if (roles.includes("support")) return "support";
  return null;
}
