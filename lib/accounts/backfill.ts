import "server-only";
import type { Kysely } from "kysely";
import Stripe from "stripe";
import type { DB } from "../db/schema";
import { classifyStripeError } from "../stripe/call";
import { upsertMirroredAccounts } from "./mirror";
import type { SyncProgress } from "./sync-progress";
import { sleep, TokenBucket } from "./token-bucket";

/**
 * `npm run stripe:sync`: pages through every connected account of the platform into the mirror. It keeps under
 * Stripe's rate limit with an adaptive token bucket (a 429 page is retried, never skipped), and persists its cursor
 * and counts after every page, so an interrupted run resumes where it stopped. A finished run clears that state.
 */

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
}

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
  accounts: Stripe.Account[];
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

  async function fetchPage(after: string | null): Promise<Page> {
    let transient = 0;
    for (;;) {
      await bucket.take(signal);
      const fetchedAt = Date.now();
      try {
        const list = await stripe.accounts.list(
          { limit: PAGE_SIZE, ...(after ? { starting_after: after } : {}) },
          { maxNetworkRetries: 0, timeout: 30_000 },
        );
        bucket.onSuccess();
        return { accounts: list.data, hasMore: list.has_more, fetchedAt };
      } catch (error) {
        const verdict = classifyStripeError(error);
        if (verdict === "rate_limited") {
          // Retried (never skipped) once the bucket's backoff has passed.
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
