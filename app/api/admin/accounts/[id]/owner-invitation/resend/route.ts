import { z } from "zod";
import { notFound } from "@/lib/http/errors";
import { json, platformRoute, readJson } from "@/lib/http/route";
import { ACCOUNT_ID_PATTERN, resendOwnerInvitation } from "@/lib/tenancy/owner-invitations";

const body = z.strictObject({
  invitationId: z.string().regex(/^inv_[A-Za-z0-9_-]{1,64}$/, "Not an invitation id."),
});

/** Mails a sent owner invitation again with a new link; the previous link stops working. */
export const POST = platformRoute(
  { permission: "tenants.link" },
  async ({ req, access, params, log, meta }) => {
    const accountId = typeof params.id === "string" ? params.id : "";
    if (!ACCOUNT_ID_PATTERN.test(accountId)) throw notFound();
    const input = await readJson(req, body);
    const sent = await resendOwnerInvitation(access, accountId, input.invitationId, meta);
    log.info(
      { event: "tenant.owner_invite_resent", accountId, invitationId: input.invitationId },
      "owner invitation resent",
    );
    return json({ invitation: { id: input.invitationId, expiresAt: sent.expiresAt } });
  },
);
