import type { Kysely } from "kysely";
import { columnTypes, dialectOf } from "../dialect";

/**
 * Single sign-on through an OpenID provider: the IdP identities linked to Portico users, the sign-in flows in
 * progress (state, nonce and PKCE verifier stay on the server) and the step-up grants an IdP re-authentication earns.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));

  // An IdP identity is (issuer, subject), never an email address; one per user and issuer.
  await db.schema
    .createTable("sso_identities")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("issuer", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    // The address the IdP gave when it was last seen: shown to the user, never used to match.
    .addColumn("email", "text")
    .addColumn("created_at", t.epochMs, (c) => c.notNull())
    .addColumn("last_sign_in_at", t.epochMs)
    .addUniqueConstraint("sso_identities_issuer_subject_unique", ["issuer", "subject"])
    .addUniqueConstraint("sso_identities_user_issuer_unique", ["user_id", "issuer"])
    .execute();

  // One authorization request in progress. The browser holds a random binding whose hash is kept here.
  await db.schema
    .createTable("sso_flows")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("state", "text", (c) => c.notNull().unique())
    .addColumn("binding_hash", "text", (c) => c.notNull())
    .addColumn("nonce", "text", (c) => c.notNull())
    .addColumn("code_verifier", "text", (c) => c.notNull())
    .addColumn("intent", "text", (c) => c.notNull())
    // For a link or a step-up: whose session started it (the callback must come back to the same one).
    .addColumn("user_id", "text")
    .addColumn("session_id", "text")
    .addColumn("purpose", "text")
    .addColumn("return_to", "text", (c) => c.notNull())
    .addColumn("created_at", t.epochMs, (c) => c.notNull())
    .addColumn("expires_at", t.epochMs, (c) => c.notNull())
    .addColumn("consumed_at", t.epochMs)
    .execute();
  await db.schema.createIndex("sso_flows_expires_idx").on("sso_flows").column("expires_at").execute();

  // What an IdP re-authentication proved: one act (purpose) of one session, once, for a few minutes.
  await db.schema
    .createTable("sso_step_up_grants")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("session_id", "text", (c) => c.notNull().references("session.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("identity_id", "text", (c) => c.notNull().references("sso_identities.id").onDelete("cascade"))
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("auth_time", t.epochMs, (c) => c.notNull())
    .addColumn("created_at", t.epochMs, (c) => c.notNull())
    .addColumn("expires_at", t.epochMs, (c) => c.notNull())
    .addColumn("consumed_at", t.epochMs)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("sso_step_up_grants").execute();
  await db.schema.dropTable("sso_flows").execute();
  await db.schema.dropTable("sso_identities").execute();
}
