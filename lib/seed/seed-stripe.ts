import "server-only";
import type { Logger } from "pino";
import { upsertMirroredAccount } from "../accounts/mirror";
import { createTestPayment, createTestPayout, type TestPaymentKind } from "../connect/test-data";
import type { DbHandle } from "../db/connection";
import { getEnv } from "../env";
import { callStripe } from "../stripe/call";
import { getStripe } from "../stripe/client";
import { createConnectedAccount } from "../tenancy/provisioning";
import { findTenantBySlug, setTenantStripeAccount } from "../tenancy/queries";
import { demoTenants } from "./demo-data";
import { actingFor } from "../connect/accounts-api";
import { retrieveAccountForMirror } from "../connect/connected-accounts";

/** Payment history each demo business starts with. */
const demoPayments: Record<string, TestPaymentKind[]> = {
  "acme-bikes": [
    "succeeded",
    "succeeded",
    "succeeded",
    "succeeded",
    "succeeded",
    "succeeded",
    "disputed",
    "uncaptured",
    "declined",
    "succeeded",
  ],
  "globex-coffee": ["succeeded", "succeeded", "succeeded", "uncaptured"],
};

/**
 * Gives each demo tenant a connected account (enabled, in the sandbox) with payment history, through the same Stripe
 * calls the app makes. Idempotent: accounts are created once, history only for an account that has none.
 */
export async function seedStripeData({ db }: DbHandle, log: Logger): Promise<string[]> {
  const env = getEnv();
  const done: string[] = [];
  for (const demo of demoTenants) {
    const tenant = await findTenantBySlug(demo.slug, db);
    if (!tenant) continue;
    const owner = demo.members.find((m) => m.role === "owner");
    let accountId = tenant.stripeAccountId;
    if (!accountId) {
      const account = await createConnectedAccount(
        { id: tenant.id, name: tenant.name, email: owner?.email ?? "owner@example.com" },
        log,
      );
      accountId = account.id;
      await setTenantStripeAccount(tenant.id, accountId, db);
      done.push(`${demo.slug}: account ${accountId}`);
    }
    if (env.stripe.emulatorUrl) {
      // Sandbox only: skip the onboarding forms for the demo businesses (the emulator's control API).
      const response = await fetch(
        new URL(`/_emulator/accounts/${accountId}/state`, env.stripe.emulatorUrl),
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ state: "enabled" }),
        },
      );
      if (!response.ok) throw new Error(`The sandbox refused to enable ${accountId}: ${response.status}`);
    }
    const existing = await callStripe(
      (options) => getStripe().paymentIntents.list({ limit: 1 }, options),
      actingFor(accountId),
    );
    if (existing.data.length === 0) {
      const kinds = demoPayments[demo.slug] ?? [];
      for (const [index, kind] of kinds.entries()) {
        await createTestPayment(accountId, kind, `portico-seed-${tenant.id}-payment-${index}`, index, {
          settled: true,
        });
      }
      done.push(`${demo.slug}: ${kinds.length} payments`);
      const balance = await callStripe(
        (options) => getStripe().balance.retrieve({}, options),
        actingFor(accountId),
      );
      const available = balance.available[0];
      if (available && available.amount > 2_000) {
        await createTestPayout(
          accountId,
          Math.floor(available.amount / 2),
          `portico-seed-${tenant.id}-payout-0`,
        );
        done.push(`${demo.slug}: 1 payout`);
      }
    }
    const account = await retrieveAccountForMirror(accountId);
    await upsertMirroredAccount(account, Date.now(), { tenantId: tenant.id, db });
  }
  return done;
}
