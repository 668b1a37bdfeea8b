import { auditAction } from "@/lib/audit";
import { json, tenantRoute } from "@/lib/http/route";
import { revokeInvitation } from "@/lib/tenancy/invitations";

/** Owners revoke a pending invitation of their own business (another business's is simply not found). */
export const DELETE = tenantRoute({ permission: "team.manage" }, async ({ access, params, meta }) => {
  await revokeInvitation(access.tenant.id, String(params.id ?? ""), (trx, revoked) =>
    auditAction(
      access,
      "team.invitation_revoked",
      meta,
      { details: { invitationId: revoked.id, email: revoked.email, role: revoked.role } },
      trx,
    ),
  );
  return json({ ok: true });
});
