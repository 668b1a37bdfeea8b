import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/index";
import { SANDBOX_SECRET_KEY } from "@/emulator/sandbox-keys";
import { runBackfill } from "@/lib/accounts/backfill";
import { deriveAccountStatus } from "@/lib/accounts/mirror";
import { migrateToLatest, openDatabase, type DbHandle } from "@/lib/db/connection";

/**
 * The backfill of an Accounts v2 platform of 10,000 accounts: the v2 list has no requirements or configurations, so
 * each page is listed and every account retrieved with `include`. The accounts were made under v1 (the platform
 * switched), plus a few made with v2: every mirrored row must say what v1 says of the same account, so the console
 * reads the same whichever API the platform uses. Run without the sandbox's rate limit (the bound at 25/s is the
 * bench's job: bench/backfill-bench.ts).
 */

const V1_ACCOUNTS = 10_000;
const V2_ACCOUNTS = 3;
let emulator: RunningEmulator;
let dir: string;
let handle: DbHandle;
let stripe: Stripe;

async function control(pathname: string, method: string, body?: unknown): Promise<unknown> {
  const response = await fetch(new URL(`/_emulator/${pathname}`, emulator.url), {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${pathname}: ${response.status} ${await response.text()}`);
  return response.json();
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, quiet: true });
  await control("seed", "POST", { seed: 11, accounts: V1_ACCOUNTS, history_accounts: 0 });
  await control("faults", "POST", { clear: true, rate_limit_per_second: 0 });
  const url = new URL(emulator.url);
  stripe = new Stripe(SANDBOX_SECRET_KEY, {
    apiVersion: "2026-10-28.endive",
    host: url.hostname,
    port: Number(url.port),
    protocol: "http",
    maxNetworkRetries: 0,
    telemetry: false,
  });
  for (let i = 0; i < V2_ACCOUNTS; i += 1) {
    await stripe.v2.core.accounts.create({
      contact_email: `v2-${i}@example.com`,
      display_name: `V2 Shop ${i}`,
      dashboard: "none",
      identity: { country: "us" },
      defaults: { responsibilities: { fees_collector: "application", losses_collector: "application" } },
      configuration: {
        merchant: { capabilities: { card_payments: { requested: true } } },
        recipient: { capabilities: { stripe_balance: { stripe_transfers: { requested: true } } } },
      },
    });
  }
  dir = mkdtempSync(path.join(tmpdir(), "portico-backfill-v2-"));
  handle = openDatabase({ kind: "sqlite", path: path.join(dir, "v2.db") });
  await migrateToLatest(handle.db);
}, 120_000);

afterAll(async () => {
  await handle.close();
  await emulator.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("backfill of an Accounts v2 platform", () => {
  it("lists, retrieves each account with include, and mirrors 10,003 accounts as v1 sees them", async () => {
    await control("requests", "DELETE");
    const result = await runBackfill({
      stripe,
      db: handle.db,
      api: "v2",
      ratePerSecond: 5_000,
      burst: 50,
      concurrency: 16,
    });
    const total = V1_ACCOUNTS + V2_ACCOUNTS;
    expect(result).toMatchObject({ completed: true, accounts: total, pages: Math.ceil(total / 100) });

    // The requests: one list per page, one retrieve with include per account, nothing else.
    const logged = (await control("requests?limit=20000", "GET")) as {
      data: { method: string; path: string; params: Record<string, unknown> }[];
    };
    const lists = logged.data.filter((r) => r.path === "/v2/core/accounts");
    const retrieves = logged.data.filter((r) => r.path.startsWith("/v2/core/accounts/acct_"));
    expect(lists).toHaveLength(Math.ceil(total / 100));
    expect(retrieves).toHaveLength(total);
    expect(logged.data.filter((r) => r.path.startsWith("/v1/"))).toHaveLength(0);

    // Every row against v1's own view of the same account.
    const truth = new Map<string, Stripe.Account>();
    for await (const account of stripe.accounts.list({ limit: 100 })) truth.set(account.id, account);
    expect(truth.size).toBe(total);
    const rows = await handle.db
      .selectFrom("stripe_accounts")
      .select([
        "id",
        "charges_enabled",
        "payouts_enabled",
        "status",
        "past_due_count",
        "email",
        "requirement_collection",
      ])
      .execute();
    expect(rows).toHaveLength(total);
    const mismatches = rows.filter((row) => {
      const account = truth.get(row.id);
      return (
        !account ||
        row.charges_enabled !== (account.charges_enabled ? 1 : 0) ||
        row.payouts_enabled !== (account.payouts_enabled ? 1 : 0) ||
        row.status !== deriveAccountStatus(account) ||
        row.past_due_count !== (account.requirements?.past_due?.length ?? 0) ||
        row.email !== (account.email ?? null) ||
        row.requirement_collection !== (account.controller?.requirement_collection ?? null)
      );
    });
    expect(
      mismatches.slice(0, 3).map((row) => {
        const account = truth.get(row.id);
        return {
          row,
          v1: account && {
            charges: account.charges_enabled,
            payouts: account.payouts_enabled,
            status: deriveAccountStatus(account),
            pastDue: account.requirements?.past_due?.length ?? 0,
            email: account.email,
            collection: account.controller?.requirement_collection,
          },
        };
      }),
    ).toEqual([]);
    expect(new Set(rows.map((r) => r.status)).size).toBeGreaterThanOrEqual(3);
  }, 240_000);
});
