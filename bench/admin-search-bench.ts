/**
 * Console account search at 1,000,000 mirrored accounts, on SQLite and PostgreSQL: fills a temporary database of
 * each kind (schema from the real migrations), runs a realistic query mix through lib/accounts/search.ts and reports
 * p50/p95 per database (target: p95 ≤ 30 ms per search query). Not part of `npm test`.
 *
 * Run alone: `npx tsx --conditions=react-server bench/admin-search-bench.ts` (ACCOUNTS=… to change the size,
 * BENCH_PG_URL=… for another PostgreSQL server).
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Migrator, sql } from "kysely";
import pg from "pg";
import {
  accountFilters,
  accountSorts,
  searchAccounts,
  type AccountSearchInput,
  type SearchHandle,
} from "../lib/accounts/search";
import { openDatabase, migrateToLatest, type DbHandle } from "../lib/db/connection";
import { migrations } from "../lib/db/migrations";
import type { AccountStatus } from "../lib/db/schema";

const DEFAULT_ACCOUNTS = 1_000_000;
const TARGET_P95_MS = 30;

/** mulberry32: the same data on every run and both databases. */
function rng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}

const NOUNS = [
  "Bakery",
  "Books",
  "Cycles",
  "Design",
  "Fitness",
  "Florist",
  "Garage",
  "Kitchen",
  "Studio",
  "Supply",
  "Tailors",
  "Travel",
  "Yoga",
  "Coffee",
  "Games",
  "Bikes",
  "Labs",
  "Goods",
  "Market",
  "Outfitters",
  "Pottery",
  "Records",
  "Salon",
  "Tea",
  "Tools",
  "Toys",
  "Wines",
  "Works",
  "Dental",
  "Pets",
] as const;
const SYLLABLES = [
  "ka",
  "lo",
  "mi",
  "ra",
  "ven",
  "to",
  "sa",
  "ne",
  "ri",
  "do",
  "bel",
  "mar",
  "cor",
  "li",
  "an",
  "ser",
  "vi",
  "ta",
  "mon",
  "del",
  "ga",
  "ro",
  "pa",
  "quin",
  "zu",
  "fen",
  "hal",
  "jo",
  "ke",
  "nor",
  "pe",
  "ru",
  "sol",
  "tri",
  "ul",
  "wen",
  "xa",
  "yor",
  "zel",
  "bra",
] as const;
const COUNTRIES = ["US", "US", "US", "US", "GB", "CA", "AU", "FR", "DE"] as const;
const DAY = 86_400_000;

interface GeneratedAccount {
  id: string;
  businessName: string;
  email: string;
  country: string;
  created: number;
  status: AccountStatus;
  tenantId: string | null;
  tenantName: string | null;
  updated: number;
}

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function generate(count: number) {
  const r = rng(42);
  const word = () => {
    const n = 2 + r.int(2);
    let w = "";
    for (let i = 0; i < n; i++) w += r.pick(SYLLABLES);
    return w.charAt(0).toUpperCase() + w.slice(1);
  };
  const now = Date.UTC(2026, 10, 26);
  const accounts: GeneratedAccount[] = [];
  const tenants: { id: string; name: string }[] = [];
  for (let i = 0; i < count; i++) {
    let id = "acct_";
    for (let c = 0; c < 16; c++) id += ALPHABET[r.int(62)];
    const businessName = `${word()} ${r.pick(NOUNS)}`;
    const x = r.next();
    const status: AccountStatus =
      x < 0.6 ? "enabled" : x < 0.8 ? "onboarding" : x < 0.92 ? "restricted" : "rejected";
    const created = now - r.int(730) * DAY - r.int(DAY);
    let tenantId: string | null = null;
    let tenantName: string | null = null;
    if (r.next() < 0.3) {
      tenantId = `ten_${i.toString(36)}`;
      tenantName = r.next() < 0.5 ? businessName : `${word()} ${word()}`;
      tenants.push({ id: tenantId, name: tenantName });
    }
    accounts.push({
      id,
      businessName,
      email: `owner${i}@${businessName.toLowerCase().replace(/\s+/g, "")}.example.com`,
      country: r.pick(COUNTRIES),
      created,
      status,
      tenantId,
      tenantName,
      updated: created + r.int(now - created),
    });
  }
  return { accounts, tenants, now };
}

type Data = ReturnType<typeof generate>;

function accountColumns(a: GeneratedAccount, now: number) {
  const enabled = a.status === "enabled";
  return {
    id: a.id,
    tenant_id: a.tenantId,
    business_name: a.businessName,
    email: a.email,
    country: a.country,
    default_currency: "usd",
    created: a.created,
    charges_enabled: enabled ? 1 : 0,
    payouts_enabled: enabled ? 1 : 0,
    details_submitted: a.status === "onboarding" ? 0 : 1,
    currently_due_count: enabled ? 0 : 3,
    past_due_count: a.status === "restricted" ? 2 : 0,
    eventually_due_count: 1,
    disabled_reason: a.status === "rejected" ? "rejected.fraud" : null,
    status: a.status,
    requirement_collection: "stripe",
    dashboard_type: "express",
    fees_payer: "application",
    losses_payments: "application",
    capabilities: "{}",
    requirements: "{}",
    deauthorized: 0,
    stripe_updated_at: a.updated,
    synced_at: now,
  };
}

const SAMPLE: GeneratedAccount = {
  id: "acct_sample",
  businessName: "",
  email: "",
  country: "US",
  created: 0,
  status: "enabled",
  tenantId: null,
  tenantName: null,
  updated: 0,
};
const COLUMNS = Object.keys(accountColumns(SAMPLE, 0));

/** Migrates up to the mirror, bulk-loads, then runs the rest (0005 builds its indexes over the loaded rows). */
async function fill(handle: DbHandle, load: () => Promise<void>): Promise<void> {
  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: "portico_migrations",
    migrationLockTableName: "portico_migrations_lock",
  });
  const before = await migrator.migrateTo("0003-console");
  if (before.error) throw before.error;
  await load();
  await migrateToLatest(handle.db);
}

async function loadSqlite(file: string, data: Data): Promise<void> {
  const db = new SQLite(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const tenant = db.prepare(
    "insert into tenants (id, name, slug, stripe_account_id, created_at) values (?, ?, ?, ?, ?)",
  );
  const account = db.prepare(
    `insert into stripe_accounts (${COLUMNS.join(", ")}) values (${COLUMNS.map(() => "?").join(", ")})`,
  );
  db.transaction(() => {
    for (const t of data.tenants) tenant.run(t.id, t.name, t.id, null, data.now);
    for (const a of data.accounts) account.run(...Object.values(accountColumns(a, data.now)));
  })();
  db.close();
}

async function loadPostgres(url: string, data: Data): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const batch = 20_000;
    for (let i = 0; i < data.tenants.length; i += batch) {
      const slice = data.tenants.slice(i, i + batch);
      await client.query(
        `insert into tenants (id, name, slug, stripe_account_id, created_at)
         select id, name, id, null, $3 from unnest($1::text[], $2::text[]) as t(id, name)`,
        [slice.map((t) => t.id), slice.map((t) => t.name), data.now],
      );
    }
    const types: Record<string, string> = {
      created: "bigint",
      stripe_updated_at: "bigint",
      synced_at: "bigint",
      charges_enabled: "int",
      payouts_enabled: "int",
      details_submitted: "int",
      currently_due_count: "int",
      past_due_count: "int",
      eventually_due_count: "int",
      deauthorized: "int",
    };
    const unnest = COLUMNS.map((c, index) => `$${index + 1}::${types[c] ?? "text"}[]`).join(", ");
    for (let i = 0; i < data.accounts.length; i += batch) {
      const rows = data.accounts.slice(i, i + batch).map((a) => Object.values(accountColumns(a, data.now)));
      const columns = COLUMNS.map((_, index) => rows.map((row) => row[index]));
      await client.query(
        `insert into stripe_accounts (${COLUMNS.join(", ")}) select * from unnest(${unnest})`,
        columns,
      );
    }
    await client.query("vacuum analyze stripe_accounts");
  } finally {
    await client.end();
  }
}

interface Sample {
  label: string;
  input: AccountSearchInput;
  page2?: boolean;
}

/** The console's query mix: ids, words, emails, tenants, every filter and sort, and second pages. */
function queryMix(data: Data, seed: number): Sample[] {
  const r = rng(seed);
  const samples: Sample[] = [];
  const some = () => r.pick(data.accounts);
  const withTenant = data.accounts.filter((a) => a.tenantName);
  for (let i = 0; i < 20; i++) {
    const a = some();
    samples.push({ label: "id (full)", input: { q: a.id } });
    samples.push({ label: "id prefix", input: { q: a.id.slice(0, 5 + 4 + r.int(8)) } });
    samples.push({ label: "id prefix (short)", input: { q: a.id.slice(0, 7) } });
    const [word, noun] = (a.businessName ?? "").split(" ");
    samples.push({ label: "name word (rare)", input: { q: word?.toLowerCase() } });
    samples.push({ label: "name word (common)", input: { q: noun } });
    samples.push({ label: "name (two words)", input: { q: a.businessName } });
    samples.push({ label: "name prefix (2 chars)", input: { q: a.businessName.slice(0, 2) } });
    samples.push({ label: "email (full)", input: { q: a.email } });
    samples.push({ label: "email prefix", input: { q: a.email.slice(0, a.email.indexOf("@") + 4) } });
    const t = r.pick(withTenant);
    samples.push({ label: "tenant name", input: { q: t.tenantName ?? "" } });
    const filter = r.pick(accountFilters);
    const sort = r.pick(accountSorts);
    samples.push({ label: "filter", input: { filter } });
    samples.push({ label: "sort", input: { sort, dir: r.next() < 0.5 ? "asc" : "desc" } });
    samples.push({ label: "filter + sort", input: { filter, sort } });
    samples.push({ label: "common word + filter", input: { q: noun, filter, sort } });
    samples.push({ label: "rare word + filter + sort", input: { q: word, filter, sort } });
    samples.push({ label: "second page (filter)", input: { filter, sort }, page2: true });
    samples.push({ label: "second page (common word)", input: { q: noun, sort }, page2: true });
    samples.push({ label: "second page (no filter)", input: { sort }, page2: true });
  }
  return samples;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export interface SearchBenchResult {
  database: "sqlite" | "postgres";
  accounts: number;
  queries: number;
  fillSeconds: number;
  p50: number;
  p95: number;
  max: number;
  worst: { label: string; p95: number }[];
  /** p95 of the warm-up pass, the first queries after the fill. */
  coldP95: number;
  ok: boolean;
}

async function timeMix(handle: SearchHandle, samples: Sample[]) {
  const times: number[] = [];
  const byLabel = new Map<string, number[]>();
  for (const sample of samples) {
    let input = sample.input;
    if (sample.page2) {
      const first = await searchAccounts(input, handle);
      input = { ...input, cursor: first.nextCursor };
    }
    const started = performance.now();
    await searchAccounts(input, handle);
    const ms = performance.now() - started;
    times.push(ms);
    byLabel.set(sample.label, [...(byLabel.get(sample.label) ?? []), ms]);
  }
  times.sort((a, b) => a - b);
  const worst = [...byLabel]
    .map(([label, list]) => ({
      label,
      p95: percentile(
        [...list].sort((a, b) => a - b),
        95,
      ),
    }))
    .sort((a, b) => b.p95 - a.p95);
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1) ?? 0, worst };
}

/**
 * A running console has served queries before: one pass over another draw of the same mix warms the caches after
 * the fill (without replaying the measured queries), then the measured pass. The warm-up's own p95 is reported too.
 */
async function measure(handle: SearchHandle, warmup: Sample[], samples: Sample[]) {
  const cold = await timeMix(handle, warmup);
  return { ...(await timeMix(handle, samples)), coldP95: cold.p95 };
}

export async function benchAdminSearch(
  options: { accounts?: number; postgresUrl?: string; log?: (line: string) => void } = {},
): Promise<SearchBenchResult[]> {
  const count = options.accounts ?? Number(process.env.ACCOUNTS ?? DEFAULT_ACCOUNTS);
  const log = options.log ?? ((line: string) => console.error(line));
  const serverUrl = options.postgresUrl ?? process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432";
  log(`generating ${count.toLocaleString("en-US")} accounts…`);
  const data = generate(count);
  const samples = queryMix(data, 7);
  const warmup = queryMix(data, 8);
  const results: SearchBenchResult[] = [];

  const dir = mkdtempSync(path.join(tmpdir(), "portico-search-bench-"));
  try {
    const file = path.join(dir, "bench.db");
    const started = Date.now();
    const handle = openDatabase({ kind: "sqlite", path: file });
    try {
      await fill(handle, () => loadSqlite(file, data));
      await sql`analyze`.execute(handle.db);
      const fillSeconds = (Date.now() - started) / 1000;
      log(`sqlite: filled in ${fillSeconds.toFixed(1)} s; ${samples.length} queries…`);
      const m = await measure(handle, warmup, samples);
      results.push({
        database: "sqlite",
        accounts: count,
        queries: samples.length,
        fillSeconds,
        ...m,
        ok: m.p95 <= TARGET_P95_MS,
      });
    } finally {
      await handle.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const name = `portico_bench_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
    const url = `${serverUrl}/${name}`;
    const started = Date.now();
    const handle = openDatabase({ kind: "postgres", url });
    try {
      await fill(handle, () => loadPostgres(url, data));
      await sql`analyze stripe_accounts`.execute(handle.db);
      const fillSeconds = (Date.now() - started) / 1000;
      log(`postgres: filled in ${fillSeconds.toFixed(1)} s; ${samples.length} queries…`);
      const m = await measure(handle, warmup, samples);
      results.push({
        database: "postgres",
        accounts: count,
        queries: samples.length,
        fillSeconds,
        ...m,
        ok: m.p95 <= TARGET_P95_MS,
      });
    } finally {
      await handle.close();
    }
  } finally {
    if (process.env.BENCH_KEEP_PG) log(`kept PostgreSQL database ${name}`);
    else await admin.query(`drop database if exists ${name}`).catch(() => undefined);
    await admin.end();
  }
  return results;
}

function printTable(results: SearchBenchResult[]): void {
  console.log("\nAdmin account search (target p95 ≤ 30 ms per query)\n");
  console.log("database   accounts    queries  p50 ms  p95 ms  max ms  fill s  result");
  for (const r of results) {
    console.log(
      [
        r.database.padEnd(9),
        r.accounts.toLocaleString("en-US").padStart(10),
        String(r.queries).padStart(8),
        r.p50.toFixed(2).padStart(7),
        r.p95.toFixed(2).padStart(7),
        r.max.toFixed(1).padStart(7),
        r.fillSeconds.toFixed(0).padStart(7),
        r.ok ? " ok" : " SLOW",
      ].join(" "),
    );
  }
  for (const r of results) {
    console.log(`\n${r.database}: slowest query kinds (p95 ms)`);
    for (const w of r.worst.slice(0, 6)) console.log(`  ${w.label.padEnd(28)} ${w.p95.toFixed(2)}`);
  }
}

if (
  process.argv[1] &&
  path.resolve(process.argv[1]) === path.resolve(import.meta.dirname, "admin-search-bench.ts")
) {
  benchAdminSearch().then(
    (results) => {
      printTable(results);
      process.exit(results.every((r) => r.ok) ? 0 : 1);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
