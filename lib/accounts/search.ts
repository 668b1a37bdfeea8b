import "server-only";
import { sql, type Expression, type Kysely, type SqlBool } from "kysely";
import { z } from "zod";
import { getDbHandle } from "../db";
import type { DialectName } from "../db/dialect";
import type { AccountStatus, DB } from "../db/schema";

/**
 * The console's account search over the mirror (never Stripe). Built for 1,000,000 rows (p95 ≤ 30 ms, measured by
 * bench/admin-search-bench.ts) with the indexes of migration 0005. What the text box means:
 * - `acct_…`: an account id or its beginning (exact case);
 * - anything with `@`: an email address or its beginning;
 * - words of 3+ characters: each found anywhere in the business or tenant name (case-insensitive);
 * - only shorter words: the beginning of the business name.
 * Pages are keyset-paginated on (sort key, id), never OFFSET. How a query runs:
 * - words on PostgreSQL: one query; with pg_trgm's estimates its planner picks well between the trigram index (rare
 *   words, then a small sort) and walking the sort index while filtering (common words).
 * - everything else (SQLite has no such estimates for FTS5, nor PostgreSQL for prefix ranges): the choice is made
 *   here. A capped probe of the matches through the text index; when few rows match (≤ PROBE_CAP) those are filtered
 *   and sorted directly, otherwise the term is common and walking the sort index while checking each row finds a
 *   page quickly.
 */

export const accountFilters = ["enabled", "onboarding", "restricted", "rejected"] as const;
export type AccountFilter = (typeof accountFilters)[number];
export const accountSorts = ["created", "name", "updated"] as const;
export type AccountSort = (typeof accountSorts)[number];
export type SortDirection = "asc" | "desc";

/** Beyond this many text matches, a term counts as common and the sort index is walked instead. */
export const PROBE_CAP = 2_000;
export const MAX_PAGE_SIZE = 100;

/** Each filter of the console is one mirror status (see deriveAccountStatus). */
const filterStatus: Record<AccountFilter, AccountStatus> = {
  enabled: "enabled",
  onboarding: "onboarding",
  restricted: "restricted",
  rejected: "rejected",
};

/** The search parameters as they appear in the page's URL; anything malformed falls back to the default. */
export const accountSearchQuerySchema = z.object({
  q: z.string().trim().max(200).catch(""),
  filter: z.enum(accountFilters).nullable().catch(null),
  sort: z.enum(accountSorts).catch("created"),
  dir: z.enum(["asc", "desc"]).nullable().catch(null),
  cursor: z.string().max(500).nullable().catch(null),
});
export type AccountSearchQuery = z.infer<typeof accountSearchQuerySchema>;

export function parseAccountSearchQuery(
  params: Record<string, string | string[] | undefined>,
): AccountSearchQuery {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  return accountSearchQuerySchema.parse({
    q: first(params.q) ?? "",
    filter: first(params.filter) ?? null,
    sort: first(params.sort) ?? "created",
    dir: first(params.dir) ?? null,
    cursor: first(params.cursor) ?? null,
  });
}

/** Newest first for dates, A–Z for names, unless the URL says otherwise. */
export function defaultDirection(sort: AccountSort): SortDirection {
  return sort === "name" ? "asc" : "desc";
}

export interface AccountSearchInput {
  q?: string;
  filter?: AccountFilter | null;
  sort?: AccountSort;
  dir?: SortDirection | null;
  cursor?: string | null;
  limit?: number;
}

export interface AccountListRow {
  id: string;
  businessName: string | null;
  email: string | null;
  country: string | null;
  created: number;
  status: AccountStatus;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  currentlyDueCount: number;
  pastDueCount: number;
  eventuallyDueCount: number;
  disabledReason: string | null;
  dashboardType: string | null;
  tenantId: string | null;
  tenantName: string | null;
  stripeUpdatedAt: number;
}

export interface AccountSearchResult {
  rows: AccountListRow[];
  nextCursor: string | null;
  /** The page before this one; null on the first page. */
  prevCursor: string | null;
  /** How the query was answered (for the bench and tests). */
  plan: "index" | "probe" | "scan" | "planner";
}

export interface SearchHandle {
  db: Kysely<DB>;
  dialect: DialectName;
}

// Same expressions as migration 0005's indexes (PostgreSQL only matches an index on an identical expression).
const searchTextSql = sql<string>`lower(coalesce(business_name, '') || ' ' || coalesce(tenant_name, ''))`;
const nameKeySql = sql<string>`lower(coalesce(business_name, ''))`;

const sortKey: Record<AccountSort, Expression<unknown>> = {
  created: sql`created`,
  updated: sql`stripe_updated_at`,
  name: nameKeySql,
};

/** A page boundary: the (sort key, id) of a row; `b` marks a cursor to the page before it ("Previous"). */
const cursorSchema = z.object({
  k: z.union([z.number(), z.string()]),
  i: z.string().min(1),
  b: z.literal(true).optional(),
});
type Cursor = z.infer<typeof cursorSchema>;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeCursor(raw: string | null | undefined, sort: AccountSort): Cursor | null {
  if (!raw) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    if (!parsed.success) return null;
    // A cursor from another sort is meaningless: start from the first page.
    const numeric = sort !== "name";
    return typeof parsed.data.k === (numeric ? "number" : "string") ? parsed.data : null;
  } catch {
    return null;
  }
}

/** What the text box asks for. */
type TextQuery =
  | { kind: "none" }
  | { kind: "id"; prefix: string }
  | { kind: "email"; prefix: string }
  | { kind: "namePrefix"; prefix: string }
  | { kind: "words"; words: string[] };

const ID_PATTERN = /^acct_[A-Za-z0-9]*$/;

export function parseTextQuery(raw: string | undefined): TextQuery {
  const q = (raw ?? "").trim().slice(0, 200);
  if (!q) return { kind: "none" };
  if (ID_PATTERN.test(q)) return { kind: "id", prefix: q };
  if (q.includes("@") && !/\s/.test(q)) return { kind: "email", prefix: q.toLowerCase() };
  // Trigram indexes need 3 characters: shorter words are dropped, and a query of only short words is a name prefix.
  const words = [
    ...new Set(
      q
        .toLowerCase()
        .split(/\s+/)
        .filter((w) => w.length >= 3),
    ),
  ].slice(0, 5);
  if (words.length === 0) return { kind: "namePrefix", prefix: q.toLowerCase() };
  return { kind: "words", words };
}

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The smallest string greater than every string starting with `prefix` (binary collation). */
function prefixUpperBound(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

function ftsQuery(words: string[]): string {
  return words.map((w) => `"${w.replace(/"/g, '""')}"`).join(" AND ");
}

function wordsPredicate(words: string[], subject: Expression<string>): Expression<SqlBool> {
  const parts = words.map((w) => sql`${subject} like ${`%${likeEscape(w)}%`} escape '\\'`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/** The text query as a condition an index can serve (prefix ranges compare bytes on PostgreSQL, as indexed). */
function indexPredicate(text: TextQuery, dialect: DialectName): Expression<SqlBool> | null {
  const c = dialect === "postgres" ? sql` collate "C"` : sql``;
  switch (text.kind) {
    case "none":
      return null;
    case "id":
      return sql<SqlBool>`(id${c} >= ${text.prefix} and id${c} < ${prefixUpperBound(text.prefix)})`;
    case "email":
      return sql<SqlBool>`(lower(email)${c} >= ${text.prefix} and lower(email)${c} < ${prefixUpperBound(text.prefix)})`;
    case "namePrefix":
      return sql<SqlBool>`(${nameKeySql} >= ${text.prefix} and ${nameKeySql} < ${prefixUpperBound(text.prefix)})`;
    case "words":
      return wordsPredicate(text.words, searchTextSql);
  }
}

/**
 * The text query as a per-row check while walking a sort index. Deliberately not indexable (`substr`, `+`, `|| ''`)
 * so neither planner swaps the walk for a text-index range plus a sort of many rows.
 */
function scanPredicate(text: TextQuery): Expression<SqlBool> | null {
  switch (text.kind) {
    case "none":
      return null;
    case "id":
      return sql<SqlBool>`substr(id, 1, ${text.prefix.length}) = ${text.prefix}`;
    case "email":
      return sql<SqlBool>`substr(lower(email), 1, ${text.prefix.length}) = ${text.prefix}`;
    case "namePrefix":
      return sql<SqlBool>`substr(${nameKeySql}, 1, ${text.prefix.length}) = ${text.prefix}`;
    case "words":
      return wordsPredicate(text.words, sql<string>`(${searchTextSql} || '')`);
  }
}

/**
 * Up to cap + 1 keys (SQLite rowids, PostgreSQL ids) of rows matching the text, through its index; unsorted, so it
 * stops early on a common term.
 */
async function probe(handle: SearchHandle, text: TextQuery, cap: number): Promise<(number | string)[]> {
  const { db, dialect } = handle;
  const limit = cap + 1;
  if (text.kind === "words" && dialect === "sqlite") {
    const result = await sql<{ key: number }>`select rowid as key from stripe_accounts_fts
      where stripe_accounts_fts match ${ftsQuery(text.words)} limit ${limit}`.execute(db);
    return result.rows.map((r) => r.key);
  }
  const predicate = indexPredicate(text, dialect);
  if (!predicate) return [];
  const key = dialect === "sqlite" ? sql`rowid` : sql`id`;
  const result = await sql<{
    key: number | string;
  }>`select ${key} as key from stripe_accounts where ${predicate} limit ${limit}`.execute(db);
  return result.rows.map((r) => r.key);
}

export async function searchAccounts(
  input: AccountSearchInput,
  handle: SearchHandle = getDbHandle(),
  /** Tests lower the cap to exercise both SQLite strategies on a small table. */
  options: { probeCap?: number } = {},
): Promise<AccountSearchResult> {
  const { db, dialect } = handle;
  const sort = input.sort ?? "created";
  const dir = input.dir ?? defaultDirection(sort);
  const limit = Math.min(Math.max(1, input.limit ?? 50), MAX_PAGE_SIZE);
  const text = parseTextQuery(input.q);
  const cursor = decodeCursor(input.cursor, sort);
  const key = sortKey[sort];

  let plan: AccountSearchResult["plan"] = text.kind === "none" ? "index" : "planner";
  let candidates: (number | string)[] | null = null;
  // PostgreSQL's estimates are good for trigram words but not for prefix ranges (a short id prefix would have it walk
  // most of a sort index), so those take the probe too.
  if (text.kind !== "none" && (dialect === "sqlite" || text.kind !== "words")) {
    const cap = options.probeCap ?? PROBE_CAP;
    const keys = await probe(handle, text, cap);
    if (keys.length <= cap) {
      plan = "probe";
      candidates = keys;
      if (keys.length === 0) return { rows: [], nextCursor: null, prevCursor: null, plan };
    } else {
      plan = "scan";
    }
  }

  let query = db
    .selectFrom("stripe_accounts")
    .select([
      "id",
      "business_name",
      "email",
      "country",
      "created",
      "status",
      "charges_enabled",
      "payouts_enabled",
      "details_submitted",
      "currently_due_count",
      "past_due_count",
      "eventually_due_count",
      "disabled_reason",
      "dashboard_type",
      "tenant_id",
      "tenant_name",
      "stripe_updated_at",
    ])
    .select(sql<string | number>`${key}`.as("sort_key"));
  if (candidates) {
    query =
      dialect === "postgres"
        ? query.where(sql<SqlBool>`id = any(${candidates.map(String)}::text[])`)
        : query.where(sql<SqlBool>`rowid in (select value from json_each(${JSON.stringify(candidates)}))`);
  } else {
    const predicate = plan === "planner" ? indexPredicate(text, dialect) : scanPredicate(text);
    if (predicate) query = query.where(predicate);
  }
  if (input.filter) query = query.where("status", "=", filterStatus[input.filter]);
  // A page before the cursor is read walking the other way, then put back in the list's order.
  const backward = cursor?.b === true;
  const walk: SortDirection = backward ? (dir === "desc" ? "asc" : "desc") : dir;
  if (cursor) {
    query = query.where(
      walk === "desc"
        ? sql<SqlBool>`(${key}, id) < (${cursor.k}, ${cursor.i})`
        : sql<SqlBool>`(${key}, id) > (${cursor.k}, ${cursor.i})`,
    );
  }
  const rows = await query
    .orderBy(sql`${key}`, walk)
    .orderBy("id", walk)
    .limit(limit + 1)
    .execute();

  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (backward) page.reverse();
  const boundary = (row: (typeof page)[number] | undefined, before?: true) =>
    row
      ? encodeCursor({
          k: sort === "name" ? String(row.sort_key) : Number(row.sort_key),
          i: row.id,
          ...(before ? { b: before } : {}),
        })
      : null;
  // Forward: a next page when more rows follow, a previous one whenever a cursor brought us here. Backward: the
  // page we came from is next, and a previous page when more rows precede.
  const nextCursor = backward || more ? boundary(page.at(-1)) : null;
  const prevCursor = (backward ? more : cursor !== null) ? boundary(page[0], true) : null;
  return {
    plan,
    nextCursor,
    prevCursor,
    rows: page.map((r) => ({
      id: r.id,
      businessName: r.business_name,
      email: r.email,
      country: r.country,
      created: Number(r.created),
      status: r.status,
      chargesEnabled: r.charges_enabled === 1,
      payoutsEnabled: r.payouts_enabled === 1,
      detailsSubmitted: r.details_submitted === 1,
      currentlyDueCount: Number(r.currently_due_count),
      pastDueCount: Number(r.past_due_count),
      eventuallyDueCount: Number(r.eventually_due_count),
      disabledReason: r.disabled_reason,
      dashboardType: r.dashboard_type,
      tenantId: r.tenant_id,
      tenantName: r.tenant_name,
      stripeUpdatedAt: Number(r.stripe_updated_at),
    })),
  };
}

export interface AccountCounts {
  byStatus: Record<AccountFilter, number>;
  total: number;
  /** A common search term: more than PROBE_CAP accounts match, so the figures are left out ("many"). */
  capped: boolean;
}

function emptyCounts(): Record<AccountFilter, number> {
  return { enabled: 0, onboarding: 0, restricted: 0, rejected: 0 };
}

/**
 * How many accounts each filter of the console holds, for the search in the text box. Without one, read from the
 * counts the mirror's triggers keep (migration 0013); with one, counted over its matches when they are few (the same
 * capped probe the search uses), otherwise reported as capped.
 */
export async function countAccounts(
  q: string | undefined,
  handle: SearchHandle = getDbHandle(),
  options: { probeCap?: number } = {},
): Promise<AccountCounts> {
  const { db, dialect } = handle;
  const byStatus = emptyCounts();
  const text = parseTextQuery(q);
  if (text.kind === "none") {
    for (const row of await db.selectFrom("account_status_counts").select(["status", "count"]).execute()) {
      if (Object.hasOwn(byStatus, row.status)) byStatus[row.status as AccountFilter] = Number(row.count);
    }
  } else {
    const cap = options.probeCap ?? PROBE_CAP;
    const keys = await probe(handle, text, cap);
    if (keys.length > cap) return { byStatus, total: 0, capped: true };
    if (keys.length > 0) {
      const match =
        dialect === "postgres"
          ? sql<SqlBool>`id = any(${keys.map(String)}::text[])`
          : sql<SqlBool>`rowid in (select value from json_each(${JSON.stringify(keys)}))`;
      const rows = await db
        .selectFrom("stripe_accounts")
        .select(["status", sql<number | string>`count(*)`.as("count")])
        .where(match)
        .groupBy("status")
        .execute();
      for (const row of rows) {
        if (Object.hasOwn(byStatus, row.status)) byStatus[row.status as AccountFilter] = Number(row.count);
      }
    }
  }
  const total = Object.values(byStatus).reduce((sum, n) => sum + n, 0);
  return { byStatus, total, capped: false };
}
