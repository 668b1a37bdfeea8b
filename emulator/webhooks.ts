import { createHmac } from "node:crypto";
import type { WebhookEndpointConfig } from "./config";
import { newId, Rng } from "./ids";
import type { StripeEvent } from "./objects";
import { thinPayload, type ThinEvent } from "./v2/thin-events";

/** An event destination (`/v2/core/event_destinations`, the control API, or the CLI's environment). */
export type EventDestinationRecord = {
  id: string;
  name: string;
  description: string;
  url: string;
  /** Signs every delivery (`whsec_…`), like a webhook endpoint's secret. */
  secret: string;
  enabled_events: string[];
  event_payload: "thin" | "snapshot";
  /** `self` (the platform's own events) and/or `other_accounts` (connected accounts'). */
  events_from: string[];
  status: "enabled" | "disabled";
  metadata: Record<string, string>;
  snapshot_api_version: string | null;
  created: number;
  updated: number;
};

/** A delivery in waiting (paused webhooks) or to be redelivered: a v1 snapshot event or a v2 thin one. */
type Item = { kind: "v1"; event: StripeEvent } | { kind: "thin"; event: ThinEvent };
type Target = { url: string; secret: string };

export type Delivery = {
  id: string;
  event_id: string;
  event_type: string;
  account: string | null;
  endpoint_url: string;
  attempt: number;
  status: number | null;
  error: string | null;
  delivered_at: number;
  duration_ms: number;
};

/** Stripe's signature scheme: `t=<unix>,v1=<hex HMAC-SHA256(secret, "t.payload")>`. */
export function signPayload(
  payload: string,
  secret: string,
  timestamp = Math.floor(Date.now() / 1000),
): string {
  const sig = createHmac("sha256", secret).update(`${timestamp}.${payload}`).digest("hex");
  return `t=${timestamp},v1=${sig}`;
}

export class WebhookDispatcher {
  endpoints: (WebhookEndpointConfig & { id: string })[] = [];
  destinations: EventDestinationRecord[] = [];
  deliveries: Delivery[] = [];
  private timers = new Set<NodeJS.Timeout>();
  private inflight = 0;
  paused = false;
  private held: Item[] = [];

  constructor(
    private retryDelaysMs: number[],
    private lookup: (eventId: string) => StripeEvent | undefined,
    private lookupThin: (eventId: string) => ThinEvent | undefined = () => undefined,
  ) {}

  setEndpoints(list: WebhookEndpointConfig[]): void {
    this.endpoints = list.map((e) => ({ ...e, id: newId("we") }));
  }

  addEndpoint(e: WebhookEndpointConfig, id = newId("we")): WebhookEndpointConfig & { id: string } {
    const ep = { ...e, id };
    this.endpoints.push(ep);
    return ep;
  }

  /** The destinations of one payload kind that take a type from the platform (`self`) or a connected account. */
  private destinationsFor(payload: "thin" | "snapshot", type: string, connected: boolean): Target[] {
    return this.destinations.filter(
      (d) =>
        d.status === "enabled" &&
        d.event_payload === payload &&
        (d.enabled_events.includes("*") || d.enabled_events.includes(type)) &&
        d.events_from.includes(connected ? "other_accounts" : "self"),
    );
  }

  /** Whether any thin destination takes this type (thin `v1.*` events are only made for someone). */
  wantsThin(type: string, connected: boolean): boolean {
    return this.destinationsFor("thin", type, connected).length > 0;
  }

  private targets(item: Item): Target[] {
    if (item.kind === "thin")
      return this.destinationsFor("thin", item.event.type, item.event.context !== undefined);
    const event = item.event;
    const connected = event.account !== undefined;
    return [
      ...this.endpoints.filter(
        (e) =>
          (e.connect ?? false) === connected &&
          (!e.enabledEvents || e.enabledEvents.includes("*") || e.enabledEvents.includes(event.type)),
      ),
      ...this.destinationsFor("snapshot", event.type, connected),
    ];
  }

  private send(item: Item, targets: Target[] = this.targets(item)): void {
    for (const t of targets) void this.deliver(item, t, 1);
  }

  /** Called for every new event. */
  dispatch(event: StripeEvent): void {
    const item: Item = { kind: "v1", event };
    const targets = this.targets(item);
    event.pending_webhooks = targets.length;
    this.queue(item, targets);
  }

  /** Called for every new v2 event; `only` sends it to one destination (a ping). */
  dispatchThin(event: ThinEvent, only?: EventDestinationRecord): void {
    const item: Item = { kind: "thin", event };
    this.queue(item, only ? [only] : this.targets(item));
  }

  private queue(item: Item, targets: Target[]): void {
    if (targets.length === 0) return;
    if (this.paused) {
      this.held.push(item);
      return;
    }
    // After the response is written, like Stripe's asynchronous delivery.
    setImmediate(() => this.send(item, targets));
  }

  /** Releases events held while paused, in the given order. */
  release(order: "original" | "reversed" | "shuffled", seed = 1): number {
    const items = this.held;
    this.held = [];
    this.paused = false;
    const ordered = orderEvents(items, order, seed);
    for (const item of ordered) this.send(item);
    return ordered.length;
  }

  /** Sends the given events again (`times` copies each), in the given order. */
  redeliver(
    eventIds: string[],
    times: number,
    order: "original" | "reversed" | "shuffled",
    seed = 1,
  ): number {
    const items: Item[] = [];
    for (const id of eventIds) {
      const v1 = this.lookup(id);
      const thin = v1 ? undefined : this.lookupThin(id);
      if (v1) items.push({ kind: "v1", event: v1 });
      else if (thin) items.push({ kind: "thin", event: thin });
    }
    const batch: Item[] = [];
    for (const e of items) for (let i = 0; i < times; i++) batch.push(e);
    const ordered = orderEvents(batch, order, seed);
    for (const item of ordered) this.send(item);
    return ordered.length;
  }

  private async deliver(item: Item, ep: Target, attempt: number): Promise<void> {
    const event = item.event;
    const payload = JSON.stringify(item.kind === "thin" ? thinPayload(item.event) : item.event, null, 2);
    const started = Date.now();
    const record: Delivery = {
      id: newId("whd"),
      event_id: event.id,
      event_type: event.type,
      account: item.kind === "thin" ? (item.event.context ?? null) : (item.event.account ?? null),
      endpoint_url: ep.url,
      attempt,
      status: null,
      error: null,
      delivered_at: Math.floor(started / 1000),
      duration_ms: 0,
    };
    this.inflight++;
    try {
      const res = await fetch(ep.url, {
        method: "POST",
        headers: {
          "content-type": "application/json; charset=utf-8",
          "stripe-signature": signPayload(payload, ep.secret),
          "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        },
        body: payload,
        signal: AbortSignal.timeout(10_000),
      });
      record.status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (err) {
      record.error = err instanceof Error ? err.message : String(err);
    } finally {
      this.inflight--;
    }
    record.duration_ms = Date.now() - started;
    this.deliveries.push(record);
    if (this.deliveries.length > 5000) this.deliveries.splice(0, this.deliveries.length - 5000);
    const ok = record.status !== null && record.status >= 200 && record.status < 300;
    const delay = this.retryDelaysMs[attempt - 1];
    if (!ok && delay !== undefined) {
      const t = setTimeout(() => {
        this.timers.delete(t);
        void this.deliver(item, ep, attempt + 1);
      }, delay);
      t.unref();
      this.timers.add(t);
    }
  }

  get busy(): number {
    return this.inflight;
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

function orderEvents<T>(events: T[], order: "original" | "reversed" | "shuffled", seed: number): T[] {
  const out = [...events];
  if (order === "reversed") return out.reverse();
  if (order === "shuffled") {
    const rng = new Rng(seed);
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      const a = out[i];
      const b = out[j];
      if (a === undefined || b === undefined) continue;
      out[i] = b;
      out[j] = a;
    }
  }
  return out;
}
