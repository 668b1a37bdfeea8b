import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../../emulator/index";
import { SANDBOX_WEBHOOK_SECRET } from "../../../emulator/sandbox-keys";
import { control, enabledAccount, stripeFor, waitFor } from "./helpers";

type Received = { body: string; signature: string };

let emu: RunningEmulator;
let stripe: Stripe;
let receiver: Server;
let receiverUrl = "";
const received: Received[] = [];
let failNext = 0;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(500).end();
        return;
      }
      received.push({
        body: Buffer.concat(chunks).toString("utf8"),
        signature: String(req.headers["stripe-signature"] ?? ""),
      });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`;
  emu = await startEmulator({
    port: 0,
    rateLimitPerSecond: 0,
    quiet: true,
    webhookRetryDelaysMs: [100, 200],
    webhookEndpoints: [{ url: receiverUrl, secret: SANDBOX_WEBHOOK_SECRET, connect: true }],
  });
  stripe = stripeFor(emu.port);
});
afterAll(async () => {
  await emu.stop();
  await new Promise<void>((r) => receiver.close(() => r()));
});

/** Waits until no delivery happened for a moment, so earlier events do not leak into the next assertion. */
async function quiet(): Promise<void> {
  let last = -1;
  for (;;) {
    const d = await control<{ data: unknown[] }>(emu.url, "GET", "webhook_deliveries");
    if (d.data.length === last) return;
    last = d.data.length;
    await new Promise((r) => setTimeout(r, 250));
  }
}

function events(): Stripe.Event[] {
  return received.map((r) => stripe.webhooks.constructEvent(r.body, r.signature, SANDBOX_WEBHOOK_SECRET));
}

describe("webhooks", () => {
  it("delivers connected-account events signed so constructEvent verifies them", async () => {
    const a = await enabledAccount(stripe, emu.url);
    await stripe.paymentIntents.create(
      { amount: 1200, currency: "usd", payment_method: "pm_card_visa", confirm: true },
      { stripeAccount: a },
    );
    const succeeded = await waitFor(() => events().find((e) => e.type === "payment_intent.succeeded"));
    expect(succeeded.account).toBe(a);
    expect(succeeded.api_version).toBe("2026-10-28.endive");
    const data = succeeded.data.object as Stripe.PaymentIntent;
    expect(data.amount).toBe(1200);
    expect(events().some((e) => e.type === "account.updated" && e.account === a)).toBe(true);
    // A wrong secret fails verification.
    const first = received[0];
    if (!first) throw new Error("nothing received");
    expect(() => stripe.webhooks.constructEvent(first.body, first.signature, "whsec_wrong")).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    // The event is retrievable through the API with the account header.
    const ev = await stripe.events.retrieve(succeeded.id, {}, { stripeAccount: a });
    expect(ev.id).toBe(succeeded.id);
    const deliveries = await control<{ data: { event_id: string; status: number }[] }>(
      emu.url,
      "GET",
      `webhook_deliveries?event_id=${succeeded.id}`,
    );
    expect(deliveries.data[0]?.status).toBe(200);
  });

  it("retries failed deliveries with backoff", async () => {
    const a = await enabledAccount(stripe, emu.url);
    await quiet();
    received.length = 0;
    failNext = 2;
    const c = await stripe.customers.create({ email: "retry@example.com" }, { stripeAccount: a });
    const ev = await waitFor(() =>
      events().find((e) => e.type === "customer.created" && (e.data.object as Stripe.Customer).id === c.id),
    );
    const deliveries = await control<{ data: { attempt: number; status: number }[] }>(
      emu.url,
      "GET",
      `webhook_deliveries?event_id=${ev.id}`,
    );
    expect(deliveries.data.map((d) => [d.attempt, d.status])).toEqual([
      [1, 500],
      [2, 500],
      [3, 200],
    ]);
  });

  it("endpoints created through /v1/webhook_endpoints get their own secret and event filter", async () => {
    const ep = await stripe.webhookEndpoints.create({
      url: receiverUrl,
      enabled_events: ["customer.created"],
      connect: true,
    });
    expect(ep.secret).toMatch(/^whsec_/);
    const a = await enabledAccount(stripe, emu.url);
    await quiet();
    received.length = 0;
    const c = await stripe.customers.create({ email: "filtered@example.com" }, { stripeAccount: a });
    await waitFor(() => (received.length >= 2 ? true : undefined));
    await quiet();
    // One copy signed with the sandbox secret (control endpoint), one with the new endpoint's secret.
    const verified = received.filter((r) => {
      try {
        const e = stripe.webhooks.constructEvent(r.body, r.signature, ep.secret ?? "");
        return e.type === "customer.created" && (e.data.object as Stripe.Customer).id === c.id;
      } catch {
        return false;
      }
    });
    expect(verified).toHaveLength(1);
    await stripe.webhookEndpoints.del(ep.id);
  });

  it("redelivers, duplicates and reorders deliveries on request", async () => {
    const a = await enabledAccount(stripe, emu.url);
    await quiet();
    received.length = 0;
    await control(emu.url, "POST", "webhooks/pause");
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await stripe.customers.create({ email: `o${i}@example.com` }, { stripeAccount: a })).id);
    expect(received).toHaveLength(0);
    await control(emu.url, "POST", "webhooks/release", { order: "reversed" });
    await waitFor(() => (received.length >= 3 ? true : undefined));
    const order = events().map((e) => (e.data.object as Stripe.Customer).id);
    expect(order).toEqual([...ids].reverse());

    received.length = 0;
    const evId = events()[0]?.id;
    await control(emu.url, "POST", "webhooks/redeliver", {
      event_ids: [],
      last: 3,
      times: 2,
      order: "shuffled",
      seed: 7,
    });
    await waitFor(() => (received.length >= 6 ? true : undefined));
    const got = events().map((e) => e.id);
    expect(new Set(got).size).toBe(3);
    expect(got).toHaveLength(6);
    void evId;
  });
});
