import { sql, type Kysely } from "kysely";
import { columnTypes, dialectOf } from "../dialect";

/** better-auth's own tables (user, session, account, verification, rateLimit) plus tenants and memberships. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  const defaultNow = <C extends { defaultTo(v: unknown): C }>(col: C): C =>
    t.now ? col.defaultTo(t.now) : col;

  await db.schema
    .createTable("user")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("emailVerified", t.bool, (c) => c.notNull())
    .addColumn("image", "text")
    .addColumn("createdAt", t.date, (c) => defaultNow(c.notNull()))
    .addColumn("updatedAt", t.date, (c) => defaultNow(c.notNull()))
    .addColumn("role", "text")
    .addColumn("banned", t.bool)
    .addColumn("banReason", "text")
    .addColumn("banExpires", t.date)
    .execute();

  await db.schema
    .createTable("session")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("expiresAt", t.date, (c) => c.notNull())
    .addColumn("token", "text", (c) => c.notNull().unique())
    .addColumn("createdAt", t.date, (c) => defaultNow(c.notNull()))
    .addColumn("updatedAt", t.date, (c) => c.notNull())
    .addColumn("ipAddress", "text")
    .addColumn("userAgent", "text")
    .addColumn("userId", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("impersonatedBy", "text")
    .execute();
  await db.schema.createIndex("session_userId_idx").on("session").column("userId").execute();

  await db.schema
    .createTable("account")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("accountId", "text", (c) => c.notNull())
    .addColumn("providerId", "text", (c) => c.notNull())
    .addColumn("userId", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("accessToken", "text")
    .addColumn("refreshToken", "text")
    .addColumn("idToken", "text")
    .addColumn("accessTokenExpiresAt", t.date)
    .addColumn("refreshTokenExpiresAt", t.date)
    .addColumn("scope", "text")
    .addColumn("password", "text")
    .addColumn("createdAt", t.date, (c) => defaultNow(c.notNull()))
    .addColumn("updatedAt", t.date, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("account_userId_idx").on("account").column("userId").execute();

  await db.schema
    .createTable("verification")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("identifier", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("expiresAt", t.date, (c) => c.notNull())
    .addColumn("createdAt", t.date, (c) => defaultNow(c.notNull()))
    .addColumn("updatedAt", t.date, (c) => defaultNow(c.notNull()))
    .execute();
  await db.schema
    .createIndex("verification_identifier_idx")
    .on("verification")
    .column("identifier")
    .execute();

  await db.schema
    .createTable("rateLimit")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("key", "text", (c) => c.notNull().unique())
    .addColumn("count", "integer", (c) => c.notNull())
    .addColumn("lastRequest", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("tenants")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("stripe_account_id", "text", (c) => c.unique())
    .addColumn("created_at", t.epochMs, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("memberships")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('owner', 'staff', 'viewer')`))
    .addColumn("created_at", t.epochMs, (c) => c.notNull())
    .addUniqueConstraint("memberships_user_tenant_unique", ["user_id", "tenant_id"])
    .execute();
  await db.schema.createIndex("memberships_tenant_idx").on("memberships").column("tenant_id").execute();

  await db.schema
    .createTable("throttles")
    .addColumn("key", "text", (c) => c.primaryKey().notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addColumn("window_start", t.epochMs, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "throttles",
    "memberships",
    "tenants",
    "rateLimit",
    "verification",
    "account",
    "session",
    "user",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
