import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/index";
import { SANDBOX_SECRET_KEY } from "@/emulator/sandbox-keys";
import { BackfillError, runBackfill, SYNC_STATE_ID } from "@/lib/accounts/backfill";
import { deriveAccountStatus } from "@/lib/accounts/mirror";
import { migrateToLatest, openDatabase, type DbHandle } from "@/lib/db/connection";

/**
 * The accounts backfill, in process, against its own Stripe sandbox (25 requests/s, like Stripe's sandbox) seeded
 * with 10,000 connected accounts, into a fresh SQLite file and a fresh PostgreSQL database.
 */

const ACCOUNTS = 10_000;
const PAGES = ACCOUNTS / 100;
let emulator: RunningEmulator;
let dir: string;

function stripeAt(url: string, apiKey = SANDBOX_SECRET_KEY): Stripe {
  const parsed = new URL(url);
  return new Stripe(apiKey, {
    apiVersion: "2026-10-28.endive",
    host: parsed.hostname,
    port: Number(parsed.port),
    protocol: "http",
    maxNetworkRetries: 0,
    telemetry: false,
  });
}

async function control(pathname: string, method: string, body?: unknown): Promise<unknown> {
  const response = await fetch(new URL(`/_emulator/${pathname}`, emulator.url), {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${pathname}: ${response.status} ${await response.text()}`);
  return response.json();
}

interface LoggedRequest {
  method: string;
  path: string;
  params: Record<string, unknown>;
  status: number;
}

async function accountListRequests(): Promise<LoggedRequest[]> {
  const body = (await control("requests?path=/v1/accounts&method=GET", "GET")) as { data: LoggedRequest[] };
  return body.data.filter((r) => r.path === "/v1/accounts");
}

/** Every account as the sandbox holds it, read without the rate limit. */
async function emulatorAccounts(): Promise<Map<string, Stripe.Account>> {
  await control("faults", "POST", { clear: true, rate_limit_per_second: 0 });
  try {
    const all = new Map<string, Stripe.Account>();
    for await (const account of stripeAt(emulator.url).accounts.list({ limit: 100 }))
      all.set(account.id, account);
    return all;
  } finally {
    await control("faults", "POST", { rate_limit_per_second: 25 });
  }
}

async function expectMirrorMatches(handle: DbHandle): Promise<void> {
  const expected = await emulatorAccounts();
  expect(expected.size).toBe(ACCOUNTS);
  const rows = await handle.db
    .selectFrom("stripe_accounts")
    .select([
      "id",
      "charges_enabled",
      "payouts_enabled",
      "details_submitted",
      "status",
      "past_due_count",
      "email",
    ])
    .execute();
  expect(rows.length).toBe(ACCOUNTS);
  expect(new Set(rows.map((r) => r.id))).toEqual(new Set(expected.keys()));
  const mismatches = rows.filter((row) => {
    const account = expected.get(row.id);
    return (
      !account ||
      row.charges_enabled !== (account.charges_enabled ? 1 : 0) ||
      row.payouts_enabled !== (account.payouts_enabled ? 1 : 0) ||
      row.details_submitted !== (account.details_submitted ? 1 : 0) ||
      row.status !== deriveAccountStatus(account) ||
      row.past_due_count !== (account.requirements?.past_due?.length ?? 0) ||
      row.email !== (account.email ?? null)
    );
  });
  expect(mismatches).toEqual([]);
  // Accounts in several states, so the comparison means something.
  expect(new Set(rows.map((r) => r.status)).size).toBeGreaterThanOrEqual(3);
}

async function interruptedThenResumed(handle: DbHandle): Promise<void> {
  // 429s injected on top of the sandbox's own 25 requests/s limit, for both runs.
  await control("faults", "POST", {
    // The first three list calls are certainly rate-limited (so the run must adapt), then 10 % at random.
    rules: [
      { path_prefix: "/v1/accounts", method: "GET", rate_limit_rate: 1, count: 3 },
      { path_prefix: "/v1/accounts", method: "GET", rate_limit_rate: 0.1 },
    ],
    rate_limit_per_second: 25,
  });
  await control("requests", "DELETE");

  const controller = new AbortController();
  const first = await runBackfill({
    stripe: stripeAt(emulator.url),
    db: handle.db,
    ratePerSecond: 25,
    burst: 2,
    signal: controller.signal,
    onProgress: (progress) => {
      if (progress.pages >= 30) controller.abort();
    },
  });
  expect(first.completed).toBe(false);
  expect(first.pages).toBe(30);
  expect(first.accounts).toBe(3_000);
  const saved = await handle.db
    .selectFrom("stripe_sync_state")
    .selectAll()
    .where("id", "=", SYNC_STATE_ID)
    .executeTakeFirstOrThrow();
  expect(saved.pages).toBe(30);
  expect(saved.accounts).toBe(3_000);
  expect(saved.cursor).toMatch(/^acct_/);
  const firstRequests = await accountListRequests();
  expect(firstRequests.filter((r) => r.status === 429).length).toBeGreaterThan(0);

  await control("requests", "DELETE");
  const second = await runBackfill({
    stripe: stripeAt(emulator.url),
    db: handle.db,
    ratePerSecond: 25,
    burst: 2,
  });
  expect(second.completed).toBe(true);
  expect(second.resumedFrom).toBe(saved.cursor);
  expect(second.pages).toBe(PAGES);
  expect(second.accounts).toBe(ACCOUNTS);
  expect(second.pagesThisRun).toBe(PAGES - 30);

  // It resumed from the cursor: no request started over from the first page, and each page was fetched once
  // successfully (429s were retried, never skipped).
  const secondRequests = await accountListRequests();
  const ok = secondRequests.filter((r) => r.status === 200);
  expect(secondRequests.every((r) => typeof r.params.starting_after === "string")).toBe(true);
  expect(ok[0]?.params.starting_after).toBe(saved.cursor);
  expect(ok.length).toBe(PAGES - 30);
  expect(new Set(ok.map((r) => r.params.starting_after)).size).toBe(ok.length);
  expect(second.rateLimited).toBe(secondRequests.filter((r) => r.status === 429).length);

  // A finished run leaves no state behind, so the next one starts from the beginning.
  expect(
    await handle.db
      .selectFrom("stripe_sync_state")
      .select("id")
      .where("id", "=", SYNC_STATE_ID)
      .executeTakeFirst(),
  ).toBeUndefined();
  await control("faults", "POST", { clear: true, rate_limit_per_second: 25 });
  await expectMirrorMatches(handle);
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, quiet: true, rateLimitPerSecond: 25 });
  await control("seed", "POST", { seed: 42, accounts: ACCOUNTS, history_accounts: 0 });
  dir = mkdtempSync(path.join(tmpdir(), "portico-backfill-"));
});

afterAll(async () => {
  await emulator?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("npm run stripe:sync (runBackfill)", () => {
  it("on SQLite: under the rate limit with injected 429s, an interrupted run resumes and the mirror matches", async () => {
    const handle = openDatabase({ kind: "sqlite", path: path.join(dir, "backfill.db") });
    try {
      await migrateToLatest(handle.db);
      await interruptedThenResumed(handle);
    } finally {
      await handle.close();
    }
  }, 120_000);

  describe("on PostgreSQL", () => {
    const name = `portico_backfill_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
    const admin = new pg.Client({ connectionString: "postgres://postgres@127.0.0.1:5432/postgres" });
    let created = false;

    afterAll(async () => {
      // Without FORCE (which would kill the closing pool's sockets mid-shutdown): retry until they are gone.
      for (let attempt = 0; created && attempt < 20; attempt++) {
        try {
          await admin.query(`drop database if exists ${name}`);
          created = false;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
      await admin.end().catch(() => undefined);
    });

    it("resumes and matches the sandbox exactly, keeping the tenant link", async () => {
      try {
        await admin.connect();
        await admin.query(`create database ${name}`);
        created = true;
      } catch (error) {
        throw new Error(`PostgreSQL at 127.0.0.1:5432 is required for this test: ${String(error)}`);
      }
      const handle = openDatabase({ kind: "postgres", url: `postgres://postgres@127.0.0.1:5432/${name}` });
      try {
        await migrateToLatest(handle.db);
        // A tenant whose account is among the sandbox's: the backfill links it.
        const [linked] = await emulatorAccounts().then((all) => [...all.keys()].slice(500, 501));
        if (!linked) throw new Error("no account to link");
        await handle.db
          .insertInto("tenants")
          .values({
            id: "ten_backfill",
            name: "Linked",
            slug: "linked",
            stripe_account_id: linked,
            created_at: Date.now(),
          })
          .execute();
        await interruptedThenResumed(handle);
        const row = await handle.db
          .selectFrom("stripe_accounts")
          .select("tenant_id")
          .where("id", "=", linked)
          .executeTakeFirstOrThrow();
        expect(row.tenant_id).toBe("ten_backfill");
      } finally {
        await handle.close();
      }
    }, 120_000);
  });

  it("explains a bad key and an unreachable Stripe", async () => {
    const handle = openDatabase({ kind: "sqlite", path: ":memory:" });
    try {
      await migrateToLatest(handle.db);
      const badKey = runBackfill({ stripe: stripeAt(emulator.url, "sk_test_wrong"), db: handle.db });
      await expect(badKey).rejects.toBeInstanceOf(BackfillError);
      await expect(badKey).rejects.toThrow(/refused the API key \(401\)/);
      const unreachable = runBackfill({ stripe: stripeAt("http://127.0.0.1:9"), db: handle.db });
      await expect(unreachable).rejects.toThrow(/could not be reached/);
    } finally {
      await handle.close();
    }
  }, 60_000);
});
