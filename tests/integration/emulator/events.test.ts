import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../../emulator/index";
import { control, enabledAccount, requests, useEmulator } from "./helpers";

// This file moves the emulator's clock forward, so it runs in its own process (vitest forks per file).
let emu: RunningEmulator;
let stripe: Stripe;

useEmulator(
  (e, s) => {
    emu = e;
    stripe = s;
  },
  { disputeResolutionSeconds: 60 },
);

describe("events, time and the request log", () => {
  it("decides disputes from Stripe's evidence markers once their time comes", async () => {
    const a = await enabledAccount(stripe, emu.url);
    const pi = await stripe.paymentIntents.create(
      { amount: 8000, currency: "usd", payment_method: "pm_card_createDispute", confirm: true },
      { stripeAccount: a },
    );
    const dp = (await stripe.disputes.list({ payment_intent: pi.id }, { stripeAccount: a })).data[0];
    if (!dp) throw new Error("no dispute");
    const before = await stripe.balance.retrieve({}, { stripeAccount: a });
    await stripe.disputes.update(
      dp.id,
      { evidence: { uncategorized_text: "winning_evidence" } },
      { stripeAccount: a },
    );
    expect((await stripe.disputes.retrieve(dp.id, {}, { stripeAccount: a })).status).toBe("under_review");
    await control(emu.url, "POST", "time/advance", { seconds: 61 });
    const won = await stripe.disputes.retrieve(dp.id, {}, { stripeAccount: a });
    expect(won.status).toBe("won");
    expect(won.balance_transactions).toHaveLength(2);
    const after = await stripe.balance.retrieve({}, { stripeAccount: a });
    // The 8,000 come back (the charge's own funds also became available meanwhile, so compare totals).
    const total = (b: Stripe.Balance) => (b.available[0]?.amount ?? 0) + (b.pending[0]?.amount ?? 0);
    expect(total(after) - total(before)).toBe(8000);
    const types = (await stripe.events.list({ limit: 100 }, { stripeAccount: a })).data.map((e) => e.type);
    for (const t of [
      "charge.dispute.created",
      "charge.dispute.funds_withdrawn",
      "charge.dispute.updated",
      "charge.dispute.funds_reinstated",
      "charge.dispute.closed",
      "balance.available",
    ])
      expect(types).toContain(t);
  });

  it("lists events of the last 30 days only, and filters the request log", async () => {
    const a = await enabledAccount(stripe, emu.url);
    const c = await stripe.customers.create({ email: "old@example.com" }, { stripeAccount: a });
    const created = (await stripe.events.list({ type: "customer.*" }, { stripeAccount: a })).data;
    expect(created.map((e) => e.type)).toEqual(["customer.created"]);
    const evId = created[0]?.id ?? "";
    await control(emu.url, "POST", "time/advance", { seconds: 31 * 86400 });
    const later = await stripe.events.list({ type: "customer.*" }, { stripeAccount: a });
    expect(later.data).toEqual([]);
    await expect(stripe.events.retrieve(evId, {}, { stripeAccount: a })).rejects.toThrow(/No such event/);
    // The customer itself is still there.
    expect((await stripe.customers.retrieve(c.id, {}, { stripeAccount: a })).id).toBe(c.id);

    const since = Math.floor(Date.now() / 1000) - 5;
    const log = await requests(emu.url, `?account=${a}&method=POST&path=/v1/customers&since=${since}`);
    expect(log).toHaveLength(1);
    expect(log[0]?.params).toEqual({ email: "old@example.com" });
    expect(log[0]?.idempotency_key).toMatch(/^stripe-node-retry-/);
    const wildcard = await requests(emu.url, `?account=${a}&path=/v1/events*`);
    expect(wildcard.length).toBeGreaterThanOrEqual(3);
  });
});
