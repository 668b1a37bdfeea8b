import { z } from "zod";
import { tenantRoles } from "@/lib/auth/roles";
import { json, readJson, tenantRoute } from "@/lib/http/route";
import { inviteMember } from "@/lib/tenancy/team";

const body = z.strictObject({
  email: z.email("Enter a valid email address.").max(254),
  role: z.enum(tenantRoles),
});

/** Owners invite a person by email; they join when they sign up or sign in with that email. */
export const POST = tenantRoute(["owner"], async ({ req, access, session, log }) => {
  const input = await readJson(req, body);
  const invitation = await inviteMember(access.tenant.id, input.email, input.role, session.user.id);
  log.info({ event: "team.invited", role: input.role }, "team member invited");
  return json({ invitation }, { status: 201 });
});
