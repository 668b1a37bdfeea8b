import { getMirroredAccount } from "@/lib/accounts/mirror";
import { auditAction } from "@/lib/audit";
import { toHttpError } from "@/lib/connect/account-session";
import { forbidden, HttpError } from "@/lib/http/errors";
import { json, tenantRoute } from "@/lib/http/route";
import { callStripe } from "@/lib/stripe/call";
import { getStripe } from "@/lib/stripe/client";

/** A single-use link into the account's Stripe Express dashboard, for accounts that have one (owners), audited. */
export const POST = tenantRoute({ permission: "account.manage" }, async ({ access, meta }) => {
  const accountId = access.tenant.stripeAccountId;
  if (!accountId) throw forbidden("This business has no Stripe account yet.");
  const account = await getMirroredAccount(accountId);
  if (account?.dashboardType !== "express") {
    throw new HttpError(409, "no_express_dashboard", "This account has no Stripe Express dashboard.");
  }
  try {
    const link = await callStripe((options) => getStripe().accounts.createLoginLink(accountId, {}, options));
    // The link itself is a credential: the audit row records that one was made, never the URL.
    await auditAction(access, "account.login_link_created", meta);
    return json({ url: link.url });
  } catch (error) {
    throw toHttpError(error);
  }
});
