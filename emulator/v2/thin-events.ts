/**
 * API v2 events (`v2.core.event`): the full event `GET /v2/core/events/:id` answers, and the thin notification
 * event destinations receive (the same without `data`/`changes`, which `fetchEvent()` brings).
 */
import type { JsonObject } from "../json";
import type { StripeEvent } from "../objects";

export type RelatedObject = { id: string; type: string; url: string };

export type ThinEvent = {
  id: string;
  object: "v2.core.event";
  type: string;
  created: string;
  livemode: false;
  /** The connected account the event happened on (absent for the platform's own events). */
  context?: string;
  related_object?: RelatedObject;
  data?: JsonObject;
  reason?: { type: "request"; request: { id: string; idempotency_key: string } };
  /** Unix seconds of `created`, for ordering and `created` filters (internal). */
  createdUnix: number;
};

/** What a destination is sent: the event without its data (the thin payload). */
export function thinPayload(e: ThinEvent): JsonObject {
  const out: JsonObject = {
    id: e.id,
    object: e.object,
    type: e.type,
    created: e.created,
    livemode: e.livemode,
  };
  if (e.context) out.context = e.context;
  if (e.related_object) out.related_object = e.related_object;
  if (e.reason) out.reason = e.reason;
  return out;
}

/** The full event, as `GET /v2/core/events/:id` answers it. */
export function renderThinEvent(e: ThinEvent): JsonObject {
  const out = thinPayload(e);
  if (e.data) out.data = e.data;
  return out;
}

/** v1 snapshot events of connected accounts' activity that also exist as thin `v1.*` events. */
const V1_URL: Record<string, (o: JsonObject, account: string | undefined) => string | undefined> = {
  account: (o) => `/v1/accounts/${String(o.id)}`,
  capability: (o, a) => (a ? `/v1/accounts/${a}/capabilities/${String(o.id)}` : undefined),
  payout: (o) => `/v1/payouts/${String(o.id)}`,
  dispute: (o) => `/v1/disputes/${String(o.id)}`,
  charge: (o) => `/v1/charges/${String(o.id)}`,
  refund: (o) => `/v1/refunds/${String(o.id)}`,
  transfer: (o) => `/v1/transfers/${String(o.id)}`,
  payment_intent: (o) => `/v1/payment_intents/${String(o.id)}`,
  customer: (o) => `/v1/customers/${String(o.id)}`,
  application_fee: (o) => `/v1/application_fees/${String(o.id)}`,
  balance: () => "/v1/balance",
  "tax.settings": () => "/v1/tax/settings",
};

/** Thin `v1.*` types without a related object in stripe-node's declarations. */
const NO_RELATED = new Set([
  "v1.account.external_account.created",
  "v1.account.external_account.deleted",
  "v1.account.external_account.updated",
]);

/** The thin `v1.<type>` event for a v1 snapshot event, or undefined when v2 has none. */
export function thinTypeFor(event: StripeEvent): { type: string; related?: RelatedObject } | undefined {
  const type = `v1.${event.type}`;
  if (NO_RELATED.has(type)) return { type };
  const o = event.data.object;
  if (typeof o !== "object" || o === null || Array.isArray(o)) return undefined;
  const objectType = typeof o.object === "string" ? o.object : "";
  const url = V1_URL[objectType]?.(o, event.account);
  if (!url) return undefined;
  return { type, related: { id: typeof o.id === "string" ? o.id : objectType, type: objectType, url } };
}
