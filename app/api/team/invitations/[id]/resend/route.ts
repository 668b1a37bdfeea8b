import { auditAction } from "@/lib/audit";
import { json, requireJsonRequest, tenantRoute } from "@/lib/http/route";
import { resendInvitation } from "@/lib/tenancy/invitations";

/** Owners mail a pending invitation again with a new link; the old link stops working. */
export const POST = tenantRoute({ permission: "team.manage" }, async ({ req, access, params, meta }) => {
  requireJsonRequest(req);
  const invitation = await resendInvitation(
    access.tenant.id,
    String(params.id ?? ""),
    { id: access.user.id, name: access.user.name },
    (trx, sent) =>
      auditAction(
        access,
        "team.invitation_resent",
        meta,
        { details: { invitationId: sent.id, email: sent.email, role: sent.role } },
        trx,
      ),
  );
  return json({ invitation });
});
