import { sql, type Kysely } from "kysely";
import { columnTypes, dialectOf } from "../dialect";

/** Connected-account mirror, team invitations and per-user settings. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));

  // What Portico knows of each connected account, kept current from Stripe (create/retrieve responses, webhooks,
  // backfill), so pages never poll Stripe for status. Booleans are 0/1 integers on both databases.
  await db.schema
    .createTable("stripe_accounts")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("tenant_id", "text")
    .addColumn("business_name", "text")
    .addColumn("email", "text")
    .addColumn("country", "text")
    .addColumn("default_currency", "text")
    .addColumn("created", t.epochMs, (c) => c.notNull())
    .addColumn("charges_enabled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("payouts_enabled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("details_submitted", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("currently_due_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("past_due_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("eventually_due_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("disabled_reason", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("requirement_collection", "text")
    .addColumn("dashboard_type", "text")
    .addColumn("fees_payer", "text")
    .addColumn("losses_payments", "text")
    .addColumn("capabilities", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("requirements", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("deauthorized", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("stripe_updated_at", t.epochMs, (c) => c.notNull())
    .addColumn("synced_at", t.epochMs, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("stripe_accounts_tenant_idx")
    .on("stripe_accounts")
    .column("tenant_id")
    .execute();

  await db.schema
    .createTable("invitations")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('owner', 'staff', 'viewer')`))
    .addColumn("invited_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("created_at", t.epochMs, (c) => c.notNull())
    .addColumn("accepted_at", t.epochMs)
    .execute();
  await db.schema
    .createIndex("invitations_pending_unique")
    .on("invitations")
    .columns(["tenant_id", "email"])
    .unique()
    .where(sql.ref("accepted_at"), "is", null)
    .execute();
  await db.schema.createIndex("invitations_email_idx").on("invitations").column("email").execute();

  await db.schema
    .createTable("user_settings")
    .addColumn("user_id", "text", (c) => c.primaryKey().notNull().references("user.id").onDelete("cascade"))
    .addColumn("theme", "text", (c) => c.notNull().defaultTo("system"))
    .addColumn("brand_color", "text")
    .addColumn("overlay", "text", (c) => c.notNull().defaultTo("dialog"))
    .addColumn("locale", "text")
    .addColumn("updated_at", t.epochMs, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["user_settings", "invitations", "stripe_accounts"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
