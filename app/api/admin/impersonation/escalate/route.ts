import { z } from "zod";
import { requireFreshAuth } from "@/lib/access/fresh-auth";
import { requireStepUpProof, stepUpProofShape } from "@/lib/access/step-up-proof";
import { reasonSchema } from "@/lib/audit/reason-schema";
import { json, platformRoute, readJson } from "@/lib/http/route";
import { escalateImpersonation } from "@/lib/impersonation";

const body = z
  .strictObject({
    reason: reasonSchema,
    confirm: z.literal(true, "Confirm that you want the owner's view."),
    // A fresh step-up of its own: the view's first one does not cover the owner's view.
    ...stepUpProofShape,
  })
  .superRefine(requireStepUpProof);

/**
 * An admin viewing an account takes the owner's (still read-only) view of it — its documents, reports, team and
 * cards — with its own reason and a fresh step-up, audited as an escalation and ending with the view. Support never.
 */
export const POST = platformRoute({ permission: "view_as.escalate" }, async ({ req, access, log, meta }) => {
  const { code, passkey, grant, reason } = await readJson(req, body);
  await requireFreshAuth(access, { code, passkey, grant }, { log, meta, purpose: "view_as.escalate" });
  const impersonation = await escalateImpersonation(access.session, reason, meta);
  log.warn(
    { event: "impersonation.escalated", impersonationId: impersonation.id },
    "impersonation escalated",
  );
  return json({ impersonation: { id: impersonation.id, profile: impersonation.profile }, redirectTo: "/" });
});
