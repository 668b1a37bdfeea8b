import { json, userRoute } from "@/lib/http/route";

/** The signed-in person: who they are, the profile they act under and its permissions, their businesses, any view. */
export const GET = userRoute({}, async ({ access }) => {
  const { impersonation } = access;
  return json({
    user: access.user,
    profile: access.profile,
    permissions: [...access.permissions],
    tenant: access.tenant ? { name: access.tenant.name, slug: access.tenant.slug } : null,
    impersonation: impersonation
      ? {
          id: impersonation.id,
          accountId: impersonation.accountId,
          tenant: { name: impersonation.tenant.name, slug: impersonation.tenant.slug },
          profile: impersonation.profile,
          reason: impersonation.reason,
          expiresAt: impersonation.expiresAt,
        }
      : null,
    memberships: access.memberships.map((m) => ({ tenant: { name: m.name, slug: m.slug }, role: m.role })),
  });
});
