import { z } from "zod";
import { tenantRoles } from "@/lib/access/permissions";
import { auditAction } from "@/lib/audit";
import { json, readJson, tenantRoute } from "@/lib/http/route";
import { inviteMember } from "@/lib/tenancy/invitations";

const body = z.strictObject({
  email: z.email("Enter a valid email address.").max(254),
  role: z.enum(tenantRoles),
});

/** Owners invite a person by email: a single-use link is mailed to that address, and only that address can join. */
export const POST = tenantRoute({ permission: "team.manage" }, async ({ req, access, log, meta }) => {
  const input = await readJson(req, body);
  const invitation = await inviteMember(
    access.tenant.id,
    input.email,
    input.role,
    { id: access.user.id, name: access.user.name },
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
