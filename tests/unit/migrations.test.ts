import { randomUUID } from "node:crypto";
import { sql, type Kysely } from "kysely";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase } from "@/lib/db/connection";
import type { DB } from "@/lib/db/schema";
import { mirrorRow } from "../support/mirror-rows";

const tables = [
  "user",
  "session",
  "account",
  "verification",
  "rateLimit",
  "tenants",
  "memberships",
  "throttles",
  "stripe_accounts",
  "invitations",
  "user_settings",
  "webhook_events",
  "tenant_notices",
  "audit_log",
  "impersonations",
];

async function expectAuditLogAppendOnly(db: Kysely<DB>): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      id: "aud_test",
      occurred_at: Date.now(),
      action: "impersonation.started",
      actor_user_id: null,
      actor_email: null,
      actor_role: null,
      account_id: null,
      tenant_id: null,
      impersonation_id: null,
      reason: "testing the log",
      profile: null,
      components: null,
      ip: null,
      user_agent: null,
      details: null,
    })
    .execute();
  await expect(db.updateTable("audit_log").set({ reason: "rewritten" }).execute()).rejects.toThrow(
    /append-only/,
  );
  await expect(db.deleteFrom("audit_log").execute()).rejects.toThrow(/append-only/);
}

/**
 * An account mirrored before its tenant row existed — by sign-up itself (tenant id set, no name to copy yet) or by an
 * event (no tenant at all) — is linked, with the tenant's name, once the tenant names it.
 */
async function expectTenantLinksEarlierMirrorRow(db: Kysely<DB>): Promise<void> {
  for (const tenantId of ["ten_linklater", null]) await insertMirrorRow(db, tenantId);
  await db
    .insertInto("tenants")
    .values({
      id: "ten_linklater",
      name: "Early Bird Bakery",
      slug: "early-bird",
      stripe_account_id: "acct_linklater",
      created_at: Date.now(),
    })
    .execute();
  await db
    .updateTable("tenants")
    .set({ stripe_account_id: "acct_linklater_2" })
    .where("id", "=", "ten_linklater")
    .execute();
  const rows = await db
    .selectFrom("stripe_accounts")
    .select(["id", "tenant_id", "tenant_name"])
    .where("id", "in", ["acct_linklater", "acct_linklater_2"])
    .orderBy("id")
    .execute();
  expect(rows).toEqual([
    { id: "acct_linklater", tenant_id: "ten_linklater", tenant_name: "Early Bird Bakery" },
    { id: "acct_linklater_2", tenant_id: "ten_linklater", tenant_name: "Early Bird Bakery" },
  ]);
}

async function insertMirrorRow(db: Kysely<DB>, tenantId: string | null): Promise<void> {
  await db
    .insertInto("stripe_accounts")
    .values(
      mirrorRow({
        id: tenantId ? "acct_linklater" : "acct_linklater_2",
        tenant_id: tenantId,
        business_name: "Early Bird",
        status: "onboarding",
        charges_enabled: 0,
        payouts_enabled: 0,
        details_submitted: 0,
      }),
    )
    .execute();
}

describe("migrations", () => {
  it("apply cleanly to a fresh SQLite database, and a second run changes nothing", async () => {
    const handle = openDatabase({ kind: "sqlite", path: ":memory:" });
    try {
      const first = await migrateToLatest(handle.db);
      expect(first.length).toBeGreaterThan(0);
      expect(first.every((r) => r.status === "Success")).toBe(true);
      expect(await migrateToLatest(handle.db)).toEqual([]);
      const names = (await handle.db.introspection.getTables()).map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(tables));
      await expectAuditLogAppendOnly(handle.db);
      await expectTenantLinksEarlierMirrorRow(handle.db);
      const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(handle.db);
      expect(fk.rows[0]?.foreign_keys).toBe(1);
    } finally {
      await handle.close();
    }
  });

  describe("on PostgreSQL", () => {
    const name = `portico_unit_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
    const admin = new pg.Client({ connectionString: "postgres://postgres@127.0.0.1:5432/postgres" });
    let available = true;

    afterAll(async () => {
      if (!available) return;
      await admin.query(`drop database if exists ${name}`);
      await admin.end();
    });

    it("apply cleanly twice", async () => {
      try {
        await admin.connect();
        await admin.query(`create database ${name}`);
      } catch (error) {
        available = false;
        throw new Error(`PostgreSQL at 127.0.0.1:5432 is required for this test: ${String(error)}`);
      }
      const handle = openDatabase({ kind: "postgres", url: `postgres://postgres@127.0.0.1:5432/${name}` });
      try {
        const first = await migrateToLatest(handle.db);
        expect(first.every((r) => r.status === "Success")).toBe(true);
        expect(await migrateToLatest(handle.db)).toEqual([]);
        const names = (await handle.db.introspection.getTables()).map((t) => t.name);
        expect(names).toEqual(expect.arrayContaining(tables));
        await expectAuditLogAppendOnly(handle.db);
        await expectTenantLinksEarlierMirrorRow(handle.db);
      } finally {
        await handle.close();
      }
    });
  });
});
