import { z } from "zod";
import { tenantRoles } from "@/lib/access/permissions";
import { auditAction } from "@/lib/audit";
import { json, readJson, tenantRoute } from "@/lib/http/route";
import { changeMemberRole, removeMember } from "@/lib/tenancy/team";

const body = z.strictObject({ role: z.enum(tenantRoles) });

/** Owners change a member's role; the last owner cannot be demoted. */
export const PATCH = tenantRoute(
  { permission: "team.manage" },
  async ({ req, access, params, log, meta }) => {
    const input = await readJson(req, body);
    await changeMemberRole(access.tenant.id, String(params.id ?? ""), input.role, (trx, change) =>
      auditAction(
        access,
        "team.role_changed",
        meta,
        {
          details: {
            membershipId: change.membershipId,
            email: change.email,
            from: change.from,
            to: input.role,
          },
        },
        trx,
      ),
    );
    log.info({ event: "team.role_changed", role: input.role }, "team member role changed");
    return json({ ok: true });
  },
);

/** Owners remove a member; the last owner cannot be removed. */
export const DELETE = tenantRoute({ permission: "team.manage" }, async ({ access, params, log, meta }) => {
  await removeMember(access.tenant.id, String(params.id ?? ""), (trx, removed) =>
    auditAction(
      access,
      "team.member_removed",
      meta,
      { details: { membershipId: removed.membershipId, email: removed.email, role: removed.from } },
      trx,
    ),
  );
  log.info({ event: "team.removed" }, "team member removed");
  return json({ ok: true });
});
