import type { Kysely } from "kysely";
import { columnTypes, dialectOf } from "../dialect";

/**
 * What a person manages about their own account: a record of the users who deleted their account. The user row and
 * everything hanging off it go; the append-only audit log keeps its rows (and their actor ids), and this is how the
 * console knows to show such an actor as a deleted user. No name or address is kept here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable("deleted_users")
    .addColumn("user_id", "text", (c) => c.primaryKey().notNull())
    .addColumn("deleted_at", t.epochMs, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("deleted_users").ifExists().execute();
}
