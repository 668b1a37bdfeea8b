import { z } from "zod";
import { requireFreshAuth } from "@/lib/access/fresh-auth";
import { requireStepUpProof, stepUpProofShape } from "@/lib/access/step-up-proof";
import { notFound } from "@/lib/http/errors";
import { json, platformRoute, readJson } from "@/lib/http/route";
import { ACCOUNT_ID_PATTERN, inviteAccountOwner } from "@/lib/tenancy/owner-invitations";

const body = z
  .strictObject({
    email: z
      .string()
      .trim()
      .max(254, "Use at most 254 characters.")
      .pipe(z.email("Enter a valid email address."))
      .transform((email) => email.toLowerCase()),
    businessName: z
      .string()
      .trim()
      .min(2, "Enter the business's name.")
      .max(100, "Use at most 100 characters."),
    // A fresh step-up: a stolen session cookie alone must not hand a Stripe account to someone's address.
    ...stepUpProofShape,
  })
  .superRefine(requireStepUpProof);

/**
 * An admin gives an existing connected account (mirrored, with no business yet) its business and invites its
 * owner: mailed at once when the address is one Stripe has for the account, otherwise waiting for a second admin.
 */
export const POST = platformRoute(
  { permission: "tenants.link" },
  async ({ req, access, params, log, meta }) => {
    const accountId = typeof params.id === "string" ? params.id : "";
    if (!ACCOUNT_ID_PATTERN.test(accountId)) throw notFound();
    const { code, passkey, grant, ...input } = await readJson(req, body);
    await requireFreshAuth(access, { code, passkey, grant }, { log, meta, purpose: "tenant.owner_invite" });
    const result = await inviteAccountOwner(
      access,
      { accountId, email: input.email, businessName: input.businessName },
      meta,
      { source: "console" },
    );
    if (result.outcome === "skipped") {
      return json(
        {
          error: {
            code: "already_invited",
            message:
              "This person is already this account's owner, or has been invited: resend the invitation instead.",
          },
        },
        { status: 409 },
      );
    }
    log.warn(
      { event: "tenant.owner_invited", accountId, tenantId: result.tenantId, outcome: result.outcome },
      "existing account's owner invited",
    );
    return json({ invitation: result }, { status: 201 });
  },
);
