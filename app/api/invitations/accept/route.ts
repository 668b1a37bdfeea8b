import { z } from "zod";
import { activeTenantCookie } from "@/lib/access/context";
import { getEnv } from "@/lib/env";
import { json, readJson, userRoute } from "@/lib/http/route";
import { acceptInvitation } from "@/lib/tenancy/invitations";

const body = z.strictObject({ token: z.string().trim().min(1).max(200) });

/** A signed-in user joins a team with the mailed link; their verified email must be the invited one. */
export const POST = userRoute({ permission: "invitations.accept" }, async ({ req, access, log }) => {
  const { token } = await readJson(req, body);
  const joined = await acceptInvitation(token, {
    id: access.user.id,
    email: access.user.email,
    emailVerified: access.user.emailVerified,
    isStaff: access.platformRole !== null,
  });
  log.info({ event: "team.joined", tenantId: joined.tenantId, role: joined.role }, "invitation accepted");
  // The dashboard opens on the business just joined, even for someone who already had one.
  const secure = getEnv().appUrl.protocol === "https:";
  return json(
    { tenantId: joined.tenantId, redirectTo: "/" },
    { headers: { "set-cookie": activeTenantCookie(joined.tenantId, secure) } },
  );
});
