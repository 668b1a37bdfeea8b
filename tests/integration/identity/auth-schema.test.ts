import { getMigrations } from "better-auth/db/migration";
import { describe, expect, it } from "vitest";
import { getAuth } from "@/lib/auth";

/**
 * Portico's own migrations create every table and column better-auth (and each plugin it is given) expects: its
 * migration planner, run against the test stack's database, has nothing left to do. `npm test` runs this on SQLite
 * and CI's second pass on PostgreSQL, so a plugin added without a migration fails here rather than at a user's
 * first sign-in.
 */
describe("better-auth's schema", () => {
  it("is complete: getMigrations() plans nothing", async () => {
    const plan = await getMigrations(getAuth().options, { throwOnUnsafe: false });
    expect(plan.toBeCreated.map((t) => t.table)).toEqual([]);
    expect(plan.toBeAdded.map((t) => ({ table: t.table, fields: Object.keys(t.fields) }))).toEqual([]);
  });
});
