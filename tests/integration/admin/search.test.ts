import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accountFilters,
  countAccounts,
  searchAccounts,
  type AccountListRow,
  type AccountSearchInput,
  type SearchHandle,
} from "@/lib/accounts/search";
import { computeAccountStats } from "@/lib/accounts/stats";
import { migrateToLatest, openDatabase, type DbHandle } from "@/lib/db/connection";
import type { AccountStatus } from "@/lib/db/schema";

/**
 * The console's account search against its own temporary databases (SQLite in memory and a scratch PostgreSQL
 * database): a few hundred mirror rows inserted directly, then every kind of search, filter, sort and page.
 */

const PG_SERVER = process.env.PORTICO_TEST_PG_SERVER ?? "postgres://postgres@127.0.0.1:5432";
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 1);
const WORDS = ["Harbor", "Cedar", "Maple", "Summit", "Willow", "Golden"] as const;
const NOUNS = ["Bakery", "Cycles", "Studio", "Supply", "Coffee"] as const;
const STATUSES: AccountStatus[] = ["enabled", "enabled", "onboarding", "restricted", "rejected"];
const COUNT = 300;

interface Fixture {
  id: string;
  name: string;
  email: string;
  status: AccountStatus;
  created: number;
  updated: number;
  tenantId: string | null;
}

function fixtures(): Fixture[] {
  return Array.from({ length: COUNT }, (_, i) => {
    const name = `${WORDS[i % WORDS.length]} ${NOUNS[Math.floor(i / WORDS.length) % NOUNS.length]} ${String(i).padStart(3, "0")}`;
    return {
      id: `acct_T${String(i).padStart(4, "0")}${i % 2 === 0 ? "ab" : "CD"}`,
      name,
      email: `owner${i}@shop${i % 7}.example.com`,
      status: STATUSES[i % STATUSES.length] ?? "enabled",
      // Some share a creation time, so the id breaks ties across pages.
      created: NOW - Math.floor(i / 3) * DAY,
      updated: NOW - ((i * 37) % 101) * 1000,
      tenantId: i % 50 === 0 ? "ten_zephyr" : i % 50 === 1 ? "ten_orbit" : null,
    };
  });
}

async function seed(handle: DbHandle, rows: Fixture[]): Promise<void> {
  await migrateToLatest(handle.db);
  await handle.db
    .insertInto("tenants")
    .values([
      {
        id: "ten_zephyr",
        name: "Zephyr Labs",
        slug: "zephyr-labs",
        stripe_account_id: null,
        created_at: NOW,
      },
      { id: "ten_orbit", name: "Orbit Outfitters", slug: "orbit", stripe_account_id: null, created_at: NOW },
    ])
    .execute();
  for (const row of rows) {
    await handle.db
      .insertInto("stripe_accounts")
      .values({
        id: row.id,
        tenant_id: row.tenantId,
        business_name: row.name,
        email: row.email,
        country: "US",
        default_currency: "usd",
        created: row.created,
        charges_enabled: row.status === "enabled" ? 1 : 0,
        payouts_enabled: row.status === "enabled" ? 1 : 0,
        details_submitted: row.status === "onboarding" ? 0 : 1,
        currently_due_count: 0,
        past_due_count: row.status === "restricted" ? 1 : 0,
        eventually_due_count: 0,
        disabled_reason: null,
        status: row.status,
        requirement_collection: "stripe",
        dashboard_type: "express",
        fees_payer: null,
        losses_payments: null,
        capabilities: "{}",
        requirements: "{}",
        deauthorized: 0,
        stripe_updated_at: row.updated,
        synced_at: NOW,
      })
      .execute();
  }
}

/** Every page of a search, following the cursor; fails on a repeated cursor. */
async function allPages(
  handle: SearchHandle,
  input: AccountSearchInput,
  options: { probeCap?: number } = {},
): Promise<AccountListRow[]> {
  const rows: AccountListRow[] = [];
  let cursor: string | null = null;
  const seen = new Set<string>();
  for (let page = 0; page < 200; page++) {
    const result = await searchAccounts({ ...input, cursor }, handle, options);
    rows.push(...result.rows);
    if (!result.nextCursor) return rows;
    expect(seen.has(result.nextCursor)).toBe(false);
    seen.add(result.nextCursor);
    cursor = result.nextCursor;
  }
  throw new Error("too many pages");
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
const byCreatedDesc = (a: Fixture, b: Fixture) =>
  b.created - a.created || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
const byUpdatedAsc = (a: Fixture, b: Fixture) =>
  a.updated - b.updated || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function suite(name: string, open: () => Promise<DbHandle>, close: (handle: DbHandle) => Promise<void>) {
  describe(`account search on ${name}`, () => {
    const rows = fixtures();
    let handle: DbHandle;

    beforeAll(async () => {
      handle = await open();
      await seed(handle, rows);
    });
    afterAll(async () => {
      if (handle) await close(handle);
    });

    it("finds an account by its full id and by an id prefix (exact case)", async () => {
      const target = rows[42];
      if (!target) throw new Error("fixture");
      expect(ids((await searchAccounts({ q: target.id }, handle)).rows)).toEqual([target.id]);
      const prefix = "acct_T001";
      const expected = rows.filter((r) => r.id.startsWith(prefix)).sort(byCreatedDesc);
      expect(ids(await allPages(handle, { q: prefix, limit: 4 }))).toEqual(ids(expected));
      expect((await searchAccounts({ q: "acct_t001" }, handle)).rows).toEqual([]);
    });

    it("finds accounts by words of the business name, case-insensitively and anywhere in it", async () => {
      const expected = rows.filter((r) => r.name.includes("Harbor") && r.name.includes("Coffee"));
      const found = await allPages(handle, { q: "coffee HARBOR", limit: 5 });
      expect(ids(found).sort()).toEqual(ids(expected).sort());
      const middle = rows.filter((r) => r.name.toLowerCase().includes("ycle"));
      expect(ids(await allPages(handle, { q: "ycle", limit: 50 })).sort()).toEqual(ids(middle).sort());
      expect((await searchAccounts({ q: "nothing-like-this" }, handle)).rows).toEqual([]);
    });

    it("treats a short query as the beginning of the business name", async () => {
      const expected = rows.filter((r) => r.name.toLowerCase().startsWith("ce"));
      expect(ids(await allPages(handle, { q: "Ce", limit: 20 })).sort()).toEqual(ids(expected).sort());
    });

    it("finds an account by its email, whole or its beginning", async () => {
      const target = rows[123];
      if (!target) throw new Error("fixture");
      expect(ids((await searchAccounts({ q: target.email.toUpperCase() }, handle)).rows)).toEqual([
        target.id,
      ]);
      const prefixHits = await allPages(handle, { q: "owner12@shop", limit: 50 });
      expect(ids(prefixHits)).toEqual(ids(rows.filter((r) => r.email.startsWith("owner12@shop"))));
      const domainHits = await allPages(handle, { q: "owner1@", limit: 50 });
      expect(ids(domainHits)).toEqual([rows[1]?.id]);
    });

    it("finds accounts by their tenant's name, and follows a rename of the tenant", async () => {
      const zephyr = rows.filter((r) => r.tenantId === "ten_zephyr");
      const found = await allPages(handle, { q: "zephyr", limit: 50 });
      expect(ids(found).sort()).toEqual(ids(zephyr).sort());
      expect(found.every((r) => r.tenantName === "Zephyr Labs")).toBe(true);

      await handle.db
        .updateTable("tenants")
        .set({ name: "Nimbus Labs" })
        .where("id", "=", "ten_zephyr")
        .execute();
      expect(ids(await allPages(handle, { q: "nimbus", limit: 50 })).sort()).toEqual(ids(zephyr).sort());
      expect(await allPages(handle, { q: "zephyr", limit: 50 })).toEqual([]);
    });

    for (const filter of accountFilters) {
      it(`filters ${filter} accounts, across pages`, async () => {
        const expected = rows.filter((r) => r.status === filter).sort(byCreatedDesc);
        const found = await allPages(handle, { filter, limit: 9 });
        expect(ids(found)).toEqual(ids(expected));
      });
    }

    it("sorts by creation (newest first by default) and by last update, with no gaps or repeats across pages", async () => {
      expect(ids(await allPages(handle, { limit: 13 }))).toEqual(ids([...rows].sort(byCreatedDesc)));
      expect(ids(await allPages(handle, { sort: "updated", dir: "asc", limit: 11 }))).toEqual(
        ids([...rows].sort(byUpdatedAsc)),
      );
      const ascending = await allPages(handle, { sort: "created", dir: "asc", limit: 17 });
      expect(ids(ascending)).toEqual(ids([...rows].sort(byCreatedDesc)).reverse());
    });

    it("sorts by business name: small pages give exactly the order of one large page", async () => {
      for (const dir of ["asc", "desc"] as const) {
        const whole = await searchAccounts({ sort: "name", dir, limit: 100 }, handle);
        const paged = await allPages(handle, { sort: "name", dir, limit: 7 });
        expect(paged).toHaveLength(COUNT);
        expect(new Set(ids(paged)).size).toBe(COUNT);
        expect(ids(paged.slice(0, 100))).toEqual(ids(whole.rows));
        // Same-shaped names ("word noun 000"), so binary and linguistic collations agree on this order.
        const expected = [...rows].sort((a, b) => {
          const x = a.name.toLowerCase();
          const y = b.name.toLowerCase();
          return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : 1;
        });
        expect(ids(paged)).toEqual(ids(dir === "asc" ? expected : expected.reverse()));
      }
    });

    it("combines a common word, a filter and a sort, on every strategy, with consistent pages", async () => {
      const expected = rows
        .filter((r) => r.name.includes("Bakery") && r.status === "enabled")
        .sort(byUpdatedAsc);
      for (const probeCap of [1_000, 3]) {
        const found = await allPages(
          handle,
          { q: "bakery", filter: "enabled", sort: "updated", dir: "asc", limit: 4 },
          {
            probeCap,
          },
        );
        expect(ids(found)).toEqual(ids(expected));
      }
      const prefixed = rows
        .filter((r) => r.id.startsWith("acct_T01") && r.status === "rejected")
        .sort(byCreatedDesc);
      for (const probeCap of [1_000, 3]) {
        const found = await allPages(handle, { q: "acct_T01", filter: "rejected", limit: 2 }, { probeCap });
        expect(ids(found)).toEqual(ids(prefixed));
      }
    });

    it("ignores a malformed or foreign cursor and starts from the first page", async () => {
      const first = await searchAccounts({ limit: 5 }, handle);
      expect(ids((await searchAccounts({ limit: 5, cursor: "garbage" }, handle)).rows)).toEqual(
        ids(first.rows),
      );
      const nameCursor = (await searchAccounts({ sort: "name", limit: 5 }, handle)).nextCursor;
      expect(ids((await searchAccounts({ limit: 5, cursor: nameCursor }, handle)).rows)).toEqual(
        ids(first.rows),
      );
    });

    it("pages back with Previous to exactly the pages it came through", async () => {
      for (const input of [
        { limit: 7 },
        { limit: 9, sort: "name" as const },
        { limit: 4, filter: "restricted" as const, sort: "updated" as const, dir: "asc" as const },
        { limit: 5, q: "harbor" },
      ]) {
        const forward: { ids: string[]; prev: string | null }[] = [];
        let cursor: string | null = null;
        for (let i = 0; i < 100; i++) {
          const page = await searchAccounts({ ...input, cursor }, handle);
          forward.push({ ids: ids(page.rows), prev: page.prevCursor });
          if (!page.nextCursor) break;
          cursor = page.nextCursor;
        }
        expect(forward.length).toBeGreaterThan(2);
        expect(forward[0]?.prev).toBeNull();
        // From the last page back to the first, each Previous gives the page seen before it and a way on again.
        let back = forward.at(-1)?.prev ?? null;
        for (let index = forward.length - 2; index >= 0; index--) {
          const page = await searchAccounts({ ...input, cursor: back }, handle);
          expect(ids(page.rows)).toEqual(forward[index]?.ids);
          const after = await searchAccounts({ ...input, cursor: page.nextCursor }, handle);
          expect(ids(after.rows)).toEqual(forward[index + 1]?.ids);
          back = page.prevCursor;
        }
        expect(back).toBeNull();
      }
    });

    it("counts each filter for the search as typed, kept current as the mirror changes", async () => {
      const expected = (list: Fixture[]) =>
        Object.fromEntries(accountFilters.map((f) => [f, list.filter((r) => r.status === f).length]));
      const all = await countAccounts(undefined, handle);
      expect(all).toEqual({ byStatus: expected(rows), total: COUNT, capped: false });
      const harbor = rows.filter((r) => /harbor/i.test(r.name));
      expect(await countAccounts("harbor", handle)).toEqual({
        byStatus: expected(harbor),
        total: harbor.length,
        capped: false,
      });
      expect((await countAccounts("harbor", handle, { probeCap: 3 })).capped).toBe(true);
      expect((await countAccounts("nothing-like-this", handle)).total).toBe(0);

      // The triggers follow a status change, a new account and a removed one.
      const moved = rows.find((r) => r.status === "onboarding");
      if (!moved) throw new Error("no onboarding fixture");
      await handle.db
        .updateTable("stripe_accounts")
        .set({ status: "enabled" })
        .where("id", "=", moved.id)
        .execute();
      await handle.db
        .updateTable("stripe_accounts")
        .set({ synced_at: NOW + 1 })
        .where("id", "=", moved.id)
        .execute();
      const after = await countAccounts(undefined, handle);
      expect(after.byStatus.onboarding).toBe(all.byStatus.onboarding - 1);
      expect(after.byStatus.enabled).toBe(all.byStatus.enabled + 1);
      await handle.db
        .updateTable("stripe_accounts")
        .set({ status: "onboarding" })
        .where("id", "=", moved.id)
        .execute();
      expect(await countAccounts(undefined, handle)).toEqual(all);
    });

    it("counts the overview's figures from the mirror", async () => {
      const stats = await computeAccountStats(handle, NOW + DAY / 2, 90);
      expect(stats.total).toBe(COUNT);
      for (const status of ["enabled", "onboarding", "restricted", "rejected"] as const) {
        expect(stats.byStatus[status]).toBe(rows.filter((r) => r.status === status).length);
      }
      expect(stats.funnel.created).toBe(COUNT);
      expect(stats.funnel.detailsSubmitted).toBe(rows.filter((r) => r.status !== "onboarding").length);
      expect(stats.funnel.payoutsEnabled).toBe(rows.filter((r) => r.status === "enabled").length);
      expect(stats.newPerDay).toHaveLength(90);
      expect(stats.newPerDay.reduce((sum, d) => sum + d.count, 0)).toBe(
        rows.filter((r) => r.created >= NOW - 89 * DAY).length,
      );
    });
  });
}

suite(
  "SQLite",
  async () => openDatabase({ kind: "sqlite", path: ":memory:" }),
  (handle) => handle.close(),
);

const pgName = `portico_search_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
suite(
  "PostgreSQL",
  async () => {
    const admin = new pg.Client({ connectionString: `${PG_SERVER}/postgres` });
    await admin.connect();
    try {
      await admin.query(`create database ${pgName}`);
    } finally {
      await admin.end();
    }
    return openDatabase({ kind: "postgres", url: `${PG_SERVER}/${pgName}` }, { poolSize: 2 });
  },
  async (handle) => {
    await handle.close();
    const admin = new pg.Client({ connectionString: `${PG_SERVER}/postgres` });
    await admin.connect();
    try {
      await admin.query(`drop database if exists ${pgName}`);
    } finally {
      await admin.end();
    }
  },
);
