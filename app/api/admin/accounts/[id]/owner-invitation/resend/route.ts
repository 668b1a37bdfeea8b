import { z } from "zod";
import { requireFreshAuth } from "@/lib/access/fresh-auth";
import { requireStepUpProof, stepUpProofShape } from "@/lib/access/step-up-proof";
import { notFound } from "@/lib/http/errors";
import { json, platformRoute, readJson } from "@/lib/http/route";
import { ACCOUNT_ID_PATTERN, resendOwnerInvitation } from "@/lib/tenancy/owner-invitations";

// A resend mails a new link that makes its holder the account's owner: it takes a step-up like the invitation.
const body = z
  .strictObject({
    invitationId: z.string().regex(/^inv_[A-Za-z0-9_-]{1,64}$/, "Not an invitation id."),
    ...stepUpProofShape,
  })
  .superRefine(requireStepUpProof);

/** Mails a sent owner invitation again with a new link; the previous link stops working. */
export const POST = platformRoute(
  { permission: "tenants.link" },
  async ({ req, access, params, log, meta }) => {
    const accountId = typeof params.id === "string" ? params.id : "";
    if (!ACCOUNT_ID_PATTERN.test(accountId)) throw notFound();
    const { code, passkey, grant, invitationId } = await readJson(req, body);
    await requireFreshAuth(
      access,
      { code, passkey, grant },
      { log, meta, purpose: "tenant.owner_invite_resend" },
    );
    const sent = await resendOwnerInvitation(access, accountId, invitationId, meta);
    log.info({ event: "tenant.owner_invite_resent", accountId, invitationId }, "owner invitation resent");
    return json({ invitation: { id: invitationId, expiresAt: sent.expiresAt } });
  },
);
