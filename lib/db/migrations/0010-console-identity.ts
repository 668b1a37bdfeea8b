import type { Kysely } from "kysely";
import { columnTypes, dialectOf } from "../dialect";

/**
 * When each person last signed in (the console's staff page shows it). Sessions cannot tell: they are deleted at
 * sign-out, expiry and revocation. One row per user, written at each successful password sign-in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable("user_activity")
    .addColumn("user_id", "text", (c) => c.primaryKey().notNull().references("user.id").onDelete("cascade"))
    .addColumn("last_sign_in_at", t.epochMs, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("user_activity").ifExists().execute();
}
