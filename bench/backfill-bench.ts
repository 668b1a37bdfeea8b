/**
 * Backfill throughput against the bound Stripe's rate limit allows: 25 requests/s × 100 accounts per page =
 * 2,500 accounts/s. Runs `runBackfill` in process against an in-process emulator (25 requests/s, like Stripe's
 * sandbox) seeded with `accounts` connected accounts, into a temporary SQLite database. Target: ratio ≥ 0.9.
 * On Accounts v2 (PORTICO_CONNECTED_ACCOUNTS_API=v2) the bound is 25 / 1.01 ≈ 24.75 accounts/s: one retrieve with
 * include per account plus one list request per 100 (lib/accounts/backfill.ts).
 * Run alone: `npx tsx --conditions=react-server bench/backfill-bench.ts`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Stripe from "stripe";
import { startEmulator } from "../emulator/index";
import { SANDBOX_SECRET_KEY } from "../emulator/sandbox-keys";
import { runBackfill, V2_REQUESTS_PER_ACCOUNT } from "../lib/accounts/backfill";
import { migrateToLatest, openDatabase } from "../lib/db/connection";

export interface BackfillBenchResult {
  accounts: number;
  pages: number;
  durationMs: number;
  rateLimited: number;
  accountsPerSecond: number;
  boundAccountsPerSecond: number;
  ratio: number;
  api: "v1" | "v2";
}

const LIMIT_PER_SECOND = 25;
const PAGE_SIZE = 100;

export async function benchBackfill(
  options: { accounts?: number; api?: "v1" | "v2" } = {},
): Promise<BackfillBenchResult> {
  const accounts = options.accounts ?? 10_000;
  const api = options.api ?? "v1";
  const emulator = await startEmulator({ port: 0, quiet: true, rateLimitPerSecond: LIMIT_PER_SECOND });
  const dir = mkdtempSync(path.join(tmpdir(), "portico-backfill-bench-"));
  const handle = openDatabase({ kind: "sqlite", path: path.join(dir, "bench.db") });
  try {
    const seeded = await fetch(new URL("/_emulator/seed", emulator.url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ seed: 7, accounts, history_accounts: 0 }),
    });
    if (!seeded.ok) throw new Error(`seeding the emulator failed: ${seeded.status}`);
    await migrateToLatest(handle.db);
    const url = new URL(emulator.url);
    const stripe = new Stripe(SANDBOX_SECRET_KEY, {
      apiVersion: "2026-10-28.endive",
      host: url.hostname,
      port: Number(url.port),
      protocol: "http",
      maxNetworkRetries: 0,
      telemetry: false,
    });
    // At the limit itself, with a small burst to absorb timer jitter; 429s from the emulator's window make it adapt.
    const result = await runBackfill({
      stripe,
      db: handle.db,
      ratePerSecond: LIMIT_PER_SECOND,
      burst: 2,
      api,
    });
    if (!result.completed || result.accounts !== accounts) {
      throw new Error(`the backfill stopped at ${result.accounts} of ${accounts} accounts`);
    }
    const accountsPerSecond = result.accounts / (result.durationMs / 1000);
    // v1: one request reads a page of 100; v2: a page is listed, then each account retrieved with include.
    const boundAccountsPerSecond =
      api === "v2" ? LIMIT_PER_SECOND / V2_REQUESTS_PER_ACCOUNT : LIMIT_PER_SECOND * PAGE_SIZE;
    return {
      accounts: result.accounts,
      pages: result.pages,
      durationMs: result.durationMs,
      rateLimited: result.rateLimited,
      accountsPerSecond: Math.round(accountsPerSecond * 100) / 100,
      boundAccountsPerSecond: Math.round(boundAccountsPerSecond * 100) / 100,
      ratio: Math.round((accountsPerSecond / boundAccountsPerSecond) * 1000) / 1000,
      api,
    };
  } finally {
    await handle.close();
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchBackfill({
    accounts: Number(process.env.BENCH_ACCOUNTS ?? 10_000),
    api: process.env.PORTICO_CONNECTED_ACCOUNTS_API === "v2" ? "v2" : "v1",
  }).then(
    (result) => {
      console.log(
        `Backfill: ${result.accounts} accounts in ${result.durationMs} ms → ${result.accountsPerSecond} accounts/s of a ${result.boundAccountsPerSecond} bound (ratio ${result.ratio}, ${result.rateLimited} × 429)`,
      );
      process.exit(result.ratio >= 0.9 ? 0 : 1);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
