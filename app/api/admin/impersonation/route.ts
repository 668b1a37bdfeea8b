import { z } from "zod";
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
});

/** Starts viewing a connected account as its tenant sees it (read-only), on the record. Admin and support. */
export const POST = platformRoute(["admin", "support"], async ({ req, session, log }) => {
  const input = await readJson(req, body);
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
