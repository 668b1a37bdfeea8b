import { z } from "zod";
import { requireFreshAuth } from "@/lib/access/fresh-auth";
import { requireStepUpProof, stepUpProofShape } from "@/lib/access/step-up-proof";
import { reasonSchema } from "@/lib/audit/reason-schema";
import { notFound } from "@/lib/http/errors";
import { json, platformRoute, readJson } from "@/lib/http/route";
import { ACCOUNT_ID_PATTERN, rejectOwnerInvitation } from "@/lib/tenancy/owner-invitations";

const body = z
  .strictObject({
    invitationId: z.string().regex(/^inv_[A-Za-z0-9_-]{1,64}$/, "Not an invitation id."),
    reason: reasonSchema,
    // Rejecting decides who may own the account as much as approving does: the same step-up.
    ...stepUpProofShape,
  })
  .superRefine(requireStepUpProof);

/** A second admin (never the one who asked) rejects an owner invitation that waits: it is never mailed. */
export const POST = platformRoute(
  { permission: "tenants.link" },
  async ({ req, access, params, log, meta }) => {
    const accountId = typeof params.id === "string" ? params.id : "";
    if (!ACCOUNT_ID_PATTERN.test(accountId)) throw notFound();
    const { code, passkey, grant, ...input } = await readJson(req, body);
    await requireFreshAuth(
      access,
      { code, passkey, grant },
      { log, meta, purpose: "tenant.owner_invite_reject" },
    );
    await rejectOwnerInvitation(access, accountId, input.invitationId, input.reason, meta);
    log.warn(
      { event: "tenant.owner_invite_rejected", accountId, invitationId: input.invitationId },
      "owner invitation rejected",
    );
    return json({ invitation: { id: input.invitationId, status: "rejected" } });
  },
);
