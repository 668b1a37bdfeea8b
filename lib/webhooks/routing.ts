import { z } from "zod";

/**
 * Pure decisions about a verified webhook event: which envelope is acceptable, whether the deployment's mode matches,
 * and what processing the event type gets. Kept free of I/O so it is unit-tested directly.
 */

/** The parts of Stripe's event envelope Portico relies on; everything else is stored as received. */
export const eventEnvelopeSchema = z.looseObject({
  id: z.string().regex(/^evt_[A-Za-z0-9_]+$/),
  object: z.literal("event"),
  type: z.string().min(1).max(200),
  created: z.number().int().nonnegative(),
  livemode: z.boolean(),
  account: z
    .string()
    .regex(/^acct_[A-Za-z0-9]+$/)
    .nullish(),
  data: z.looseObject({ object: z.unknown() }),
});
export type EventEnvelope = z.infer<typeof eventEnvelopeSchema>;

/**
 * A thin event (event destinations, Accounts v2 platforms): no object snapshot, only what changed and where. The
 * account is the event's `context` (the last segment: the account acted for), or the related object itself for
 * `v2.core.account*` events, which Stripe sends to the platform without a context.
 */
export const thinEventSchema = z.looseObject({
  id: z.string().regex(/^evt_[A-Za-z0-9_]+$/),
  object: z.literal("v2.core.event"),
  type: z.string().min(1).max(200),
  created: z.iso.datetime({ offset: true }),
  livemode: z.boolean(),
  context: z
    .string()
    .regex(/^acct_[A-Za-z0-9_]+(\/acct_[A-Za-z0-9_]+)*$/)
    .nullish(),
  related_object: z
    .looseObject({ id: z.string().min(1).max(255), type: z.string().min(1).max(100) })
    .nullish(),
});
export type ThinEvent = z.infer<typeof thinEventSchema>;

export function thinEventAccount(event: Pick<ThinEvent, "context" | "related_object">): string | null {
  if (event.context) return event.context.split("/").at(-1) ?? null;
  if (event.related_object?.type === "v2.core.account") return event.related_object.id;
  return null;
}

export type StripeMode = "sandbox" | "test" | "live";

/** Live keys receive live events only; sandbox and test deployments receive test events only. */
export function expectedLivemode(mode: StripeMode): boolean {
  return mode === "live";
}

export type HandlerKind =
  | "account_updated"
  | "capability_updated"
  | "account_deauthorized"
  | "payout_failed"
  | "dispute_created"
  | "v2_account_changed"
  | "acknowledge";

const handlers: Record<string, HandlerKind> = {
  "account.updated": "account_updated",
  "capability.updated": "capability_updated",
  "account.application.deauthorized": "account_deauthorized",
  "payout.failed": "payout_failed",
  "charge.dispute.created": "dispute_created",
  // Subscribed (WH-7) but nothing to do yet beyond recording them.
  "person.updated": "acknowledge",
  "account.external_account.updated": "acknowledge",
  "payment_intent.succeeded": "acknowledge",
  // Thin events of the Accounts v2 destination: each account change is read back from Stripe with `include`.
  "v2.core.account.created": "v2_account_changed",
  "v2.core.account.updated": "v2_account_changed",
  "v2.core.account.closed": "v2_account_changed",
  "v2.core.account[requirements].updated": "v2_account_changed",
  "v2.core.account[defaults].updated": "v2_account_changed",
  "v2.core.account[identity].updated": "v2_account_changed",
  "v2.core.account[configuration.merchant].updated": "v2_account_changed",
  "v2.core.account[configuration.recipient].updated": "v2_account_changed",
  "v2.core.account[configuration.merchant].capability_status_updated": "v2_account_changed",
  "v2.core.account[configuration.recipient].capability_status_updated": "v2_account_changed",
  "v2.core.account_link.returned": "v2_account_changed",
  // Thin forms of v1's account events (Stripe sends them for connected accounts too): the same re-read.
  "v1.account.updated": "v2_account_changed",
  "v1.capability.updated": "v2_account_changed",
  // Disputes and payouts on a v2 platform: thin v1 events on the same destination (one pipeline, one order).
  "v1.payout.failed": "payout_failed",
  "v1.charge.dispute.created": "dispute_created",
  "v1.account.application.deauthorized": "account_deauthorized",
};

/** The event types the thin-event destination subscribes to (docs/deploy.md registers it with these). */
export const THIN_EVENT_TYPES = Object.keys(handlers).filter((type) => /^v[12]\./.test(type));

export function handlerFor(type: string): HandlerKind | null {
  return Object.hasOwn(handlers, type) ? (handlers[type] ?? null) : null;
}

export type ReceiptDecision =
  | { status: "pending" }
  | { status: "ignored"; reason: "livemode_mismatch" | "no_account" | "unhandled_type" };

/** What receipt does with a verified event: queue it for processing, or record it as ignored straight away. */
export function decideReceipt(
  event: Pick<EventEnvelope, "type" | "livemode" | "account">,
  mode: StripeMode,
): ReceiptDecision {
  if (event.livemode !== expectedLivemode(mode)) return { status: "ignored", reason: "livemode_mismatch" };
  // A Connect endpoint's events name their account at the top level; that is the only way to a tenant (WH-4).
  if (!event.account) return { status: "ignored", reason: "no_account" };
  if (!handlerFor(event.type)) return { status: "ignored", reason: "unhandled_type" };
  return { status: "pending" };
}

export const MAX_ATTEMPTS = 5;
/** How long a claim holds an event; a claim older than this is stale (its instance died) and is taken again. */
export const CLAIM_MS = 60_000;

/** Delay before retrying an event that failed `attempts` times: 5 s, 20 s, 80 s, … capped at 10 min. */
export function retryDelayMs(attempts: number): number {
  return Math.min(10 * 60_000, 5_000 * 4 ** Math.max(0, attempts - 1));
}
