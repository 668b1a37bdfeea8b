import "server-only";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type Stripe from "stripe";
import { z } from "zod";
import { markAccountDeauthorized, upsertMirroredAccount } from "../accounts/mirror";
import type { DB } from "../db/schema";
import { retrieveAccountForMirror } from "../connect/connected-accounts";
import type { NoticeContent } from "../tenancy/notice-payloads";
import { insertTenantNotice } from "../tenancy/notices";
import { findTenantByStripeAccount } from "../tenancy/queries";
import { mailOwnersAboutEvent } from "./owner-mails";
import { handlerFor, type EventEnvelope } from "./routing";

export interface HandlerContext {
  db: Kysely<DB>;
  log: Logger;
  stripe: () => Stripe;
}

export type HandlerOutcome = { status: "processed" | "ignored"; note?: string };

export interface ResolvedAccount {
  known: boolean;
  tenantId: string | null;
  /** The mirror's version of the account (ms), when it holds one. */
  versionMs: number | null;
}

/** The account named by the event's top-level `account`: in the mirror, or linked to a tenant (WH-4). */
export async function resolveAccount(db: Kysely<DB>, accountId: string): Promise<ResolvedAccount> {
  const mirrored = await db
    .selectFrom("stripe_accounts")
    .select(["id", "tenant_id", "stripe_updated_at"])
    .where("id", "=", accountId)
    .executeTakeFirst();
  const tenantId = mirrored?.tenant_id ?? (await findTenantByStripeAccount(accountId, db))?.id ?? null;
  return {
    known: mirrored !== undefined || tenantId !== null,
    tenantId,
    versionMs: mirrored ? Number(mirrored.stripe_updated_at) : null,
  };
}

const idOrObject = z
  .union([z.string(), z.looseObject({ id: z.string() })])
  .nullish()
  .transform((value) => (value == null ? null : typeof value === "string" ? value : value.id));

const accountObjectSchema = z.looseObject({ object: z.literal("account"), id: z.string() });

export const payoutSchema = z.looseObject({
  object: z.literal("payout"),
  id: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  failure_code: z.string().nullish(),
  failure_message: z.string().nullish(),
  arrival_date: z.number().int().nullish(),
});

export const disputeSchema = z.looseObject({
  object: z.literal("dispute"),
  id: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  reason: z.string(),
  charge: idOrObject,
  payment_intent: idOrObject,
  evidence_details: z.looseObject({ due_by: z.number().int().nullish() }).nullish(),
});

export function payoutFailedNotice(payout: z.infer<typeof payoutSchema>): NoticeContent {
  return {
    kind: "payout_failed",
    payload: {
      payoutId: payout.id,
      amount: payout.amount,
      currency: payout.currency,
      failureCode: payout.failure_code ?? null,
      failureMessage: payout.failure_message ?? null,
      arrivalDate: payout.arrival_date ?? null,
    },
  };
}

export function disputeCreatedNotice(dispute: z.infer<typeof disputeSchema>): NoticeContent {
  return {
    kind: "dispute_created",
    payload: {
      disputeId: dispute.id,
      chargeId: dispute.charge,
      paymentIntentId: dispute.payment_intent,
      amount: dispute.amount,
      currency: dispute.currency,
      reason: dispute.reason,
      dueBy: dispute.evidence_details?.due_by ?? null,
    },
  };
}

/**
 * The tenant's notice and its owners' mails, in one transaction: both are there, or (the processing failed and will
 * be retried) neither. Each is keyed by the event id, so a retry or a redelivery adds nothing.
 */
export async function noticeAndMails(
  ctx: HandlerContext,
  tenantId: string,
  eventId: string,
  createdAt: number,
  content: NoticeContent,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await insertTenantNotice({ tenantId, eventId, createdAt, ...content }, trx);
    await mailOwnersAboutEvent(trx, { tenantId, eventId, content });
  });
}

/**
 * Applies one verified, recorded event. The tenant comes only from `event.account`; ids inside `data.object` never
 * choose it. Throws on a transient failure (Stripe or the database), so the event is retried.
 */
export async function handleEvent(
  event: EventEnvelope,
  raw: Stripe.Event,
  ctx: HandlerContext,
): Promise<HandlerOutcome> {
  const kind = handlerFor(event.type);
  const accountId = event.account;
  if (!kind || !accountId) return { status: "ignored", note: "not handled" };
  const resolved = await resolveAccount(ctx.db, accountId);
  if (!resolved.known) {
    ctx.log.warn(
      { event: "webhook.unknown_account", eventId: event.id, type: event.type, accountId },
      "webhook event for an account this platform does not know",
    );
    return { status: "ignored", note: "unknown account" };
  }
  const versionMs = event.created * 1000;

  switch (kind) {
    case "acknowledge":
      return { status: "processed" };

    case "v2_account_changed":
      // Only thin events (lib/webhooks/thin-events.ts) have these types.
      return { status: "ignored", note: "a thin event type in a snapshot event" };

    case "account_updated": {
      const object = accountObjectSchema.safeParse(event.data.object);
      if (!object.success || object.data.id !== accountId || raw.type !== "account.updated") {
        return { status: "ignored", note: "data.object is not the event's account" };
      }
      // Versioned by the event's time: a stale event never overwrites newer state (WH-5).
      const changed = await upsertMirroredAccount(raw.data.object, versionMs, {
        tenantId: resolved.tenantId,
        db: ctx.db,
      });
      return { status: "processed", ...(changed ? {} : { note: "older than the state held" }) };
    }

    case "capability_updated": {
      // The capability object alone does not say how the account's state changed: read the account as it is now —
      // unless the mirror already holds a read started after this event (a change fires several of these at once).
      if (resolved.versionMs !== null && resolved.versionMs >= versionMs + 1000) {
        return { status: "processed", note: "mirror already newer" };
      }
      const fetchedAt = Date.now();
      const account = await retrieveAccountForMirror(
        accountId,
        { deadlineMs: 15_000, rateLimitBudgetMs: 5_000 },
        ctx.stripe(),
      );
      if (account.id !== accountId) return { status: "ignored", note: "fetched a different account" };
      await upsertMirroredAccount(account, fetchedAt, { tenantId: resolved.tenantId, db: ctx.db });
      return { status: "processed" };
    }

    case "account_deauthorized": {
      // Nothing newer can come from an account that has disconnected, so the mark is stamped with the time of
      // processing: an older account.updated arriving late cannot clear it.
      await markAccountDeauthorized(accountId, Math.max(versionMs, Date.now()));
      ctx.log.info(
        { event: "webhook.account_deauthorized", accountId, tenantId: resolved.tenantId },
        "connected account deauthorized the platform",
      );
      return { status: "processed" };
    }

    case "payout_failed": {
      if (!resolved.tenantId) return { status: "ignored", note: "no tenant to notify" };
      const payout = payoutSchema.safeParse(event.data.object);
      if (!payout.success) return { status: "ignored", note: "data.object is not a payout" };
      await noticeAndMails(ctx, resolved.tenantId, event.id, versionMs, payoutFailedNotice(payout.data));
      return { status: "processed" };
    }

    case "dispute_created": {
      if (!resolved.tenantId) return { status: "ignored", note: "no tenant to notify" };
      const dispute = disputeSchema.safeParse(event.data.object);
      if (!dispute.success) return { status: "ignored", note: "data.object is not a dispute" };
      await noticeAndMails(ctx, resolved.tenantId, event.id, versionMs, disputeCreatedNotice(dispute.data));
      return { status: "processed" };
    }
  }
}
