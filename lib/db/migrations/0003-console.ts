import { sql, type Kysely } from "kysely";
import { columnTypes, dialectOf } from "../dialect";

/** Webhook events (exactly-once), tenant notices, the append-only audit log and impersonations. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);

  // Every Connect event received, keyed by Stripe's event id: a duplicate delivery cannot insert twice.
  await db.schema
    .createTable("webhook_events")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("account_id", "text")
    .addColumn("livemode", "integer", (c) => c.notNull())
    .addColumn("created", t.epochMs, (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('pending', 'processing', 'processed', 'ignored', 'failed')`),
    )
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_until", t.epochMs)
    .addColumn("last_error", "text")
    .addColumn("received_at", t.epochMs, (c) => c.notNull())
    .addColumn("processed_at", t.epochMs)
    .execute();
  await db.schema
    .createIndex("webhook_events_status_idx")
    .on("webhook_events")
    .columns(["status", "received_at"])
    .execute();
  await db.schema
    .createIndex("webhook_events_account_idx")
    .on("webhook_events")
    .columns(["account_id", "created"])
    .execute();

  // What a tenant should know about (a failed payout, a new dispute), shown in its dashboard until dismissed.
  await db.schema
    .createTable("tenant_notices")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("event_id", "text", (c) => c.notNull().unique())
    .addColumn("created_at", t.epochMs, (c) => c.notNull())
    .addColumn("dismissed_at", t.epochMs)
    .execute();
  await db.schema
    .createIndex("tenant_notices_tenant_idx")
    .on("tenant_notices")
    .columns(["tenant_id", "created_at"])
    .execute();

  // Append-only: the database itself refuses updates and deletes (triggers below).
  await db.schema
    .createTable("audit_log")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("occurred_at", t.epochMs, (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "text")
    .addColumn("actor_email", "text")
    .addColumn("actor_role", "text")
    .addColumn("account_id", "text")
    .addColumn("tenant_id", "text")
    .addColumn("impersonation_id", "text")
    .addColumn("reason", "text")
    .addColumn("profile", "text")
    .addColumn("components", "text")
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .addColumn("details", "text")
    .execute();
  await db.schema.createIndex("audit_log_time_idx").on("audit_log").columns(["occurred_at", "id"]).execute();
  await db.schema
    .createIndex("audit_log_account_idx")
    .on("audit_log")
    .columns(["account_id", "occurred_at"])
    .execute();
  await db.schema
    .createIndex("audit_log_actor_idx")
    .on("audit_log")
    .columns(["actor_user_id", "occurred_at"])
    .execute();
  await db.schema
    .createIndex("audit_log_action_idx")
    .on("audit_log")
    .columns(["action", "occurred_at"])
    .execute();
  if (dialect === "postgres") {
    await sql`create function portico_audit_log_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only'; end; $$`.execute(db);
    await sql`create trigger audit_log_append_only before update or delete on audit_log
      for each row execute function portico_audit_log_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_log_no_update before update on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  }

  // "View as this account": a mode of one staff member's own session, stored server-side.
  await db.schema
    .createTable("impersonations")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("staff_user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("session_id", "text", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("profile", "text", (c) => c.notNull().check(sql`profile in ('support', 'owner')`))
    .addColumn("escalation_reason", "text")
    .addColumn("started_at", t.epochMs, (c) => c.notNull())
    .addColumn("expires_at", t.epochMs, (c) => c.notNull())
    .addColumn("ended_at", t.epochMs)
    .addColumn("end_reason", "text")
    .execute();
  await db.schema
    .createIndex("impersonations_one_active_per_session")
    .on("impersonations")
    .column("session_id")
    .unique()
    .where(sql.ref("ended_at"), "is", null)
    .execute();
  await db.schema
    .createIndex("impersonations_staff_idx")
    .on("impersonations")
    .columns(["staff_user_id", "started_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  for (const table of ["impersonations", "audit_log", "tenant_notices", "webhook_events"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  if (dialect === "postgres") await sql`drop function if exists portico_audit_log_append_only()`.execute(db);
}
