import { auditAction } from "@/lib/audit";
import { toHttpError } from "@/lib/connect/account-session";
import { getEnv } from "@/lib/env";
import { forbidden } from "@/lib/http/errors";
import { json, tenantRoute } from "@/lib/http/route";
import { callStripe } from "@/lib/stripe/call";
import { getStripe } from "@/lib/stripe/client";

/** Stripe-hosted onboarding (Account Link), the fallback when the embedded component cannot load (owners), audited. */
export const POST = tenantRoute({ permission: "onboarding.complete" }, async ({ access, meta }) => {
  const accountId = access.tenant.stripeAccountId;
  if (!accountId) throw forbidden("This business has no Stripe account yet.");
  const origin = getEnv().appUrl.origin;
  try {
    const link = await callStripe((options) =>
      getStripe().accountLinks.create(
        {
          account: accountId,
          type: "account_onboarding",
          refresh_url: `${origin}/onboarding`,
          return_url: `${origin}/`,
        },
        options,
      ),
    );
    // The link itself is a credential: the audit row records that one was made, never the URL.
    await auditAction(access, "account.onboarding_link_created", meta);
    return json({ url: link.url });
  } catch (error) {
    throw toHttpError(error);
  }
});
