import type { Kysely } from "kysely";

/**
 * What a read-only view of an account shows without a Stripe call (lib/accounts/mirror.ts `AccountProfile`): the
 * business details, statement descriptor, payout schedule and bank accounts (last four digits only), as JSON kept
 * current by the same events and backfill as the rest of the mirror. Rows written before fill in on their next update.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("stripe_accounts")
    .addColumn("profile", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("stripe_accounts").dropColumn("profile").execute();
}
