import "server-only";
import type { Kysely } from "kysely";
import Stripe from "stripe";
import type { DB } from "../db/schema";
import { classifyStripeError } from "../stripe/call";
import { z } from "zod";
import { upsertMirroredAccounts, type AnyAccount } from "./mirror";
import { V2_ACCOUNT_INCLUDE } from "./v2-account-facts";
import type { SyncProgress } from "./sync-progress";
import { sleep, TokenBucket } from "./token-bucket";

/**
 * `npm run stripe:sync`: pages through every connected account of the platform into the mirror. It keeps under
 * Stripe's rate limit with an adaptive token bucket (a 429 page is retried, never skipped), and persists its cursor
 * and counts after every page, so an interrupted run resumes where it stopped. A finished run clears that state.
 */

/**
 * On an Accounts v2 platform the list answers ids without requirements or configurations, so each page is listed and
 * then every account on it retrieved with `include` (V2_ACCOUNT_INCLUDE), all requests drawing on the one token
 * bucket and several retrieves in flight so the rate limit, not latency, sets the pace. A fully read account costs
 * 1 + 1/100 requests, so the bound is `ratePerSecond / 1.01` accounts/s (about 24.75/s at Stripe's 25/s). The
 * resume cursor is the list's `next_page_url`.
 */
export const V2_REQUESTS_PER_ACCOUNT = 1 + 1 / 100;

export const SYNC_STATE_ID = "accounts";
export const DEFAULT_RATE_PER_SECOND = 20;
const PAGE_SIZE = 100;
/** Transient failures (connection, 5xx, lock timeouts) of one page before giving up. */
const MAX_TRANSIENT_RETRIES = 4;

export interface BackfillDeps {
  stripe: Stripe;
  db: Kysely<DB>;
  ratePerSecond?: number;
  /** Tokens that may accumulate (a short burst); 1 by default. */
  burst?: number;
  onProgress?: (progress: SyncProgress) => void;
  signal?: AbortSignal;
  /** Forget an unfinished run and start from the first page. */
  restart?: boolean;
  /** The platform's connected-account API (lib/connect/accounts-api.ts); v1 by default. */
  api?: "v1" | "v2";
  /** v2: retrieves in flight at once (the bucket still paces them). */
  concurrency?: number;
}

const v2PageSchema = z.object({
  data: z.array(z.looseObject({ id: z.string() })),
  next_page_url: z.string().nullable(),
});

export interface BackfillResult {
  completed: boolean;
  /** Totals including the run this one resumed. */
  pages: number;
  accounts: number;
  /** Pages and accounts written by this call. */
  pagesThisRun: number;
  accountsThisRun: number;
  resumedFrom: string | null;
  rateLimited: number;
  durationMs: number;
}

/** A failure the operator can act on, with a message that says what to do. */
export class BackfillError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "BackfillError";
  }
}

function describeFailure(error: unknown): BackfillError {
  if (error instanceof Stripe.errors.StripeAuthenticationError) {
    return new BackfillError(
      "Stripe refused the API key (401). Check STRIPE_SECRET_KEY: it must be the platform's secret or restricted key with read access to connected accounts.",
      { cause: error },
    );
  }
  if (error instanceof Stripe.errors.StripePermissionError) {
    return new BackfillError(
      "The API key may not list connected accounts (403). Use a key with read access to Connect accounts.",
      { cause: error },
    );
  }
  if (error instanceof Stripe.errors.StripeConnectionError) {
    return new BackfillError(
      `Stripe could not be reached (the connection failed or timed out). Check the network (or, in sandbox mode, that the emulator is running: npm run emulator), then run again: the sync resumes where it stopped.`,
      { cause: error },
    );
  }
  if (error instanceof Stripe.errors.StripeError) {
    return new BackfillError(
      `Stripe answered ${error.statusCode ?? "an error"}: ${error.message}. Run again to resume where it stopped.`,
      { cause: error },
    );
  }
  return new BackfillError(error instanceof Error ? error.message : String(error), { cause: error });
}

interface Page {
  accounts: AnyAccount[];
  hasMore: boolean;
  fetchedAt: number;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

export async function runBackfill(deps: BackfillDeps): Promise<BackfillResult> {
  const { db, stripe, signal } = deps;
  const started = Date.now();
  const bucket = new TokenBucket({
    ratePerSecond: deps.ratePerSecond ?? DEFAULT_RATE_PER_SECOND,
    burst: deps.burst ?? 1,
  });
  let rateLimited = 0;

  if (deps.restart) await db.deleteFrom("stripe_sync_state").where("id", "=", SYNC_STATE_ID).execute();
  const saved = await db
    .selectFrom("stripe_sync_state")
    .selectAll()
    .where("id", "=", SYNC_STATE_ID)
    .executeTakeFirst();
  const resumedFrom = saved?.cursor ?? null;
  let cursor = resumedFrom;
  let pages = saved ? Number(saved.pages) : 0;
  let accounts = saved ? Number(saved.accounts) : 0;
  const runStartedAt = saved ? Number(saved.started_at) : started;
  let pagesThisRun = 0;
  let accountsThisRun = 0;
  // The mirror's size before the run is the best estimate of the total (Stripe's lists have no count).
  const mirrored = await db
    .selectFrom("stripe_accounts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  const estimatedTotal = Number(mirrored?.n ?? 0) > 0 ? Number(mirrored?.n) : null;

  const progress = (done: boolean): SyncProgress => ({
    accounts,
    pages,
    accountsThisRun,
    elapsedMs: Date.now() - started,
    estimatedTotal: estimatedTotal === null ? null : Math.max(estimatedTotal, accounts),
    rateLimited,
    resumed: resumedFrom !== null,
    done,
  });
  const result = (completed: boolean): BackfillResult => ({
    completed,
    pages,
    accounts,
    pagesThisRun,
    accountsThisRun,
    resumedFrom,
    rateLimited,
    durationMs: Date.now() - started,
  });

  /** One request under the bucket: a 429 is retried (never skipped) after the backoff, transient failures a few times. */
  async function paced<T>(request: () => Promise<T>): Promise<T> {
    let transient = 0;
    for (;;) {
      await bucket.take(signal);
      try {
        const value = await request();
        bucket.onSuccess();
        return value;
      } catch (error) {
        const verdict = classifyStripeError(error);
        if (verdict === "rate_limited") {
          rateLimited += 1;
          bucket.onRateLimited();
          continue;
        }
        if (verdict === "retry" && transient < MAX_TRANSIENT_RETRIES) {
          transient += 1;
          await sleep(500 * 2 ** (transient - 1) * (0.5 + Math.random() / 2), signal);
          continue;
        }
        throw describeFailure(error);
      }
    }
  }

  const requestOptions = { maxNetworkRetries: 0, timeout: 30_000 } as const;

  /** v2: one list page (ids only), then each account retrieved with `include`, `concurrency` at a time. */
  async function fetchV2Page(pageUrl: string | null): Promise<Page & { next: string | null }> {
    const listed = v2PageSchema.parse(
      pageUrl
        ? await paced(() => stripe.rawRequest("GET", pageUrl, undefined, requestOptions))
        : await paced(() => stripe.v2.core.accounts.list({ limit: PAGE_SIZE }, requestOptions)),
    );
    const fetchedAt = Date.now();
    const ids = listed.data.map((item) => item.id);
    const accountsRead: AnyAccount[] = new Array<AnyAccount>(ids.length);
    let nextIndex = 0;
    const worker = async () => {
      while (nextIndex < ids.length && !signal?.aborted) {
        const index = nextIndex++;
        const id = ids[index];
        if (id === undefined) continue;
        accountsRead[index] = await paced(() =>
          stripe.v2.core.accounts.retrieve(id, { include: V2_ACCOUNT_INCLUDE }, requestOptions),
        );
      }
    };
    await Promise.all(Array.from({ length: Math.min(deps.concurrency ?? 8, ids.length) }, worker));
    if (signal?.aborted) throw new DOMException("aborted", "AbortError");
    return {
      accounts: accountsRead,
      hasMore: listed.next_page_url !== null,
      fetchedAt,
      next: listed.next_page_url,
    };
  }

  async function fetchPage(after: string | null): Promise<Page> {
    // The state's version is when the request that answered was sent (a retried one restarts the clock).
    let fetchedAt = 0;
    const list = await paced(() => {
      fetchedAt = Date.now();
      return stripe.accounts.list(
        { limit: PAGE_SIZE, ...(after ? { starting_after: after } : {}) },
        requestOptions,
      );
    });
    return { accounts: list.data, hasMore: list.has_more, fetchedAt };
  }

  async function writePage(page: Page, nextCursor: string | null): Promise<void> {
    const ids = page.accounts.map((a) => a.id);
    await db.transaction().execute(async (trx) => {
      const tenants =
        ids.length > 0
          ? await trx
              .selectFrom("tenants")
              .select(["id", "stripe_account_id"])
              .where("stripe_account_id", "in", ids)
              .execute()
          : [];
      const tenantOf = new Map(tenants.map((t) => [t.stripe_account_id, t.id]));
      // Versioned by the fetch time: newer state from a webhook is never rolled back.
      await upsertMirroredAccounts(
        page.accounts.map((account) => ({ account, tenantId: tenantOf.get(account.id) ?? null })),
        page.fetchedAt,
        trx,
      );
      const now = Date.now();
      await trx
        .insertInto("stripe_sync_state")
        .values({
          id: SYNC_STATE_ID,
          cursor: nextCursor,
          pages: pages + 1,
          accounts: accounts + page.accounts.length,
          started_at: runStartedAt,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc.column("id").doUpdateSet({
            cursor: nextCursor,
            pages: pages + 1,
            accounts: accounts + page.accounts.length,
            updated_at: now,
          }),
        )
        .execute();
    });
    pages += 1;
    accounts += page.accounts.length;
    pagesThisRun += 1;
    accountsThisRun += page.accounts.length;
  }

  if (deps.api === "v2") {
    try {
      deps.onProgress?.(progress(false));
      // A cursor left by a v1 run is an account id, not a v2 page: start the v2 list from its first page.
      let pageUrl = cursor?.startsWith("/v2/") ? cursor : null;
      let next: Promise<Settled<Page & { next: string | null }>> | null = settle(fetchV2Page(pageUrl));
      while (next) {
        const fetched: Settled<Page & { next: string | null }> = await next;
        if (!fetched.ok) throw fetched.error;
        const page: Page & { next: string | null } = fetched.value;
        // List the next page while this one's accounts are written; its retrieves share the bucket.
        next = page.next && !signal?.aborted ? settle(fetchV2Page(page.next)) : null;
        await writePage(page, page.next ?? pageUrl);
        pageUrl = page.next;
        deps.onProgress?.(progress(false));
        if (signal?.aborted) {
          if (next) await next;
          return result(false);
        }
      }
      await db.deleteFrom("stripe_sync_state").where("id", "=", SYNC_STATE_ID).execute();
      deps.onProgress?.(progress(true));
      return result(true);
    } catch (error) {
      if (signal?.aborted) return result(false);
      throw error instanceof BackfillError ? error : describeFailure(error);
    }
  }

  try {
    deps.onProgress?.(progress(false));
    let next: Promise<Settled<Page>> | null = settle(fetchPage(cursor));
    while (next) {
      const fetched: Settled<Page> = await next;
      if (!fetched.ok) throw fetched.error;
      const page: Page = fetched.value;
      const pageCursor = page.accounts.at(-1)?.id ?? cursor;
      // Fetch the next page while this one is written: the rate limit, not the database, sets the pace.
      next = page.hasMore && pageCursor && !signal?.aborted ? settle(fetchPage(pageCursor)) : null;
      await writePage(page, pageCursor);
      cursor = pageCursor;
      deps.onProgress?.(progress(false));
      if (signal?.aborted) {
        if (next) await next;
        return result(false);
      }
      if (!page.hasMore) break;
    }
    await db.deleteFrom("stripe_sync_state").where("id", "=", SYNC_STATE_ID).execute();
    deps.onProgress?.(progress(true));
    return result(true);
  } catch (error) {
    if (signal?.aborted) return result(false);
    throw error instanceof BackfillError ? error : describeFailure(error);
  }
}
