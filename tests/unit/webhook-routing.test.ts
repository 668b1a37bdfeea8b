import { describe, expect, it } from "vitest";
import {
  decideReceipt,
  eventEnvelopeSchema,
  expectedLivemode,
  handlerFor,
  retryDelayMs,
} from "@/lib/webhooks/routing";
import {
  disputeHref,
  formatStripeAmount,
  knownPayoutFailure,
  parseNoticeContent,
} from "@/lib/tenancy/notice-payloads";

describe("webhook routing decisions", () => {
  it("expects live events only with live keys", () => {
    expect(expectedLivemode("live")).toBe(true);
    expect(expectedLivemode("test")).toBe(false);
    expect(expectedLivemode("sandbox")).toBe(false);
  });

  it("queues a handled event of the deployment's mode for an account", () => {
    expect(decideReceipt({ type: "account.updated", livemode: false, account: "acct_1" }, "sandbox")).toEqual(
      {
        status: "pending",
      },
    );
    expect(decideReceipt({ type: "payout.failed", livemode: true, account: "acct_1" }, "live")).toEqual({
      status: "pending",
    });
  });

  it("ignores the wrong mode, a missing account and unsubscribed types", () => {
    expect(decideReceipt({ type: "account.updated", livemode: true, account: "acct_1" }, "test")).toEqual({
      status: "ignored",
      reason: "livemode_mismatch",
    });
    expect(decideReceipt({ type: "account.updated", livemode: false, account: "acct_1" }, "live")).toEqual({
      status: "ignored",
      reason: "livemode_mismatch",
    });
    expect(decideReceipt({ type: "account.updated", livemode: false, account: null }, "sandbox")).toEqual({
      status: "ignored",
      reason: "no_account",
    });
    expect(
      decideReceipt({ type: "customer.created", livemode: false, account: "acct_1" }, "sandbox"),
    ).toEqual({
      status: "ignored",
      reason: "unhandled_type",
    });
  });

  it("maps each subscribed type to its handler", () => {
    expect(handlerFor("account.updated")).toBe("account_updated");
    expect(handlerFor("capability.updated")).toBe("capability_updated");
    expect(handlerFor("account.application.deauthorized")).toBe("account_deauthorized");
    expect(handlerFor("payout.failed")).toBe("payout_failed");
    expect(handlerFor("charge.dispute.created")).toBe("dispute_created");
    expect(handlerFor("person.updated")).toBe("acknowledge");
    expect(handlerFor("payment_intent.succeeded")).toBe("acknowledge");
    expect(handlerFor("toString")).toBeNull();
    expect(handlerFor("charge.refunded")).toBeNull();
  });

  it("validates the envelope", () => {
    const event = {
      id: "evt_123",
      object: "event",
      type: "account.updated",
      created: 1_700_000_000,
      livemode: false,
      account: "acct_123",
      data: { object: { id: "acct_123" } },
    };
    expect(eventEnvelopeSchema.safeParse(event).success).toBe(true);
    expect(eventEnvelopeSchema.safeParse({ ...event, id: "x" }).success).toBe(false);
    expect(eventEnvelopeSchema.safeParse({ ...event, account: "not an account" }).success).toBe(false);
    expect(eventEnvelopeSchema.safeParse({ ...event, created: "yesterday" }).success).toBe(false);
  });

  it("retries with growing, bounded delays", () => {
    expect(retryDelayMs(1)).toBe(5_000);
    expect(retryDelayMs(2)).toBe(20_000);
    expect(retryDelayMs(10)).toBe(600_000);
  });
});

describe("notice payloads", () => {
  it("formats Stripe amounts in the minor unit", () => {
    expect(formatStripeAmount(12_000, "usd", "en-US")).toBe("$120.00");
    expect(formatStripeAmount(4_500, "usd", "en-US")).toBe("$45.00");
    expect(formatStripeAmount(500, "jpy", "en-US")).toBe("¥500");
    expect(formatStripeAmount(4_500, "eur", "fr-FR")).toMatch(/^45,00\s€$/);
  });

  it("links a dispute to its payment when the id is a payment's", () => {
    expect(disputeHref({ paymentIntentId: "pi_123456789", chargeId: "ch_123456789" })).toBe(
      "/payments/pi_123456789",
    );
    expect(disputeHref({ paymentIntentId: null, chargeId: "ch_123456789" })).toBe("/payments/ch_123456789");
    expect(disputeHref({ paymentIntentId: null, chargeId: null })).toBe("/disputes");
    expect(disputeHref({ paymentIntentId: "../admin", chargeId: null })).toBe("/disputes");
  });

  it("reads stored payloads defensively", () => {
    expect(parseNoticeContent("payout_failed", "not json")).toBeNull();
    expect(parseNoticeContent("unknown", "{}")).toBeNull();
    expect(parseNoticeContent("dispute_created", JSON.stringify({ amount: 1 }))).toBeNull();
    expect(knownPayoutFailure("no_account")).toBe("no_account");
    expect(knownPayoutFailure("something_new")).toBeNull();
  });
});
