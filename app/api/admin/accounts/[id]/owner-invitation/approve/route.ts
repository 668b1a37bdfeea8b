import { z } from "zod";
import { requireFreshAuth } from "@/lib/access/fresh-auth";
import { requireStepUpProof, stepUpProofShape } from "@/lib/access/step-up-proof";
import { reasonSchema } from "@/lib/audit/reason-schema";
import { notFound } from "@/lib/http/errors";
import { json, platformRoute, readJson } from "@/lib/http/route";
import { ACCOUNT_ID_PATTERN, approveOwnerInvitation } from "@/lib/tenancy/owner-invitations";

const body = z
  .strictObject({
    invitationId: z.string().regex(/^inv_[A-Za-z0-9_-]{1,64}$/, "Not an invitation id."),
    reason: reasonSchema,
    ...stepUpProofShape,
  })
  .superRefine(requireStepUpProof);

/**
 * A second admin (never the one who asked) approves an owner invitation that waits, after a fresh step-up of their
 * own: it is mailed now.
 */
export const POST = platformRoute(
  { permission: "tenants.link" },
  async ({ req, access, params, log, meta }) => {
    const accountId = typeof params.id === "string" ? params.id : "";
    if (!ACCOUNT_ID_PATTERN.test(accountId)) throw notFound();
    const { code, passkey, grant, ...input } = await readJson(req, body);
    await requireFreshAuth(
      access,
      { code, passkey, grant },
      { log, meta, purpose: "tenant.owner_invite_approve" },
    );
    await approveOwnerInvitation(access, accountId, input.invitationId, input.reason, meta);
    log.warn(
      { event: "tenant.owner_invite_approved", accountId, invitationId: input.invitationId },
      "owner invitation approved",
    );
    return json({ invitation: { id: input.invitationId, status: "approved" } });
  },
);
