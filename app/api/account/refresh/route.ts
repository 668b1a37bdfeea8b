import { upsertMirroredAccount } from "@/lib/accounts/mirror";
import { toHttpError } from "@/lib/connect/account-session";
import { forbidden, HttpError } from "@/lib/http/errors";
import { json, tenantRoute } from "@/lib/http/route";
import { callStripe } from "@/lib/stripe/call";
import { getStripe } from "@/lib/stripe/client";
import { hitThrottle } from "@/lib/throttle";

/** Re-reads the tenant's account from Stripe into the mirror (after onboarding, before webhooks arrive). */
export const POST = tenantRoute(
  [],
  async ({ access }) => {
    const accountId = access.tenant.stripeAccountId;
    if (!accountId) throw forbidden("This business has no Stripe account yet.");
    const throttle = await hitThrottle(`account-refresh:${access.tenant.id}`, 10, 60_000);
    if (!throttle.allowed) {
      throw new HttpError(429, "too_many_requests", "Too many refreshes. Try again shortly.", {
        "retry-after": String(throttle.retryAfterSeconds),
      });
    }
    try {
      const account = await callStripe((options) => getStripe().accounts.retrieve(accountId, {}, options));
      await upsertMirroredAccount(account, Date.now(), { tenantId: access.tenant.id });
      return json({ detailsSubmitted: account.details_submitted, chargesEnabled: account.charges_enabled });
    } catch (error) {
      throw toHttpError(error);
    }
  },
  { allowDuringImpersonation: true },
);
