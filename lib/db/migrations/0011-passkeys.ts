import type { Kysely } from "kysely";
import { columnTypes, dialectOf } from "../dialect";

/**
 * Passkeys (WebAuthn credentials) as a second factor beside TOTP, and the single-use challenges of their ceremonies.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));

  await db.schema
    .createTable("passkeys")
    // The credential id (base64url) the browser answers with.
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    // COSE public key, base64url.
    .addColumn("public_key", "text", (c) => c.notNull())
    // The authenticator's signature counter: a clone that replays an older count is refused.
    .addColumn("counter", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("transports", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("device_type", "text", (c) => c.notNull())
    .addColumn("backed_up", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", t.epochMs, (c) => c.notNull())
    .addColumn("last_used_at", t.epochMs)
    .execute();
  await db.schema.createIndex("passkeys_user_idx").on("passkeys").column("user_id").execute();

  // One open ceremony per session and kind; using it deletes it.
  await db.schema
    .createTable("passkey_challenges")
    .addColumn("session_id", "text", (c) => c.notNull().references("session.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("challenge", "text", (c) => c.notNull())
    .addColumn("expires_at", t.epochMs, (c) => c.notNull())
    .addPrimaryKeyConstraint("passkey_challenges_pk", ["session_id", "kind"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("passkey_challenges").execute();
  await db.schema.dropTable("passkeys").execute();
}
