import { getMirroredAccount, upsertMirroredAccount } from "@/lib/accounts/mirror";
import { auditAction } from "@/lib/audit";
import { toHttpError } from "@/lib/connect/account-session";
import { forbidden, HttpError } from "@/lib/http/errors";
import { json, tenantRoute } from "@/lib/http/route";
import { retrieveAccountForMirror } from "@/lib/connect/connected-accounts";
import { hitThrottle } from "@/lib/throttle";

/**
 * Re-reads the business's account from Stripe into the mirror (after onboarding, before webhooks arrive). Changes
 * nothing at Stripe, so a view of the account may do it too — on the record.
 */
export const POST = tenantRoute({ permission: "account.refresh" }, async ({ access, meta }) => {
  const accountId = access.tenant.stripeAccountId;
  if (!accountId) throw forbidden("This business has no Stripe account yet.");
  const throttle = await hitThrottle(`account-refresh:${access.tenant.id}`, 10, 60_000);
  if (!throttle.allowed) {
    throw new HttpError(429, "too_many_requests", "Too many refreshes. Try again shortly.", {
      "retry-after": String(throttle.retryAfterSeconds),
    });
  }
  try {
    const fetchedAt = Date.now();
    const account = await retrieveAccountForMirror(accountId);
    await upsertMirroredAccount(account, fetchedAt, { tenantId: access.tenant.id });
    const mirrored = await getMirroredAccount(accountId);
    if (access.impersonation) {
      await auditAction(access, "impersonation.action", meta, {
        details: { action: "account.refresh" },
      });
    }
    return json({
      detailsSubmitted: mirrored?.detailsSubmitted ?? false,
      chargesEnabled: mirrored?.chargesEnabled ?? false,
    });
  } catch (error) {
    throw toHttpError(error);
  }
});
