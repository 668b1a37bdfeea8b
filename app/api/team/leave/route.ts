import { z } from "zod";
import { auditAction } from "@/lib/audit";
import { json, readJson, tenantRoute } from "@/lib/http/route";
import { leaveBusiness } from "@/lib/tenancy/team";

const body = z.strictObject({ confirm: z.literal(true, "Confirm that you want to leave the business.") });

/**
 * The signed-in member leaves the business they act for (never one named by the client). Its last owner cannot:
 * they make someone else owner first.
 */
export const POST = tenantRoute({ permission: "membership.leave" }, async ({ req, access, meta, log }) => {
  await readJson(req, body);
  await leaveBusiness(access.tenant.id, access.user.id, (trx, left) =>
    auditAction(access, "team.member_left", meta, { details: { email: left.email, role: left.from } }, trx),
  );
  log.info({ event: "team.left" }, "member left the business");
  const others = access.memberships.filter((m) => m.tenantId !== access.tenant.id);
  return json({ ok: true, redirectTo: others.length > 0 ? "/" : "/profile" });
});
