import { z } from "zod";
import { requireFreshAuth } from "@/lib/access/fresh-auth";
import { reasonSchema } from "@/lib/audit/reason-schema";
import { json, platformRoute, readJson } from "@/lib/http/route";
import { startImpersonation } from "@/lib/impersonation";

const body = z
  .strictObject({
    accountId: z.string().regex(/^acct_[A-Za-z0-9]{4,64}$/, "Not a connected account id."),
    reason: reasonSchema,
    confirm: z.literal(true, "Confirm that you want to view this account."),
    // Step-up: a current code from the staff member's authenticator (never the password alone), so a stolen session
    // cookie cannot open an account.
    code: z
      .string({ error: "Enter the current code from your authenticator app." })
      .trim()
      .min(1, "Enter the current code from your authenticator app.")
      .max(20)
      .optional(),
    // Or, for staff linked to the identity provider, the grant a fresh re-authentication there earned for this act.
    grant: z.string().min(1).max(100).optional(),
  })
  .refine((b) => b.code !== undefined || b.grant !== undefined, {
    message: "Enter the current code from your authenticator app.",
    path: ["code"],
  });

/**
 * Starts viewing a connected account as its business sees it (read-only), on the record: admin and support, after a
 * reason, a confirmation and a fresh step-up.
 */
export const POST = platformRoute({ permission: "view_as.start" }, async ({ req, access, log, meta }) => {
  const { code, grant, ...input } = await readJson(req, body);
  await requireFreshAuth(access, { code, grant }, { log, meta, purpose: "view_as.start" });
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
