import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase } from "@/lib/db/connection";

const tables = [
  "user",
  "session",
  "account",
  "verification",
  "rateLimit",
  "tenants",
  "memberships",
  "throttles",
];

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
      } finally {
        await handle.close();
      }
    });
  });
});
