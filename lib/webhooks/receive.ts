import "server-only";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import Stripe from "stripe";
import type { DB } from "../db/schema";
import {
  decideReceipt,
  eventEnvelopeSchema,
  thinEventAccount,
  thinEventSchema,
  type StripeMode,
} from "./routing";

export type ReceiveOutcome =
  | { ok: false; reason: "missing_signature" | "invalid_signature" | "invalid_payload" }
  | {
      ok: true;
      eventId: string;
      type: string;
      accountId: string | null;
      /** Already recorded by an earlier (or a concurrent) delivery: nothing more to do. */
      duplicate: boolean;
      status: "pending" | "ignored";
    };

export interface ReceiveDeps {
  db: Kysely<DB>;
  stripe: Stripe;
  webhookSecret: string;
  mode: StripeMode;
  log: Logger;
  now?: number;
}

/** Stripe's default tolerance: a signature more than 5 minutes old (or ahead) is refused, so a replay is useless. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * stripe-node only refuses signatures that are too old; one dated too far ahead is refused here, so the 300 s
 * window holds both ways.
 */
function signedWithinWindow(signature: string, now: number | undefined): boolean {
  const timestamp = Number(/(?:^|,)\s*t=(\d+)/.exec(signature)?.[1] ?? Number.NaN);
  const nowSeconds = Math.floor((now ?? Date.now()) / 1000);
  return Number.isFinite(timestamp) && timestamp - nowSeconds <= SIGNATURE_TOLERANCE_SECONDS;
}

/**
 * Records a verified event durably, snapshot or thin alike. The event id is the primary key, so a duplicate
 * delivery — even a concurrent one on another instance — inserts nothing and is reported as such.
 */
async function recordEvent(
  event: { id: string; type: string; livemode: boolean; account: string | null; createdMs: number },
  rawBody: string,
  deps: Pick<ReceiveDeps, "db" | "mode" | "log" | "now">,
): Promise<ReceiveOutcome> {
  const decision = decideReceipt(event, deps.mode);
  const now = deps.now ?? Date.now();
  const result = await deps.db
    .insertInto("webhook_events")
    .values({
      id: event.id,
      type: event.type,
      account_id: event.account,
      livemode: event.livemode ? 1 : 0,
      created: event.createdMs,
      payload: rawBody,
      status: decision.status,
      attempts: 0,
      locked_until: null,
      last_error: decision.status === "ignored" ? decision.reason : null,
      received_at: now,
      processed_at: decision.status === "ignored" ? now : null,
    })
    .onConflict((oc) => oc.column("id").doNothing())
    .executeTakeFirst();
  const duplicate = Number(result.numInsertedOrUpdatedRows ?? 0) === 0;
  if (!duplicate && decision.status === "ignored") {
    // An event type the endpoint was not meant to get is routine; a wrong mode or a missing account is not.
    const level = decision.reason === "unhandled_type" ? "info" : "warn";
    deps.log[level](
      {
        event: "webhook.ignored",
        eventId: event.id,
        type: event.type,
        accountId: event.account,
        reason: decision.reason,
      },
      "webhook event ignored",
    );
  }
  return {
    ok: true,
    eventId: event.id,
    type: event.type,
    accountId: event.account,
    duplicate,
    status: decision.status,
  };
}

type Rejection = Extract<ReceiveOutcome, { ok: false }>;

/**
 * Runs the SDK's check of the signature over the raw body (`verify`), then the 300 s window both ways; answers what
 * `verify` returned, or why the delivery is refused.
 */
function verifyDelivery(
  verify: () => unknown,
  signature: string,
  now: number | undefined,
): { ok: true; value: unknown } | Rejection {
  let value: unknown;
  try {
    value = verify();
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
      return { ok: false, reason: "invalid_signature" };
    }
    // A correctly signed body that is not JSON.
    return { ok: false, reason: "invalid_payload" };
  }
  if (!signedWithinWindow(signature, now)) return { ok: false, reason: "invalid_signature" };
  return { ok: true, value };
}

/** Verifies a snapshot-event delivery against the raw body and records it; nothing is written unless it is valid. */
export async function receiveWebhook(
  rawBody: string,
  signature: string | null,
  deps: ReceiveDeps,
): Promise<ReceiveOutcome> {
  if (!signature) return { ok: false, reason: "missing_signature" };
  const verified = verifyDelivery(
    () =>
      deps.stripe.webhooks.constructEvent(
        rawBody,
        signature,
        deps.webhookSecret,
        SIGNATURE_TOLERANCE_SECONDS,
      ),
    signature,
    deps.now,
  );
  if (!verified.ok) return verified;
  const parsed = eventEnvelopeSchema.safeParse(verified.value);
  if (!parsed.success) return { ok: false, reason: "invalid_payload" };
  const event = parsed.data;
  return recordEvent(
    {
      id: event.id,
      type: event.type,
      livemode: event.livemode,
      account: event.account ?? null,
      createdMs: event.created * 1000,
    },
    rawBody,
    deps,
  );
}

export interface ReceiveThinDeps extends Omit<ReceiveDeps, "webhookSecret"> {
  /** The event destination's signing secret; null refuses every delivery. */
  eventDestinationSecret: string | null;
}

/**
 * A thin event from the Accounts v2 event destination: verified and parsed with the SDK's
 * `parseEventNotification`, then recorded in the same store as snapshot events (keyed by the event id, so a
 * duplicate inserts nothing) and processed by the same per-account queue, oldest first.
 */
export async function receiveThinEvent(
  rawBody: string,
  signature: string | null,
  deps: ReceiveThinDeps,
): Promise<ReceiveOutcome> {
  const secret = deps.eventDestinationSecret;
  if (!signature || !secret) return { ok: false, reason: "missing_signature" };
  const verified = verifyDelivery(
    () => deps.stripe.parseEventNotification(rawBody, signature, secret, SIGNATURE_TOLERANCE_SECONDS),
    signature,
    deps.now,
  );
  if (!verified.ok) return verified;
  // Verified above (the SDK's notification turns `context` into an object and adds fetch methods): the stored and
  // checked form is the body as Stripe sent it.
  const parsed = thinEventSchema.safeParse(JSON.parse(rawBody));
  if (!parsed.success) return { ok: false, reason: "invalid_payload" };
  const event = parsed.data;
  return recordEvent(
    {
      id: event.id,
      type: event.type,
      livemode: event.livemode,
      account: thinEventAccount(event),
      createdMs: Date.parse(event.created),
    },
    rawBody,
    deps,
  );
}
