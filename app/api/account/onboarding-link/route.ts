import { auditAction } from "@/lib/audit";
import { toHttpError } from "@/lib/connect/account-session";
import { createOnboardingLink } from "@/lib/connect/connected-accounts";
import { getEnv } from "@/lib/env";
import { forbidden } from "@/lib/http/errors";
import { json, tenantRoute } from "@/lib/http/route";

/** Stripe-hosted onboarding (Account Link), the fallback when the embedded component cannot load (owners), audited. */
export const POST = tenantRoute({ permission: "onboarding.complete" }, async ({ access, meta }) => {
  const accountId = access.tenant.stripeAccountId;
  if (!accountId) throw forbidden("This business has no Stripe account yet.");
  const origin = getEnv().appUrl.origin;
  try {
    // A v1 Account Link, or on Accounts v2 a v2 one (use_case account_onboarding): the same hosted onboarding.
    const url = await createOnboardingLink(accountId, {
      refreshUrl: `${origin}/onboarding`,
      returnUrl: `${origin}/`,
    });
    // The link itself is a credential: the audit row records that one was made, never the URL.
    await auditAction(access, "account.onboarding_link_created", meta);
    return json({ url });
  } catch (error) {
    throw toHttpError(error);
  }
});
