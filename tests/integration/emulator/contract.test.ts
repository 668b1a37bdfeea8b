import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../../emulator/index";
import { SANDBOX_SECRET_KEY } from "../../../emulator/sandbox-keys";
import { PLATFORM_CONTROLLED, control, enabledAccount, requests, stripeFor, useEmulator } from "./helpers";

let emu: RunningEmulator;
let stripe: Stripe;

useEmulator((e, s) => {
  emu = e;
  stripe = s;
});

function stripeError(e: unknown): Stripe.errors.StripeError {
  expect(e).toBeInstanceOf(Stripe.errors.StripeError);
  if (!(e instanceof Stripe.errors.StripeError)) throw e;
  return e;
}

async function fails(p: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await p;
  } catch (e) {
    return stripeError(e);
  }
  throw new Error("expected the call to fail");
}

describe("accounts", () => {
  it("creates a controller-properties account with currently_due requirements", async () => {
    const acct = await stripe.accounts.create({
      ...PLATFORM_CONTROLLED,
      email: "owner@example.com",
      business_profile: { name: "Cedar Books" },
      metadata: { tenant: "t1" },
    });
    expect(acct.id).toMatch(/^acct_/);
    expect(acct.object).toBe("account");
    expect(acct.controller?.requirement_collection).toBe("application");
    expect(acct.controller?.stripe_dashboard?.type).toBe("none");
    expect(acct.controller?.type).toBe("application");
    expect(acct.type).toBe("custom");
    expect(acct.charges_enabled).toBe(false);
    expect(acct.payouts_enabled).toBe(false);
    expect(acct.requirements?.currently_due).toContain("external_account");
    expect(acct.capabilities?.card_payments).toBe("inactive");
    expect(acct.metadata).toEqual({ tenant: "t1" });

    const got = await stripe.accounts.retrieve(acct.id);
    expect(got.id).toBe(acct.id);
    expect(got.email).toBe("owner@example.com");
  });

  it("rejects invalid controller combinations and unknown capabilities", async () => {
    const e = await fails(
      stripe.accounts.create({
        controller: { losses: { payments: "application" }, fees: { payer: "account" } },
      }),
    );
    expect(e.statusCode).toBe(400);
    expect(e.param).toBe("controller[fees][payer]");
    const e2 = await fails(
      stripe.accounts.create({ type: "express", controller: { fees: { payer: "application" } } }),
    );
    expect(e2.statusCode).toBe(400);
  });

  it("legacy type works, update clears requirements and fires account.updated + capability.updated", async () => {
    const acct = await stripe.accounts.create({
      type: "custom",
      country: "US",
      capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
    });
    const updated = await stripe.accounts.update(acct.id, {
      business_type: "individual",
      business_profile: { mcc: "5734", url: "https://example.com" },
      individual: {
        first_name: "Jenny",
        last_name: "Rosen",
        dob: { day: 1, month: 1, year: 1990 },
        address: { line1: "1 Main St", city: "SF", postal_code: "94111", state: "CA" },
        email: "jenny@example.com",
        phone: "+15555550100",
        ssn_last_4: "0000",
      },
      external_account: {
        object: "bank_account",
        country: "US",
        currency: "usd",
        routing_number: "110000000",
        account_number: "000123456789",
      },
      tos_acceptance: { date: 1700000000, ip: "127.0.0.1" },
    });
    expect(updated.requirements?.currently_due).toEqual([]);
    expect(updated.charges_enabled).toBe(true);
    expect(updated.payouts_enabled).toBe(true);
    expect(updated.details_submitted).toBe(true);
    expect(updated.capabilities?.card_payments).toBe("active");
    const events = await stripe.events.list({ limit: 20 }, { stripeAccount: acct.id });
    const types = events.data.map((e) => e.type);
    expect(types).toContain("account.updated");
    expect(types).toContain("capability.updated");
    expect(events.data.every((e) => e.account === acct.id)).toBe(true);
  });

  it("lists, deletes, and login links only for Express", async () => {
    const express = await stripe.accounts.create({ type: "express", country: "US" });
    const link = await stripe.accounts.createLoginLink(express.id);
    expect(link.object).toBe("login_link");
    const custom = await stripe.accounts.create({
      type: "custom",
      capabilities: { transfers: { requested: true } },
    });
    const e = await fails(stripe.accounts.createLoginLink(custom.id));
    expect(e.statusCode).toBe(400);
    const al = await stripe.accountLinks.create({
      account: custom.id,
      type: "account_onboarding",
      refresh_url: "http://localhost:3000/r",
      return_url: "http://localhost:3000/done",
    });
    expect(al.url).toContain("/_sandbox/onboarding/");
    // The account-link page fills test data and redirects to return_url.
    const page = await fetch(al.url, { method: "POST", redirect: "manual" });
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("http://localhost:3000/done");
    const onboarded = await stripe.accounts.retrieve(custom.id);
    expect(onboarded.details_submitted).toBe(true);
    expect(onboarded.requirements?.currently_due).toEqual([]);
    const del = await stripe.accounts.del(custom.id);
    expect(del.deleted).toBe(true);
    const e404 = await fails(stripe.accounts.retrieve(custom.id));
    expect(e404.statusCode).toBe(404);
  });

  it("scopes Stripe-Account: unknown account → 403", async () => {
    const e = await fails(stripe.customers.list({}, { stripeAccount: "acct_doesnotexist" }));
    expect(e.statusCode).toBe(403);
  });
});

describe("account sessions", () => {
  it("creates a session with several components, resolving defaults", async () => {
    const account = await enabledAccount(stripe, emu.url);
    const session = await stripe.accountSessions.create({
      account,
      components: {
        payments: { enabled: true, features: { refund_management: true, dispute_management: false } },
        payouts: { enabled: true, features: { instant_payouts: true } },
        account_onboarding: {
          enabled: true,
          features: { disable_stripe_user_authentication: true, external_account_collection: true },
        },
        notification_banner: { enabled: true },
        documents: { enabled: true },
      },
    });
    expect(session.object).toBe("account_session");
    expect(session.client_secret).toMatch(/^accs_secret__/);
    expect(session.expires_at).toBeGreaterThan(Math.floor(Date.now() / 1000) + 1700);
    expect(session.livemode).toBe(false);
    const c = session.components;
    expect(c.payments.enabled).toBe(true);
    expect(c.payments.features.refund_management).toBe(true);
    expect(c.payments.features.dispute_management).toBe(false);
    expect(c.payments.features.smart_disputes_management).toBe(false);
    expect(c.payments.features.capture_payments).toBe(true);
    expect(c.payments.features.destination_on_behalf_of_charge_management).toBe(false);
    expect(c.payouts.features.instant_payouts).toBe(true);
    // losses.payments = application → standard payouts and schedule editing default off.
    expect(c.payouts.features.standard_payouts).toBe(false);
    expect(c.payouts.features.edit_payout_schedule).toBe(false);
    expect(c.account_onboarding.features.disable_stripe_user_authentication).toBe(true);
    expect(c.balances.enabled).toBe(false);
    expect(c.tax_settings).toEqual({ enabled: false, features: {} });
  });

  it("rejects disable_stripe_user_authentication unless requirement_collection=application", async () => {
    const acct = await stripe.accounts.create({ type: "express", country: "US" });
    const e = await fails(
      stripe.accountSessions.create({
        account: acct.id,
        components: {
          account_onboarding: { enabled: true, features: { disable_stripe_user_authentication: true } },
        },
      }),
    );
    expect(e.statusCode).toBe(400);
    expect(e.type).toBe("StripeInvalidRequestError");
    expect(e.param).toBe("components[account_onboarding][features][disable_stripe_user_authentication]");
  });

  it("requires the same disable_stripe_user_authentication across components", async () => {
    const account = await enabledAccount(stripe, emu.url);
    const e = await fails(
      stripe.accountSessions.create({
        account,
        components: {
          account_onboarding: { enabled: true, features: { disable_stripe_user_authentication: true } },
          payouts: { enabled: true, features: { disable_stripe_user_authentication: false } },
        },
      }),
    );
    expect(e.statusCode).toBe(400);
    expect(e.message).toContain("must be the same");
  });

  it("enables a preview component only under the embedded_connect_beta version suffix", async () => {
    const account = await enabledAccount(stripe, emu.url);
    const components = { reporting_chart: { enabled: true }, payments: { enabled: true } };
    const e = await fails(stripe.accountSessions.create({ account, components }));
    expect(e.statusCode).toBe(400);
    expect(e.param).toBe("components[reporting_chart]");
    const apiVersion = `${Stripe.API_VERSION}; embedded_connect_beta=v2`;
    const session = await stripe.accountSessions.create({ account, components }, { apiVersion });
    expect(session.components.reporting_chart.enabled).toBe(true);
    // A preview component left off needs no suffix.
    const plain = await stripe.accountSessions.create({
      account,
      components: { reporting_chart: { enabled: false }, payments: { enabled: true } },
    });
    expect(plain.components.reporting_chart.enabled).toBe(false);
  });

  it("rejects unknown components and features", async () => {
    const account = await enabledAccount(stripe, emu.url);
    const e = await fails(
      stripe.rawRequest("POST", "/v1/account_sessions", {
        account,
        components: { payments: { enabled: true, features: { teleport: true } } },
      }),
    );
    expect(e.statusCode).toBe(400);
    expect(e.message).toBe("Received unknown parameter: components[payments][features][teleport]");
    const e2 = await fails(
      stripe.rawRequest("POST", "/v1/account_sessions", {
        account,
        components: { wallet: { enabled: true } },
      }),
    );
    expect(e2.param).toBe("components[wallet]");
  });
});

describe("payments on connected accounts", () => {
  it("paymentIntents.create with stripeAccount lands on that account only", async () => {
    const a = await enabledAccount(stripe, emu.url);
    const b = await enabledAccount(stripe, emu.url);
    const pi = await stripe.paymentIntents.create({ amount: 1000, currency: "usd" }, { stripeAccount: a });
    expect(pi.id).toMatch(/^pi_/);
    expect(pi.status).toBe("requires_payment_method");
    expect(pi.client_secret).toMatch(new RegExp(`^${pi.id}_secret_`));
    const same = await stripe.paymentIntents.retrieve(pi.id, {}, { stripeAccount: a });
    expect(same.id).toBe(pi.id);
    const e = await fails(stripe.paymentIntents.retrieve(pi.id, {}, { stripeAccount: b }));
    expect(e.statusCode).toBe(404);
    expect(e.code).toBe("resource_missing");
    const e2 = await fails(stripe.paymentIntents.retrieve(pi.id));
    expect(e2.statusCode).toBe(404);
    const log = await requests(emu.url, "?path=/v1/payment_intents&method=POST");
    expect(log.at(-1)?.stripe_account).toBe(a);
    expect(log.at(-1)?.params).toEqual({ amount: "1000", currency: "usd" });
  });

  it("paymentIntents.create takes exactly the payment method params of stripe-node 23.1.0", async () => {
    const a = await enabledAccount(stripe, emu.url);
    const never = await stripe.paymentIntents.create(
      {
        amount: 1000,
        currency: "usd",
        automatic_payment_methods: { enabled: true, allow_redirects: "never" },
        payment_method: "pm_card_visa",
        confirm: true,
      },
      { stripeAccount: a },
    );
    expect(never.status).toBe("succeeded");
    expect(never.automatic_payment_methods).toEqual({ enabled: true, allow_redirects: "never" });
    expect(never.allowed_payment_method_types).toBeNull();
    expect(never.excluded_payment_method_types).toBeNull();

    const allowed = await stripe.paymentIntents.create(
      { amount: 1000, currency: "usd", allowed_payment_method_types: ["card", "link"] },
      { stripeAccount: a },
    );
    expect(allowed.allowed_payment_method_types).toEqual(["card", "link"]);
    expect(allowed.payment_method_types).toEqual(["card"]);
    expect(allowed.automatic_payment_methods).toBeNull();

    const excluded = await stripe.paymentIntents.create(
      {
        amount: 1000,
        currency: "usd",
        automatic_payment_methods: { enabled: true },
        excluded_payment_method_types: ["klarna"],
      },
      { stripeAccount: a },
    );
    expect(excluded.excluded_payment_method_types).toEqual(["klarna"]);
    expect(excluded.payment_method_types).toEqual(["card"]);

    const bad = async (params: Record<string, unknown>) =>
      fails(stripe.rawRequest("POST", "/v1/payment_intents", { amount: 1000, currency: "usd", ...params }));
    // `payment_method_types` is not a create param at API 2026-10-28.endive.
    const legacy = await bad({ payment_method_types: ["card"] });
    expect(legacy.message).toBe("Received unknown parameter: payment_method_types");
    expect(
      (await bad({ automatic_payment_methods: { enabled: true, allow_redirects: "sometimes" } })).param,
    ).toBe("automatic_payment_methods[allow_redirects]");
    expect((await bad({ automatic_payment_methods: { allow_redirects: "never" } })).message).toBe(
      "Missing required param: automatic_payment_methods[enabled].",
    );
    expect((await bad({ allowed_payment_method_types: ["carrier_pigeon"] })).param).toMatch(
      /^allowed_payment_method_types/,
    );
    // `link` may be allowed but not excluded (ExcludedPaymentMethodType has no `link`).
    expect((await bad({ excluded_payment_method_types: ["link"] })).param).toMatch(
      /^excluded_payment_method_types/,
    );
    // Nothing the sandbox can charge is left.
    const none = await bad({ excluded_payment_method_types: ["card"] });
    expect(none.param).toBe("excluded_payment_method_types");
    expect((await bad({ allowed_payment_method_types: ["ideal"] })).param).toBe(
      "allowed_payment_method_types",
    );
  });

  it("customers.create with stripeAccount, list with email filter", async () => {
    const a = await enabledAccount(stripe, emu.url);
    const c = await stripe.customers.create({ email: "person@example.edu" }, { stripeAccount: a });
    expect(c.id).toMatch(/^cus_/);
    expect(c.email).toBe("person@example.edu");
    const list = await stripe.customers.list({ email: "person@example.edu" }, { stripeAccount: a });
    expect(list.data.map((x) => x.id)).toEqual([c.id]);
    const platform = await stripe.customers.list({ email: "person@example.edu" });
    expect(platform.data).toEqual([]);
    // `stripeAccount` passed as a param (not as request options) is caught instead of hitting the platform.
    const misuse = await fails(
      stripe.customers.del(c.id, { stripeAccount: a } as Stripe.CustomerDeleteParams),
    );
    expect(misuse.statusCode).toBe(400);
    expect(misuse.message).toBe("Received unknown parameter: stripeAccount");
    const deleted = await stripe.customers.del(c.id, {}, { stripeAccount: a });
    expect(deleted.deleted).toBe(true);
  });

  it("confirms with test payment methods, declines with 402, captures manual and expands", async () => {
    const a = await enabledAccount(stripe, emu.url);
    const ok = await stripe.paymentIntents.create(
      {
        amount: 2000,
        currency: "usd",
        payment_method: "pm_card_visa",
        confirm: true,
        application_fee_amount: 200,
        expand: ["latest_charge"],
      },
      { stripeAccount: a },
    );
    expect(ok.status).toBe("succeeded");
    const charge = ok.latest_charge;
    if (typeof charge !== "object" || charge === null) throw new Error("latest_charge not expanded");
    expect(charge.id).toMatch(/^ch_/);
    expect(charge.application_fee).toMatch(/^fee_/);
    const ch = await stripe.charges.retrieve(
      charge.id,
      { expand: ["balance_transaction"] },
      { stripeAccount: a },
    );
    const txn = ch.balance_transaction;
    if (typeof txn !== "object" || txn === null) throw new Error("balance_transaction not expanded");
    expect(txn.amount).toBe(2000);
    expect(txn.fee).toBe(Math.round(2000 * 0.029) + 30 + 200);

    const declined = await fails(
      stripe.paymentIntents.create(
        {
          amount: 1500,
          currency: "usd",
          payment_method: "pm_card_chargeDeclinedInsufficientFunds",
          confirm: true,
        },
        { stripeAccount: a },
      ),
    );
    expect(declined.statusCode).toBe(402);
    expect(declined.type).toBe("StripeCardError");
    expect(declined.code).toBe("card_declined");
    expect(declined.decline_code).toBe("insufficient_funds");
    expect(declined.message).toBe("Your card has insufficient funds.");
    expect(declined.payment_intent?.status).toBe("requires_payment_method");

    const manual = await stripe.paymentIntents.create(
      {
        amount: 3000,
        currency: "usd",
        payment_method: "pm_card_visa",
        capture_method: "manual",
        confirm: true,
      },
      { stripeAccount: a },
    );
    expect(manual.status).toBe("requires_capture");
    const captured = await stripe.paymentIntents.capture(
      manual.id,
      { amount_to_capture: 2500 },
      { stripeAccount: a },
    );
    expect(captured.status).toBe("succeeded");
    expect(captured.amount_received).toBe(2500);

    const toCancel = await stripe.paymentIntents.create(
      { amount: 900, currency: "usd" },
      { stripeAccount: a },
    );
    const canceled = await stripe.paymentIntents.cancel(toCancel.id, {}, { stripeAccount: a });
    expect(canceled.status).toBe("canceled");

    const listed = await stripe.paymentIntents.list(
      { limit: 2, expand: ["data.latest_charge"] },
      { stripeAccount: a },
    );
    expect(listed.data).toHaveLength(2);
    expect(listed.has_more).toBe(true);
    expect(listed.url).toBe("/v1/payment_intents");
    const logged = await requests(emu.url, `?path=/v1/payment_intents&method=GET&account=${a}`);
    expect(logged.at(-1)?.params).toEqual({ limit: "2", expand: ["data.latest_charge"] });
  });

  it("destination charges create a transfer and application fee", async () => {
    const dest = await enabledAccount(stripe, emu.url);
    const pi = await stripe.paymentIntents.create({
      amount: 10000,
      currency: "usd",
      payment_method: "pm_card_visa",
      confirm: true,
      application_fee_amount: 1000,
      transfer_data: { destination: dest },
    });
    expect(pi.status).toBe("succeeded");
    const transfers = await stripe.transfers.list({ destination: dest });
    expect(transfers.data[0]?.amount).toBe(9000);
    const fees = await stripe.applicationFees.list({ limit: 100 });
    expect(fees.data.some((f) => f.amount === 1000 && f.account === dest)).toBe(true);
    const destCharges = await stripe.charges.list({}, { stripeAccount: dest });
    expect(destCharges.data[0]?.id).toMatch(/^py_/);
    const refund = await stripe.refunds.create({
      payment_intent: pi.id,
      amount: 5000,
      reverse_transfer: true,
      expand: ["charge"],
    });
    expect(refund.transfer_reversal).toMatch(/^trr_/);
    const tr = await stripe.transfers.retrieve(transfers.data[0]?.id ?? "");
    expect(tr.amount_reversed).toBe(4500);
  });

  it("disputes: pm_card_createDispute opens a dispute that can take evidence and be closed", async () => {
    const a = await enabledAccount(stripe, emu.url);
    const pi = await stripe.paymentIntents.create(
      { amount: 5000, currency: "usd", payment_method: "pm_card_createDispute", confirm: true },
      { stripeAccount: a },
    );
    const disputes = await stripe.disputes.list({ payment_intent: pi.id }, { stripeAccount: a });
    const dp = disputes.data[0];
    if (!dp) throw new Error("no dispute");
    expect(dp.status).toBe("needs_response");
    expect(dp.amount).toBe(5000);
    const upd = await stripe.disputes.update(
      dp.id,
      { evidence: { customer_name: "Jenny", uncategorized_text: "notes" }, submit: false },
      { stripeAccount: a },
    );
    expect(upd.evidence.customer_name).toBe("Jenny");
    expect(upd.status).toBe("needs_response");
    const closed = await stripe.disputes.close(dp.id, {}, { stripeAccount: a });
    expect(closed.status).toBe("lost");
  });
});

describe("balance, refunds and payouts", () => {
  it("refunds and payouts move the balance; payouts go in transit until their arrival date", async () => {
    const emu2 = await startEmulator({
      port: 0,
      rateLimitPerSecond: 0,
      pendingToAvailableSeconds: 1,
      payoutSettleSeconds: 1,
      quiet: true,
    });
    try {
      const s = stripeFor(emu2.port);
      const a = await enabledAccount(s, emu2.url);
      const pi = await s.paymentIntents.create(
        { amount: 10000, currency: "usd", payment_method: "pm_card_visa", confirm: true },
        { stripeAccount: a },
      );
      const fee = Math.round(10000 * 0.029) + 30;
      let bal = await s.balance.retrieve({}, { stripeAccount: a });
      expect(bal.pending[0]?.amount).toBe(10000 - fee);
      expect(bal.available[0]?.amount).toBe(0);
      // Pending funds become available after the configured delay.
      await new Promise((r) => setTimeout(r, 1600));
      bal = await s.balance.retrieve({}, { stripeAccount: a });
      expect(bal.available[0]?.amount).toBe(10000 - fee);
      expect(bal.pending[0]?.amount).toBe(0);
      const events = await s.events.list({ type: "balance.available" }, { stripeAccount: a });
      expect(events.data.length).toBe(1);

      const refund = await s.refunds.create({ payment_intent: pi.id, amount: 3000 }, { stripeAccount: a });
      expect(refund.id).toMatch(/^re_/);
      expect(refund.amount).toBe(3000);
      bal = await s.balance.retrieve({}, { stripeAccount: a });
      expect(bal.available[0]?.amount).toBe(10000 - fee - 3000);
      const over = await fails(
        s.refunds.create({ payment_intent: pi.id, amount: 8000 }, { stripeAccount: a }),
      );
      expect(over.statusCode).toBe(400);
      const rest = await s.refunds.create({ payment_intent: pi.id }, { stripeAccount: a });
      expect(rest.amount).toBe(7000);
      const charge = await s.charges.retrieve(String(pi.latest_charge), {}, { stripeAccount: a });
      expect(charge.refunded).toBe(true);

      // Top up and pay out.
      await s.paymentIntents.create(
        { amount: 20000, currency: "usd", payment_method: "pm_card_bypassPending", confirm: true },
        { stripeAccount: a },
      );
      bal = await s.balance.retrieve({}, { stripeAccount: a });
      const available = bal.available[0]?.amount ?? 0;
      const payout = await s.payouts.create({ amount: 5000, currency: "usd" }, { stripeAccount: a });
      expect(payout.id).toMatch(/^po_/);
      expect(payout.status).toBe("pending");
      bal = await s.balance.retrieve({}, { stripeAccount: a });
      expect(bal.available[0]?.amount).toBe(available - 5000);
      const tooMuch = await fails(
        s.payouts.create({ amount: 10_000_000, currency: "usd" }, { stripeAccount: a }),
      );
      expect(tooMuch.code).toBe("balance_insufficient");

      // A failing test bank account: the payout is made, and fails on its arrival date (ledger.test.ts moves the
      // clock there; this file keeps the real one).
      const ba = await s.accounts.createExternalAccount(a, {
        external_account: {
          object: "bank_account",
          country: "US",
          currency: "usd",
          routing_number: "110000000",
          account_number: "000111111116",
        },
        default_for_currency: true,
      });
      const failing = await s.payouts.create(
        { amount: 1000, currency: "usd", destination: ba.id },
        { stripeAccount: a },
      );
      // Submitted to the bank after payoutSettleSeconds; not paid before arrival_date.
      await new Promise((r) => setTimeout(r, 1600));
      for (const id of [payout.id, failing.id]) {
        const po = await s.payouts.retrieve(id, {}, { stripeAccount: a });
        expect(po.status).toBe("in_transit");
        expect(po.arrival_date).toBeGreaterThan(Math.floor(Date.now() / 1000));
      }
      bal = await s.balance.retrieve({}, { stripeAccount: a });
      expect(bal.available[0]?.amount).toBe(available - 6000);
      const txns = await s.balanceTransactions.list({ limit: 100 }, { stripeAccount: a });
      const kinds = new Set(txns.data.map((t) => t.type));
      for (const k of ["charge", "refund", "payout"]) expect(kinds.has(k)).toBe(true);
      const payoutEvents = await s.events.list({ limit: 100 }, { stripeAccount: a });
      const types = payoutEvents.data.map((e) => e.type);
      expect(types).toContain("payout.created");
      expect(types).toContain("payout.updated");
    } finally {
      await emu2.stop();
    }
  });
});

describe("protocol", () => {
  it("paginates 250 objects both ways", async () => {
    const a = await enabledAccount(stripe, emu.url);
    const created: string[] = [];
    for (let i = 0; i < 250; i++) {
      const c = await stripe.customers.create({ email: `p${i}@example.com` }, { stripeAccount: a });
      created.push(c.id);
    }
    const newestFirst = [...created].reverse();
    const forward: string[] = [];
    let startingAfter: string | undefined;
    for (;;) {
      const page = await stripe.customers.list(
        { limit: 100, ...(startingAfter ? { starting_after: startingAfter } : {}) },
        { stripeAccount: a },
      );
      forward.push(...page.data.map((c) => c.id));
      if (!page.has_more) break;
      startingAfter = page.data.at(-1)?.id;
    }
    expect(forward).toEqual(newestFirst);
    const backward: string[] = [];
    let endingBefore: string | undefined = created[0];
    backward.push(created[0] ?? "");
    for (;;) {
      const page = await stripe.customers.list(
        { limit: 100, ending_before: endingBefore },
        { stripeAccount: a },
      );
      backward.unshift(...page.data.map((c) => c.id));
      if (!page.has_more) break;
      endingBefore = page.data[0]?.id;
    }
    expect(backward).toEqual(newestFirst);
    // The SDK's auto-pagination agrees.
    const all: string[] = [];
    for await (const c of stripe.customers.list({ limit: 40 }, { stripeAccount: a })) all.push(c.id);
    expect(all).toEqual(newestFirst);
    const bad = await fails(stripe.customers.list({ limit: 101 }, { stripeAccount: a }));
    expect(bad.param).toBe("limit");
  });

  it("replays an idempotent request and rejects reuse with different params", async () => {
    const a = await enabledAccount(stripe, emu.url);
    const first = await stripe.customers.create(
      { email: "idem@example.com" },
      { stripeAccount: a, idempotencyKey: "key-1" },
    );
    const again = await stripe.customers.create(
      { email: "idem@example.com" },
      { stripeAccount: a, idempotencyKey: "key-1" },
    );
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers["idempotent-replayed"]).toBe("true");
    const list = await stripe.customers.list({ email: "idem@example.com" }, { stripeAccount: a });
    expect(list.data).toHaveLength(1);
    const e = await fails(
      stripe.customers.create({ email: "other@example.com" }, { stripeAccount: a, idempotencyKey: "key-1" }),
    );
    expect(e.statusCode).toBe(400);
    expect(e.type).toBe("StripeIdempotencyError");
  });

  it("rejects unknown parameters and wrong types naming the param", async () => {
    const e = await fails(
      stripe.customers.create({
        email: "x@example.com",
        favourite_colour: "blue",
      } as Stripe.CustomerCreateParams),
    );
    expect(e.statusCode).toBe(400);
    expect(e.message).toBe("Received unknown parameter: favourite_colour");
    expect(e.param).toBe("favourite_colour");
    const e2 = await fails(
      stripe.rawRequest("POST", "/v1/payment_intents", { amount: "ten", currency: "usd" }),
    );
    expect(e2.param).toBe("amount");
    expect(e2.message).toBe("Invalid integer: ten");
    const e3 = await fails(
      stripe.rawRequest("POST", "/v1/payment_intents", {
        amount: 1000,
        currency: "usd",
        capture_method: "sometimes",
      }),
    );
    expect(e3.param).toBe("capture_method");
    const e4 = await fails(stripe.rawRequest("POST", "/v1/payment_intents", { currency: "usd" }));
    expect(e4.message).toBe("Missing required param: amount.");
  });

  it("answers 401 for a missing or wrong key", async () => {
    const res = await fetch(`${emu.url}/v1/customers`);
    expect(res.status).toBe(401);
    expect(res.headers.get("request-id")).toMatch(/^req_/);
    const body = (await res.json()) as { error: { type: string; message: string } };
    expect(body.error.message).toContain("You did not provide an API key");
    const wrong = stripeFor(emu.port, { apiKey: "sk_test_wrong_key_123456" });
    const e = await fails(wrong.customers.list());
    expect(e.statusCode).toBe(401);
    expect(e.type).toBe("StripeAuthenticationError");
  });

  it("rate limits at 25 requests/s per key with Stripe-Rate-Limited-Reason", async () => {
    await control(emu.url, "POST", "faults", { rate_limit_per_second: 25 });
    try {
      const results = await Promise.all(
        Array.from({ length: 80 }, () =>
          fetch(`${emu.url}/v1/balance`, { headers: { authorization: `Bearer ${SANDBOX_SECRET_KEY}` } }),
        ),
      );
      const limited = results.filter((r) => r.status === 429);
      expect(limited.length).toBeGreaterThan(0);
      expect(limited[0]?.headers.get("stripe-rate-limited-reason")).toBe("global-rate");
      const body = (await limited[0]?.json()) as { error: { code: string } };
      expect(body.error.code).toBe("rate_limit");
      const e = await fails(
        (async () => {
          for (let i = 0; i < 200; i++) await stripe.balance.retrieve();
        })(),
      );
      expect(e.statusCode).toBe(429);
      expect(e.type).toBe("StripeRateLimitError");
    } finally {
      await control(emu.url, "POST", "faults", { rate_limit_per_second: 0 });
    }
  });

  it("injected 500s are retried by stripe-node with the same Idempotency-Key", async () => {
    const retrying = stripeFor(emu.port, { maxNetworkRetries: 2 });
    await control(emu.url, "DELETE", "requests");
    await control(emu.url, "POST", "faults", {
      rules: [{ path_prefix: "/v1/customers", method: "POST", error_rate: 1, error_status: 500, count: 2 }],
    });
    try {
      const c = await retrying.customers.create({ email: "retry@example.com" });
      expect(c.email).toBe("retry@example.com");
      const log = await requests(emu.url, "?path=/v1/customers&method=POST");
      expect(log.map((l) => l.status)).toEqual([500, 500, 200]);
      const keys = new Set(log.map((l) => l.idempotency_key));
      expect(keys.size).toBe(1);
      expect([...keys][0]).toMatch(/^stripe-node-retry-/);
    } finally {
      await control(emu.url, "POST", "faults", { clear: true });
    }
  });

  it("lock_timeout 429 carries Stripe-Should-Retry and a hang times out", async () => {
    await control(emu.url, "POST", "faults", {
      rules: [{ path_prefix: "/v1/balance", lock_timeout_rate: 1, count: 1 }],
    });
    const res = await fetch(`${emu.url}/v1/balance`, {
      headers: { authorization: `Bearer ${SANDBOX_SECRET_KEY}` },
    });
    expect(res.status).toBe(429);
    expect(res.headers.get("stripe-should-retry")).toBe("true");
    await control(emu.url, "POST", "faults", {
      rules: [{ path_prefix: "/v1/balance", hang: true, count: 1 }],
    });
    const hung = await fetch(`${emu.url}/v1/balance`, {
      headers: { authorization: `Bearer ${SANDBOX_SECRET_KEY}` },
      signal: AbortSignal.timeout(300),
    }).catch((e: unknown) => e);
    expect(hung).toBeInstanceOf(Error);
    await control(emu.url, "POST", "faults", { clear: true });
  });

  it("serves Stripe's connected-account curl calls as written (Basic auth, form bodies)", async () => {
    const a = await enabledAccount(stripe, emu.url);
    const auth = `Basic ${Buffer.from(`${SANDBOX_SECRET_KEY}:`).toString("base64")}`;
    const pi = await fetch(`${emu.url}/v1/payment_intents`, {
      method: "POST",
      headers: {
        authorization: auth,
        "stripe-account": a,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "amount=1000&currency=usd",
    });
    expect(pi.status).toBe(200);
    const acct = await fetch(`${emu.url}/v1/accounts/${a}`, { headers: { authorization: auth } });
    expect(((await acct.json()) as { id: string }).id).toBe(a);
    const cus = await fetch(`${emu.url}/v1/customers`, {
      method: "POST",
      headers: {
        authorization: auth,
        "stripe-account": a,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: `email=${encodeURIComponent("person@example.edu")}`,
    });
    expect(((await cus.json()) as { email: string }).email).toBe("person@example.edu");
  });

  it("accepts the pinned Stripe-Version and answers Request-Id", async () => {
    const bal = await stripe.balance.retrieve();
    expect(bal.object).toBe("balance");
    expect(bal.lastResponse.requestId).toMatch(/^req_/);
    const log = await requests(emu.url, "?path=/v1/balance");
    expect(log.at(-1)?.params).toEqual({});
    const r = await fetch(`${emu.url}/v1/balance`, {
      headers: { authorization: `Bearer ${SANDBOX_SECRET_KEY}` },
    });
    expect(r.headers.get("stripe-version")).toBe("2026-10-28.endive");
  });
});
