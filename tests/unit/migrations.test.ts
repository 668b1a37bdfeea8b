import { randomUUID } from "node:crypto";
import { sql, type Kysely } from "kysely";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase } from "@/lib/db/connection";
import type { DB } from "@/lib/db/schema";

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
      } finally {
        await handle.close();
      }
    });
  });
});
