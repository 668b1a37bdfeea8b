import { json, userRoute } from "@/lib/http/route";
import { listMembershipsForUser } from "@/lib/tenancy/queries";

/** The signed-in user and their memberships. */
export const GET = userRoute(async ({ session }) => {
  const memberships = await listMembershipsForUser(session.user.id);
  return json({
    user: session.user,
    memberships: memberships.map((m) => ({
      tenant: { name: m.tenant.name, slug: m.tenant.slug },
      role: m.role,
    })),
  });
});
