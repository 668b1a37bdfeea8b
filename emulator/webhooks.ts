import { createHmac } from "node:crypto";
import type { WebhookEndpointConfig } from "./config";
import { newId, Rng } from "./ids";
import type { StripeEvent } from "./objects";

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
  deliveries: Delivery[] = [];
  private timers = new Set<NodeJS.Timeout>();
  private inflight = 0;
  paused = false;
  private held: StripeEvent[] = [];

  constructor(
    private retryDelaysMs: number[],
    private lookup: (eventId: string) => StripeEvent | undefined,
  ) {}

  setEndpoints(list: WebhookEndpointConfig[]): void {
    this.endpoints = list.map((e) => ({ ...e, id: newId("we") }));
  }

  addEndpoint(e: WebhookEndpointConfig, id = newId("we")): WebhookEndpointConfig & { id: string } {
    const ep = { ...e, id };
    this.endpoints.push(ep);
    return ep;
  }

  private targets(event: StripeEvent) {
    const connected = event.account !== undefined;
    return this.endpoints.filter(
      (e) =>
        (e.connect ?? false) === connected &&
        (!e.enabledEvents || e.enabledEvents.includes("*") || e.enabledEvents.includes(event.type)),
    );
  }

  /** Called for every new event. */
  dispatch(event: StripeEvent): void {
    const targets = this.targets(event);
    event.pending_webhooks = targets.length;
    if (targets.length === 0) return;
    if (this.paused) {
      this.held.push(event);
      return;
    }
    // After the response is written, like Stripe's asynchronous delivery.
    setImmediate(() => {
      for (const ep of targets) void this.deliver(event, ep, 1);
    });
  }

  /** Releases events held while paused, in the given order. */
  release(order: "original" | "reversed" | "shuffled", seed = 1): number {
    const events = this.held;
    this.held = [];
    this.paused = false;
    const ordered = orderEvents(events, order, seed);
    for (const ev of ordered) for (const ep of this.targets(ev)) void this.deliver(ev, ep, 1);
    return ordered.length;
  }

  /** Sends the given events again (`times` copies each), in the given order. */
  redeliver(
    eventIds: string[],
    times: number,
    order: "original" | "reversed" | "shuffled",
    seed = 1,
  ): number {
    const events = eventIds.map((id) => this.lookup(id)).filter((e): e is StripeEvent => e !== undefined);
    const batch: StripeEvent[] = [];
    for (const e of events) for (let i = 0; i < times; i++) batch.push(e);
    const ordered = orderEvents(batch, order, seed);
    for (const ev of ordered) for (const ep of this.targets(ev)) void this.deliver(ev, ep, 1);
    return ordered.length;
  }

  private async deliver(event: StripeEvent, ep: WebhookEndpointConfig, attempt: number): Promise<void> {
    const payload = JSON.stringify(event, null, 2);
    const started = Date.now();
    const record: Delivery = {
      id: newId("whd"),
      event_id: event.id,
      event_type: event.type,
      account: event.account ?? null,
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
        void this.deliver(event, ep, attempt + 1);
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

function orderEvents(
  events: StripeEvent[],
  order: "original" | "reversed" | "shuffled",
  seed: number,
): StripeEvent[] {
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
