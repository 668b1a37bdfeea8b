import { z } from "zod";
import { requireFreshAuth } from "@/lib/access/fresh-auth";
import { requireStepUpProof, stepUpProofShape } from "@/lib/access/step-up-proof";
import { reasonSchema } from "@/lib/audit/reason-schema";
import { notFound } from "@/lib/http/errors";
import { json, platformRoute, readJson } from "@/lib/http/route";
import { ACCOUNT_ID_PATTERN, revokeOwnerInvitation } from "@/lib/tenancy/owner-invitations";

const body = z
  .strictObject({
    invitationId: z.string().regex(/^inv_[A-Za-z0-9_-]{1,64}$/, "Not an invitation id."),
    reason: reasonSchema,
    confirm: z.literal(true, "Confirm that you want to withdraw the invitation."),
    ...stepUpProofShape,
  })
  .superRefine(requireStepUpProof);

/** An admin withdraws an owner invitation, sent or waiting: its link stops working. */
export const POST = platformRoute(
  { permission: "tenants.link" },
  async ({ req, access, params, log, meta }) => {
    const accountId = typeof params.id === "string" ? params.id : "";
    if (!ACCOUNT_ID_PATTERN.test(accountId)) throw notFound();
    const { code, passkey, grant, ...input } = await readJson(req, body);
    await requireFreshAuth(
      access,
      { code, passkey, grant },
      { log, meta, purpose: "tenant.owner_invite_revoke" },
    );
    await revokeOwnerInvitation(access, accountId, input.invitationId, input.reason, meta);
    log.warn(
      { event: "tenant.owner_invite_revoked", accountId, invitationId: input.invitationId },
      "owner invitation revoked",
    );
    return json({ invitation: { id: input.invitationId, status: "revoked" } });
  },
);
