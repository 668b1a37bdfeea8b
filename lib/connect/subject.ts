import "server-only";
import type { CurrentSession } from "../auth/session";
import { forbidden } from "../http/errors";
import { resolveTenantAccess } from "../tenancy/access";
import type { SessionSubject } from "./account-session";

/**
 * The connected account a request acts for, from the server-side session only: the user's tenant membership, or a
 * platform staff member's active impersonation. Nothing in the request body, query or headers can name an account.
 */
export async function resolveSessionSubject(
  session: CurrentSession,
  preferredTenantId: string | undefined,
): Promise<SessionSubject> {
  const access = await resolveTenantAccess(session, preferredTenantId);
  if (!access) throw forbidden("You are not a member of any business.");
  if (!access.tenant.stripeAccountId) {
    throw forbidden("This business has no Stripe account yet.");
  }
  return {
    session,
    tenantId: access.tenant.id,
    accountId: access.tenant.stripeAccountId,
    profile: access.profile,
    impersonation: access.impersonation,
  };
}
