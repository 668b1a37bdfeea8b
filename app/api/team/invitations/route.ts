import { z } from "zod";
import { tenantRoles } from "@/lib/access/permissions";
import { auditAction } from "@/lib/audit";
import { json, readJson, tenantRoute } from "@/lib/http/route";
import { inviteMember } from "@/lib/tenancy/team";

const body = z.strictObject({
  email: z.email("Enter a valid email address.").max(254),
  role: z.enum(tenantRoles),
});

/** Owners invite a person by email; they join when they sign up or sign in with that email. */
export const POST = tenantRoute({ permission: "team.manage" }, async ({ req, access, log, meta }) => {
  const input = await readJson(req, body);
  const invitation = await inviteMember(
    access.tenant.id,
    input.email,
    input.role,
    access.user.id,
    (trx, made) =>
      auditAction(
        access,
        "team.invited",
        meta,
        { details: { invitationId: made.id, email: made.email, role: made.role } },
        trx,
      ),
  );
  log.info({ event: "team.invited", role: input.role }, "team member invited");
  return json({ invitation }, { status: 201 });
});
