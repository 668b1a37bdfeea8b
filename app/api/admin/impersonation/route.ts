import { z } from "zod";
import { requireFreshAuth } from "@/lib/access/fresh-auth";
import { requireStepUpProof, stepUpProofShape } from "@/lib/access/step-up-proof";
import { reasonSchema } from "@/lib/audit/reason-schema";
import { json, platformRoute, readJson } from "@/lib/http/route";
import { startImpersonation } from "@/lib/impersonation";

const body = z
  .strictObject({
    accountId: z.string().regex(/^acct_[A-Za-z0-9]{4,64}$/, "Not a connected account id."),
    reason: reasonSchema,
    confirm: z.literal(true, "Confirm that you want to view this account."),
    // Step-up: a current code from the staff member's authenticator or their passkey (never the password alone),
    // so a stolen session cookie cannot open an account.
    ...stepUpProofShape,
  })
  .superRefine(requireStepUpProof);

/**
 * Starts viewing a connected account as its business sees it (read-only), on the record: admin and support, after a
 * reason, a confirmation and a fresh step-up.
 */
export const POST = platformRoute({ permission: "view_as.start" }, async ({ req, access, log, meta }) => {
  const { code, passkey, grant, ...input } = await readJson(req, body);
  await requireFreshAuth(access, { code, passkey, grant }, { log, meta, purpose: "view_as.start" });
  const impersonation = await startImpersonation(access.session, input, meta);
  log.info(
    { event: "impersonation.started", impersonationId: impersonation.id, accountId: impersonation.accountId },
    "impersonation started",
  );
  return json(
    { impersonation: { id: impersonation.id, expiresAt: impersonation.expiresAt }, redirectTo: "/" },
    { status: 201 },
  );
});
