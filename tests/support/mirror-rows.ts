import type { Insertable } from "kysely";
import type { StripeAccountTable } from "@/lib/db/schema";

/**
 * A row of the accounts mirror for tests that write it directly: an enabled US account with nothing due, and what
 * the test sets.
 */
export function mirrorRow(
  fields: Pick<Insertable<StripeAccountTable>, "id"> & Partial<Insertable<StripeAccountTable>>,
): Insertable<StripeAccountTable> {
  const now = Date.now();
  return {
    tenant_id: null,
    business_name: null,
    email: null,
    country: "US",
    default_currency: "usd",
    created: now,
    charges_enabled: 1,
    payouts_enabled: 1,
    details_submitted: 1,
    currently_due_count: 0,
    past_due_count: 0,
    eventually_due_count: 0,
    disabled_reason: null,
    status: "enabled",
    requirement_collection: "application",
    dashboard_type: "none",
    fees_payer: null,
    losses_payments: null,
    capabilities: "{}",
    requirements: "{}",
    deauthorized: 0,
    stripe_updated_at: now,
    synced_at: now,
    ...fields,
  };
}
