import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../../emulator/index";
import { responseProblems } from "../../../emulator/schema/validate-object";
import { control, enabledAccount, useEmulator } from "./helpers";

/**
 * Every object the emulator serves, checked against the fields the generated API description (from the pinned
 * stripe package) gives the operation's answer: always-present fields present, nullability, enums within their documented values, and no
 * field the version lacks.
 */
let emu: RunningEmulator;
let stripe: Stripe;

useEmulator((e, s) => {
  emu = e;
  stripe = s;
});

describe("served objects match the pinned API version", () => {
  it("every served resource has its version's fields, nullability and enum values", async () => {
    const served: [string, unknown][] = [];
    const add = (name: string, obj: unknown) =>
      served.push([name, JSON.parse(JSON.stringify(obj)) as unknown]);

    const a = await enabledAccount(stripe, emu.url);
    const opts = { stripeAccount: a };
    add("GET /v1/accounts/{}", await stripe.accounts.retrieve(a));
    const fresh = await stripe.accounts.create({ type: "express", country: "US" });
    add("POST /v1/accounts", fresh);
    add("POST /v1/accounts/{}/login_links", await stripe.accounts.createLoginLink(fresh.id));
    add(
      "POST /v1/account_links",
      await stripe.accountLinks.create({
        account: fresh.id,
        type: "account_onboarding",
        refresh_url: "http://x/r",
        return_url: "http://x/d",
      }),
    );
    add("GET /v1/accounts/{}/capabilities/{}", await stripe.accounts.retrieveCapability(a, "card_payments"));
    // Restricted and rejected accounts: their capabilities speak the capability's own disabled_reason vocabulary.
    for (const state of ["restricted", "rejected"]) {
      const held = await enabledAccount(stripe, emu.url);
      await control(emu.url, "POST", `accounts/${held}/state`, { state });
      add("GET /v1/accounts/{}", await stripe.accounts.retrieve(held));
      add("GET /v1/accounts/{}/capabilities/{}", await stripe.accounts.retrieveCapability(held, "transfers"));
    }
    const session = await stripe.accountSessions.create({
      account: a,
      components: { payments: { enabled: true } },
    });
    add("POST /v1/account_sessions", session);

    const cus = await stripe.customers.create({ email: "shape@example.com", name: "Shape" }, opts);
    add("POST /v1/customers", cus);
    const pi = await stripe.paymentIntents.create(
      {
        amount: 5000,
        currency: "usd",
        customer: cus.id,
        payment_method: "pm_card_visa",
        confirm: true,
        application_fee_amount: 100,
      },
      opts,
    );
    add("POST /v1/payment_intents", pi);
    add(
      "POST /v1/payment_intents",
      await stripe.paymentIntents.create({ amount: 1000, currency: "usd" }, opts),
    );
    const charge = await stripe.charges.retrieve(String(pi.latest_charge), {}, opts);
    add("GET /v1/charges/{}", charge);
    add(
      "GET /v1/payment_methods/{}",
      await stripe.paymentMethods.retrieve(String(pi.payment_method), {}, opts),
    );
    const refund = await stripe.refunds.create({ charge: charge.id, amount: 1000 }, opts);
    add("POST /v1/refunds", refund);
    add("GET /v1/charges/{}", await stripe.charges.retrieve(charge.id, {}, opts));
    await stripe.paymentIntents.create(
      { amount: 7000, currency: "usd", payment_method: "pm_card_createDispute", confirm: true },
      opts,
    );
    const dispute = (await stripe.disputes.list({}, opts)).data[0];
    add("GET /v1/disputes/{}", dispute);
    add("GET /v1/balance", await stripe.balance.retrieve({}, opts));
    for (const t of (await stripe.balanceTransactions.list({ limit: 100 }, opts)).data)
      add("GET /v1/balance_transactions/{}", t);
    await stripe.paymentIntents.create(
      { amount: 50000, currency: "usd", payment_method: "pm_card_bypassPending", confirm: true },
      opts,
    );
    add("POST /v1/payouts", await stripe.payouts.create({ amount: 1000, currency: "usd" }, opts));
    const ba = await stripe.accounts.createExternalAccount(a, {
      external_account: {
        object: "bank_account",
        country: "US",
        currency: "usd",
        routing_number: "110000000",
        account_number: "000222222227",
      },
    });
    add("POST /v1/accounts/{}/external_accounts", ba);
    add("DELETE /v1/accounts/{}/external_accounts/{}", await stripe.accounts.deleteExternalAccount(a, ba.id));
    const fee = (await stripe.applicationFees.list()).data[0];
    add("GET /v1/application_fees/{}", fee);
    const dest = await enabledAccount(stripe, emu.url);
    await stripe.paymentIntents.create({
      amount: 10000,
      currency: "usd",
      payment_method: "pm_card_visa",
      confirm: true,
      transfer_data: { destination: dest },
      application_fee_amount: 500,
    });
    const destPi = (await stripe.paymentIntents.list({ limit: 1 })).data[0];
    await stripe.refunds.create({ payment_intent: destPi?.id ?? "", amount: 2000, reverse_transfer: true });
    const transfer = (await stripe.transfers.list()).data[0];
    add("GET /v1/transfers/{}", transfer);
    // A direct charge's application fee refunded with the charge.
    const feePi = await stripe.paymentIntents.create(
      {
        amount: 6000,
        currency: "usd",
        payment_method: "pm_card_visa",
        confirm: true,
        application_fee_amount: 600,
      },
      opts,
    );
    await stripe.refunds.create({ payment_intent: feePi.id, refund_application_fee: true }, opts);
    const refundedFee = (await stripe.applicationFees.list({ limit: 1 })).data[0];
    expect(refundedFee?.refunded).toBe(true);
    add("GET /v1/application_fees/{}", refundedFee);
    for (const e of (await stripe.events.list({ limit: 100 }, opts)).data) add("GET /v1/events/{}", e);
    add("DELETE /v1/customers/{}", await stripe.customers.del(cus.id, {}, opts));
    const gone = await stripe.accounts.create({ type: "express" });
    add("DELETE /v1/accounts/{}", await stripe.accounts.del(gone.id));

    const we = await stripe.webhookEndpoints.create({
      url: "http://127.0.0.1:9/hook",
      enabled_events: ["charge.succeeded"],
    });
    add("GET /v1/webhook_endpoints/{}", await stripe.webhookEndpoints.retrieve(we.id));
    add("DELETE /v1/webhook_endpoints/{}", await stripe.webhookEndpoints.del(we.id));

    const problems: string[] = [];
    const operations = new Set<string>();
    for (const [operation, obj] of served) {
      operations.add(operation);
      problems.push(...responseProblems(operation, obj));
    }
    expect([...new Set(problems)]).toEqual([]);
    expect(operations.size).toBeGreaterThanOrEqual(22);
  });

  it("seeded history has the same shapes", async () => {
    await control(emu.url, "POST", "seed", { seed: 11, accounts: 6, months: 2, history_accounts: 3 });
    const problems: string[] = [];
    const check = (operation: string, obj: unknown) =>
      problems.push(...responseProblems(operation, JSON.parse(JSON.stringify(obj)) as unknown));
    const accounts = await stripe.accounts.list({ limit: 100 });
    for (const acct of accounts.data) check("GET /v1/accounts/{}", acct);
    let walked = 0;
    for (const acct of accounts.data) {
      const opts = { stripeAccount: acct.id };
      const charges = await stripe.charges.list({ limit: 100 }, opts);
      for (const c of charges.data) check("GET /v1/charges/{}", c);
      for (const p of (await stripe.paymentIntents.list({ limit: 100 }, opts)).data)
        check("GET /v1/payment_intents/{}", p);
      for (const r of (await stripe.refunds.list({ limit: 100 }, opts)).data) check("GET /v1/refunds/{}", r);
      for (const d of (await stripe.disputes.list({ limit: 100 }, opts)).data)
        check("GET /v1/disputes/{}", d);
      for (const p of (await stripe.payouts.list({ limit: 100 }, opts)).data) check("GET /v1/payouts/{}", p);
      for (const t of (await stripe.balanceTransactions.list({ limit: 100 }, opts)).data)
        check("GET /v1/balance_transactions/{}", t);
      for (const c of (await stripe.customers.list({ limit: 100 }, opts)).data)
        check("GET /v1/customers/{}", c);
      check("GET /v1/balance", await stripe.balance.retrieve({}, opts));
      walked += charges.data.length;
    }
    expect(walked).toBeGreaterThan(20);
    expect([...new Set(problems)]).toEqual([]);
  });
});
