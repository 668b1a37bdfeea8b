import { z } from "zod";
import { requireStepUp } from "@/lib/auth/step-up";
import { json, platformRoute, readJson } from "@/lib/http/route";
import { requestMeta } from "@/lib/http/request-meta";
import { MIN_REASON_LENGTH, startImpersonation } from "@/lib/impersonation";

const body = z.strictObject({
  accountId: z.string().regex(/^acct_[A-Za-z0-9]{4,64}$/, "Not a connected account id."),
  reason: z
    .string()
    .trim()
    .min(MIN_REASON_LENGTH, `Give a reason of at least ${MIN_REASON_LENGTH} characters.`)
    .max(500),
  confirm: z.literal(true, "Confirm that you want to view this account."),
  // Step-up: the staff member's own password again, so a stolen session cookie alone cannot open an account.
  password: z.string().min(1, "Enter your password to confirm it is you.").max(1024),
});

/**
 * Starts viewing a connected account as its tenant sees it (read-only), on the record. Admin and support, after a
 * reason, a confirmation and their password again (step-up).
 */
export const POST = platformRoute(["admin", "support"], async ({ req, session, log }) => {
  const { password, ...input } = await readJson(req, body);
  await requireStepUp(session, password, log);
  const impersonation = await startImpersonation(session, input, requestMeta(req.headers));
  log.info(
    { event: "impersonation.started", impersonationId: impersonation.id, accountId: impersonation.accountId },
    "impersonation started",
  );
  return json(
    { impersonation: { id: impersonation.id, expiresAt: impersonation.expiresAt }, redirectTo: "/" },
    { status: 201 },
  );
});
