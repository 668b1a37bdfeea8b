import "server-only";
import { sql, type ExpressionBuilder, type Kysely } from "kysely";
import type { Logger } from "pino";
import type Stripe from "stripe";
import type { DialectName } from "../db/dialect";
import type { DB } from "../db/schema";
import { handleEvent, type HandlerContext, type HandlerOutcome } from "./handlers";
import { CLAIM_MS, MAX_ATTEMPTS, eventEnvelopeSchema, retryDelayMs, thinEventSchema } from "./routing";
import { handleThinEvent } from "./thin-events";

/**
 * Asynchronous processing of recorded events. Each event is claimed atomically (pending → processing with a lease),
 * so two instances never process the same one; one account's events are processed one at a time, oldest first; a
 * lease that ran out (its instance died) makes the event claimable again; failures are retried a bounded number of
 * times with growing delays, then left as `failed`.
 */

export interface ProcessDeps extends HandlerContext {
  dialect: DialectName;
}

/** Events that may be taken now: new ones, retries whose delay has passed, and abandoned claims. */
function claimable(now: number) {
  return (eb: ExpressionBuilder<DB, "webhook_events">) =>
    eb.or([
      eb.and([
        eb("webhook_events.status", "=", "pending"),
        eb.or([eb("webhook_events.locked_until", "is", null), eb("webhook_events.locked_until", "<=", now)]),
      ]),
      eb.and([
        eb("webhook_events.status", "in", ["processing", "failed"]),
        eb("webhook_events.attempts", "<", MAX_ATTEMPTS),
        eb("webhook_events.locked_until", "is not", null),
        eb("webhook_events.locked_until", "<=", now),
      ]),
    ]);
}

interface Claimed {
  id: string;
  payload: string;
  attempts: number;
}

type ClaimResult = { kind: "claimed"; event: Claimed } | { kind: "none" } | { kind: "busy" };

async function claimNext(deps: ProcessDeps, accountId: string): Promise<ClaimResult> {
  const now = Date.now();
  const candidate = await deps.db
    .selectFrom("webhook_events")
    .select(["id", "payload", "attempts"])
    .where("account_id", "=", accountId)
    .where(claimable(now))
    .orderBy("created", "asc")
    .orderBy("id", "asc")
    .limit(1)
    .executeTakeFirst();
  if (!candidate) return { kind: "none" };
  const claimed = await deps.db.transaction().execute(async (trx) => {
    if (deps.dialect === "postgres") {
      // Serialises claims per account across instances, so the "nothing else of this account is in flight" check
      // below cannot pass on two instances at once.
      await sql`select pg_advisory_xact_lock(hashtextextended(${`portico-webhooks:${accountId}`}, 0))`.execute(
        trx,
      );
    }
    const result = await trx
      .updateTable("webhook_events")
      .set({
        status: "processing",
        locked_until: now + CLAIM_MS,
        attempts: sql<number>`attempts + 1`,
      })
      .where("id", "=", candidate.id)
      .where(claimable(now))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("webhook_events as other")
              .select("other.id")
              .where("other.account_id", "=", accountId)
              .where("other.status", "=", "processing")
              .where("other.locked_until", ">", now)
              .where("other.id", "!=", candidate.id),
          ),
        ),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  });
  if (!claimed) return { kind: "busy" };
  return { kind: "claimed", event: { ...candidate, attempts: candidate.attempts + 1 } };
}

async function finish(
  deps: ProcessDeps,
  event: Claimed,
  values: {
    status: "processed" | "ignored" | "failed";
    last_error: string | null;
    locked_until: number | null;
  },
): Promise<void> {
  const now = Date.now();
  await deps.db
    .updateTable("webhook_events")
    .set({ ...values, processed_at: values.status === "failed" ? null : now })
    .where("id", "=", event.id)
    .where("status", "=", "processing")
    // Still our claim: a lease that ran out and was taken again has a higher attempt count.
    .where("attempts", "=", event.attempts)
    .execute();
}

async function processClaimed(deps: ProcessDeps, event: Claimed, log: Logger): Promise<void> {
  try {
    const raw: unknown = JSON.parse(event.payload);
    const thin = thinEventSchema.safeParse(raw);
    let outcome: HandlerOutcome;
    let type: string;
    if (thin.success) {
      // A thin event (Accounts v2 destination): same queue, its related object fetched by its handler.
      outcome = await handleThinEvent(thin.data, deps);
      type = thin.data.type;
    } else {
      const envelope = eventEnvelopeSchema.parse(raw);
      // The envelope was checked above; the SDK's own type describes the rest of the stored body.
      outcome = await handleEvent(envelope, raw as Stripe.Event, deps);
      type = envelope.type;
    }
    await finish(deps, event, {
      status: outcome.status,
      last_error: outcome.note ?? null,
      locked_until: null,
    });
    log.debug(
      { event: "webhook.processed", eventId: event.id, type, status: outcome.status },
      "webhook event processed",
    );
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const exhausted = event.attempts >= MAX_ATTEMPTS;
    await finish(deps, event, {
      status: "failed",
      last_error: message.slice(0, 500),
      // A failed event with a lease time is retried after it; without one it is given up on.
      locked_until: exhausted ? null : Date.now() + retryDelayMs(event.attempts),
    });
    log.error(
      { event: "webhook.failed", eventId: event.id, attempts: event.attempts, exhausted, err: error },
      "webhook event processing failed",
    );
  }
}

/**
 * Processes one account's claimable events in `created` order until none is left, another instance is busy with
 * the account, or the time budget is spent (the sweeper picks up the rest). Returns how many were processed.
 */
export async function processAccountEvents(
  deps: ProcessDeps,
  accountId: string,
  options: { budgetMs?: number } = {},
): Promise<number> {
  const until = Date.now() + (options.budgetMs ?? 30_000);
  const log = deps.log.child({ accountId });
  let count = 0;
  while (Date.now() < until) {
    const next = await claimNext(deps, accountId);
    if (next.kind !== "claimed") break;
    await processClaimed(deps, next.event, log);
    count += 1;
  }
  return count;
}

/** Accounts with events waiting (new, due for retry, or abandoned by a dead instance). */
export async function accountsWithWork(db: Kysely<DB>, limit = 50): Promise<string[]> {
  const rows = await db
    .selectFrom("webhook_events")
    .select("account_id")
    .distinct()
    .where("account_id", "is not", null)
    .where(claimable(Date.now()))
    .limit(limit)
    .execute();
  return rows.flatMap((row) => (row.account_id ? [row.account_id] : []));
}

/** Claims whose lease ran out after the last allowed attempt: give up on them visibly. */
export async function failAbandonedEvents(db: Kysely<DB>): Promise<number> {
  const result = await db
    .updateTable("webhook_events")
    .set({ status: "failed", last_error: "abandoned: the processing instance stopped", locked_until: null })
    .where("status", "=", "processing")
    .where("attempts", ">=", MAX_ATTEMPTS)
    .where("locked_until", "<=", Date.now())
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
