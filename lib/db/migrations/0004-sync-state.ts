import type { Kysely } from "kysely";
import { columnTypes, dialectOf } from "../dialect";

/** Where an interrupted `npm run stripe:sync` stopped, so the next run resumes instead of starting over. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable("stripe_sync_state")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    // The last account id written (Stripe's `starting_after`); null before the first page.
    .addColumn("cursor", "text")
    .addColumn("pages", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("accounts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("started_at", t.epochMs, (c) => c.notNull())
    .addColumn("updated_at", t.epochMs, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("stripe_sync_state").ifExists().execute();
}
