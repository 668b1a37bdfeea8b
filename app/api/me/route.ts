import { json, userRoute } from "@/lib/http/route";
import { findActiveImpersonation } from "@/lib/impersonation";
import { listMembershipsForUser } from "@/lib/tenancy/queries";

/** The signed-in user and their memberships. */
export const GET = userRoute(async ({ session }) => {
  const memberships = await listMembershipsForUser(session.user.id);
  const impersonation = await findActiveImpersonation(session);
  return json({
    user: session.user,
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
    memberships: memberships.map((m) => ({
      tenant: { name: m.tenant.name, slug: m.tenant.slug },
      role: m.role,
    })),
  });
});
