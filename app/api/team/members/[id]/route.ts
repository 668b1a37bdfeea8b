import { z } from "zod";
import { tenantRoles } from "@/lib/auth/roles";
import { json, readJson, tenantRoute } from "@/lib/http/route";
import { changeMemberRole, removeMember } from "@/lib/tenancy/team";

const body = z.strictObject({ role: z.enum(tenantRoles) });

/** Owners change a member's role; the last owner cannot be demoted. */
export const PATCH = tenantRoute(["owner"], async ({ req, access, params, log }) => {
  const input = await readJson(req, body);
  await changeMemberRole(access.tenant.id, String(params.id ?? ""), input.role);
  log.info({ event: "team.role_changed", role: input.role }, "team member role changed");
  return json({ ok: true });
});

/** Owners remove a member; the last owner cannot be removed. */
export const DELETE = tenantRoute(["owner"], async ({ access, params, log }) => {
  await removeMember(access.tenant.id, String(params.id ?? ""));
  log.info({ event: "team.removed" }, "team member removed");
  return json({ ok: true });
});
