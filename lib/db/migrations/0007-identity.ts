import { sql, type Kysely } from "kysely";
import { columnTypes, dialectOf } from "../dialect";

/**
 * Identity for real deployments: the mail outbox, single-use tokens (email verification, password reset,
 * invitations, email change), second factors and what each session proved, invitation expiry and approval, and the
 * owner's choice about payment mails. Every user that existed before is treated as verified.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);

  // One mail per event per recipient (dedupe_key), sent by whichever instance claims it; retried with backoff.
  await db.schema
    .createTable("mail_outbox")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("dedupe_key", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    // Cleared once sent: a mailed link's token does not stay readable in the database.
    .addColumn("text_body", "text")
    .addColumn("html_body", "text")
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('pending', 'sent', 'failed')`))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", t.epochMs, (c) => c.notNull())
    .addColumn("locked_until", t.epochMs)
    .addColumn("last_error", "text")
    .addColumn("created_at", t.epochMs, (c) => c.notNull())
    .addColumn("sent_at", t.epochMs)
    .execute();
  await db.schema
    .createIndex("mail_outbox_due_idx")
    .on("mail_outbox")
    .columns(["status", "next_attempt_at"])
    .execute();

  // The server half of a mailed link: the link carries the id and an HMAC; using it consumes the row.
  await db.schema
    .createTable("one_time_tokens")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("created_at", t.epochMs, (c) => c.notNull())
    .addColumn("expires_at", t.epochMs, (c) => c.notNull())
    .addColumn("consumed_at", t.epochMs)
    .execute();
  await db.schema
    .createIndex("one_time_tokens_subject_idx")
    .on("one_time_tokens")
    .columns(["purpose", "subject"])
    .execute();

  // A user's TOTP factor: the secret encrypted with the app's secret, recovery codes as hashes.
  await db.schema
    .createTable("second_factors")
    .addColumn("user_id", "text", (c) => c.primaryKey().notNull().references("user.id").onDelete("cascade"))
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("recovery_codes", "text", (c) => c.notNull())
    // JSON array of the recent 30-second steps whose codes were used: each TOTP code works once.
    .addColumn("used_steps", "text", (c) => c.notNull().defaultTo("[]"))
    // Null until the first code is confirmed: an unconfirmed enrolment protects nothing.
    .addColumn("confirmed_at", t.epochMs)
    .addColumn("created_at", t.epochMs, (c) => c.notNull())
    .addColumn("last_used_at", t.epochMs)
    .execute();

  // What a session proved beyond its first factor, and when (a second factor or the IdP's MFA).
  await db.schema
    .createTable("session_assurance")
    .addColumn("session_id", "text", (c) =>
      c.primaryKey().notNull().references("session.id").onDelete("cascade"),
    )
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("verified_at", t.epochMs, (c) => c.notNull())
    .execute();

  await db.schema.alterTable("invitations").addColumn("expires_at", t.epochMs).execute();
  await db.schema.alterTable("invitations").addColumn("token_id", "text").execute();
  await db.schema.alterTable("invitations").addColumn("sent_at", t.epochMs).execute();
  // An owner invitation for an existing account whose email does not match Stripe's waits for a second admin.
  await db.schema.alterTable("invitations").addColumn("approval", "text").execute();
  await db.schema.alterTable("invitations").addColumn("approved_by", "text").execute();

  await db.schema
    .alterTable("user_settings")
    .addColumn("payment_mails", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  // Everyone signed up before mail existed keeps working: their addresses count as verified.
  await sql`update "user" set "emailVerified" = ${dialect === "postgres" ? sql`true` : sql`1`}`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("user_settings").dropColumn("payment_mails").execute();
  for (const column of ["approved_by", "approval", "sent_at", "token_id", "expires_at"]) {
    await db.schema.alterTable("invitations").dropColumn(column).execute();
  }
  await db.schema.dropTable("session_assurance").execute();
  await db.schema.dropTable("second_factors").execute();
  await db.schema.dropTable("one_time_tokens").execute();
  await db.schema.dropTable("mail_outbox").execute();
}
