import "server-only";
import { createHash } from "node:crypto";
import type { Logger } from "pino";
import { upsertMirroredAccount, type AnyAccount } from "../accounts/mirror";
import { createAccountAtStripe } from "../connect/connected-accounts";

/**
 * Seam for the connected account: called with the new tenant's id and details *before* anything is written, so a
 * Stripe failure leaves nothing behind. Returns the account id to store on the tenant, or null for none.
 */
export type ProvisionConnectedAccount = (tenant: {
  id: string;
  name: string;
  email: string;
}) => Promise<string | null>;

/**
 * A sign-up's tenant id is derived from the email, so a retried sign-up (after a timeout, a crash between Stripe and
 * the database, a double click) reuses the same id — and with it the same idempotency key, so Stripe returns the
 * account it already created instead of making a second one.
 */
export function tenantIdForSignup(email: string): string {
  const digest = createHash("sha256")
    .update(`portico-signup:${email.trim().toLowerCase()}`)
    .digest("base64url");
  return `ten_${digest.slice(0, 22)}`;
}

/** Creates (or, on a retry, gets back) the tenant's connected account and records it in the accounts mirror. */
export async function createConnectedAccount(
  tenant: { id: string; name: string; email: string },
  log: Logger,
): Promise<AnyAccount> {
  const account = await createAccountAtStripe(tenant, {
    idempotencyKey: `portico-tenant-account-${tenant.id}`,
    deadlineMs: 15_000,
  });
  await upsertMirroredAccount(account, Date.now(), { tenantId: tenant.id });
  log.info(
    { event: "connect.account.created", accountId: account.id, tenantId: tenant.id, api: account.object },
    "connected account created",
  );
  return account;
}

/** The sign-up seam: every new tenant gets its connected account before anything is written. */
export function provisionConnectedAccountForSignup(log: Logger): ProvisionConnectedAccount {
  return async (tenant) => (await createConnectedAccount(tenant, log)).id;
}
