import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../../emulator/index";
import { control, enabledAccount, useEmulator } from "./helpers";

/**
 * Walks every object the emulator serves against Stripe's example objects (fixtures3.json, kept in the repository
 * with its license under tests/fixtures/stripe): the fixture's keys must all be present with the same value types and
 * nesting; extra keys and nulls are allowed only where listed below.
 */
const FIXTURES = path.resolve(__dirname, "../../fixtures/stripe/fixtures3.json");

/** Where the emulator answers null although the fixture shows an object or number: Stripe does too when unset. */
const NULLABLE: Record<string, string[]> = {
  account: ["business_profile.annual_revenue", "business_profile.support_address"],
  customer: ["discount", "shipping", "address", "invoice_settings.rendering_options", "currency"],
  payment_intent: [
    "canceled_at", // set only once canceled
    "last_payment_error", // set only after a failed attempt
    "next_action", // no 3DS/redirect flows in the sandbox
    "processing",
    "shipping",
    "transfer_data", // only for destination charges
    "payment_method_configuration_details", // null with explicit payment_method_types
    "automatic_payment_methods",
  ],
  charge: [
    "source", // PaymentIntent charges have no legacy source
    "shipping",
    "transfer_data",
    "payment_method_details.card.installments",
    "payment_method_details.card.three_d_secure",
    "payment_method_details.card.wallet",
  ],
  payment_method: ["card.generated_from", "card.wallet"],
  "tax.settings": [],
};

/** Keys Stripe returns that the fixture's example does not show (documented in emulator/README.md). */
const EXTRA: Record<string, string[]> = {
  account: [
    "controller.fees",
    "controller.is_controller",
    "controller.losses",
    "controller.requirement_collection",
    "controller.stripe_dashboard",
    "company",
    "individual",
    "settings.payouts.schedule.weekly_anchor", // only for weekly schedules
    "settings.payouts.schedule.monthly_anchor", // only for monthly schedules
  ],
  account_session: [
    "components.payment_method_settings",
    "components.reporting_chart",
    "components.terminal_hardware_orders",
    "components.terminal_hardware_shop",
  ],
  // Stripe's error object (code, decline_code, message, charge, doc_url, payment_method); the example shows only `type`.
  payment_intent: [
    "allowed_payment_method_types", // in stripe-node 23.1.0's PaymentIntent, not in the example
    "automatic_payment_methods.allow_redirects", // only when given on create
    "last_payment_error.code",
    "last_payment_error.decline_code",
    "last_payment_error.message",
    "last_payment_error.charge",
    "last_payment_error.doc_url",
    "last_payment_error.payment_method",
  ],
  bank_account: ["account", "available_payout_methods", "default_for_currency"],
  external_account: ["account", "available_payout_methods", "default_for_currency"],
  event: ["account", "data.previous_attributes"],
};

type Problem = string;

/** Scalars that are never null in Stripe's API. */
const STRICT_SCALARS = new Set([
  "id",
  "object",
  "created",
  "amount",
  "currency",
  "status",
  "type",
  "client_secret",
  "url",
]);

function kind(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

/** Free-form maps: any keys (Stripe shows an example entry). */
const MAPS = new Set(["metadata", "capabilities"]);

function walk(resource: string, served: unknown, fixture: unknown, at: string, problems: Problem[]): void {
  if (fixture === null) return;
  if (at === "data.object" && resource === "event") return; // depends on the event type
  if (MAPS.has(at.split(".").at(-1) ?? "")) {
    if (kind(served) !== "object") problems.push(`${resource}.${at}: ${kind(served)}, expected a map`);
    return;
  }
  // A string or number the example fills in may be null when there is no value (nullable in Stripe's API reference).
  if (
    served === null &&
    (typeof fixture === "string" || typeof fixture === "number") &&
    !STRICT_SCALARS.has(at)
  )
    return;
  if (served === null && (NULLABLE[resource] ?? []).includes(at)) return;
  if (served === null) {
    if (!(NULLABLE[resource] ?? []).includes(at))
      problems.push(`${resource}.${at}: null, fixture has ${kind(fixture)}`);
    return;
  }
  if (typeof fixture === "object" && !Array.isArray(fixture)) {
    const fx = fixture as Record<string, unknown>;
    // Expandable reference: the fixture shows it expanded, the API answers the id.
    if (typeof served === "string" && "id" in fx) return;
    if (kind(served) !== "object") {
      problems.push(`${resource}.${at}: ${kind(served)}, fixture has object`);
      return;
    }
    const sv = served as Record<string, unknown>;
    const keys = Object.keys(fx);
    if (keys.length === 0) return; // free-form map (metadata, features, …)
    for (const k of keys) {
      const p = at ? `${at}.${k}` : k;
      if (!(k in sv)) problems.push(`${resource}.${p}: missing`);
      else walk(resource, sv[k], fx[k], p, problems);
    }
    for (const k of Object.keys(sv)) {
      const p = at ? `${at}.${k}` : k;
      if (!(k in fx) && !(EXTRA[resource] ?? []).some((e) => p === e || p.startsWith(`${e}.`)))
        problems.push(`${resource}.${p}: not in fixture`);
    }
    return;
  }
  if (Array.isArray(fixture)) {
    if (!Array.isArray(served)) {
      problems.push(`${resource}.${at}: ${kind(served)}, fixture has array`);
      return;
    }
    const first = fixture[0];
    if (first !== undefined) for (const item of served) walk(resource, item, first, `${at}[]`, problems);
    return;
  }
  if (kind(served) !== kind(fixture))
    problems.push(`${resource}.${at}: ${kind(served)}, fixture has ${kind(fixture)}`);
}

let emu: RunningEmulator;
let stripe: Stripe;

useEmulator((e, s) => {
  emu = e;
  stripe = s;
});

describe("shapes match fixtures3.json", () => {
  it("has Stripe's fixtures to compare with", () => {
    // Never skip silently: without the reference file this suite would prove nothing.
    expect(existsSync(FIXTURES), `${FIXTURES} is missing`).toBe(true);
  });

  it("every served resource has the fixture's keys, nesting and value types", async () => {
    const fixtures = (JSON.parse(readFileSync(FIXTURES, "utf8")) as { resources: Record<string, unknown> })
      .resources;
    const served: [string, unknown][] = [];
    const add = (name: string, obj: unknown) =>
      served.push([name, JSON.parse(JSON.stringify(obj)) as unknown]);

    const a = await enabledAccount(stripe, emu.url);
    const opts = { stripeAccount: a };
    add("account", await stripe.accounts.retrieve(a));
    const fresh = await stripe.accounts.create({ type: "express", country: "US" });
    add("account", fresh);
    add("login_link", await stripe.accounts.createLoginLink(fresh.id));
    add(
      "account_link",
      await stripe.accountLinks.create({
        account: fresh.id,
        type: "account_onboarding",
        refresh_url: "http://x/r",
        return_url: "http://x/d",
      }),
    );
    add("capability", await stripe.accounts.retrieveCapability(a, "card_payments"));
    const session = await stripe.accountSessions.create({
      account: a,
      components: { payments: { enabled: true } },
    });
    add("account_session", session);

    const cus = await stripe.customers.create({ email: "shape@example.com", name: "Shape" }, opts);
    add("customer", cus);
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
    add("payment_intent", pi);
    add("payment_intent", await stripe.paymentIntents.create({ amount: 1000, currency: "usd" }, opts));
    const charge = await stripe.charges.retrieve(String(pi.latest_charge), {}, opts);
    add("charge", charge);
    add("payment_method", await stripe.paymentMethods.retrieve(String(pi.payment_method), {}, opts));
    const refund = await stripe.refunds.create({ charge: charge.id, amount: 1000 }, opts);
    add("refund", refund);
    add("charge", await stripe.charges.retrieve(charge.id, {}, opts));
    await stripe.paymentIntents.create(
      { amount: 7000, currency: "usd", payment_method: "pm_card_createDispute", confirm: true },
      opts,
    );
    const dispute = (await stripe.disputes.list({}, opts)).data[0];
    add("dispute", dispute);
    add("balance", await stripe.balance.retrieve({}, opts));
    for (const t of (await stripe.balanceTransactions.list({ limit: 100 }, opts)).data)
      add("balance_transaction", t);
    await stripe.paymentIntents.create(
      { amount: 50000, currency: "usd", payment_method: "pm_card_bypassPending", confirm: true },
      opts,
    );
    add("payout", await stripe.payouts.create({ amount: 1000, currency: "usd" }, opts));
    const ba = await stripe.accounts.createExternalAccount(a, {
      external_account: {
        object: "bank_account",
        country: "US",
        currency: "usd",
        routing_number: "110000000",
        account_number: "000222222227",
      },
    });
    add("bank_account", ba);
    add("external_account", ba);
    add("deleted_external_account", await stripe.accounts.deleteExternalAccount(a, ba.id));
    const fee = (await stripe.applicationFees.list()).data[0];
    add("application_fee", fee);
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
    add("transfer", transfer);
    add("transfer_reversal", transfer?.reversals.data[0]);
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
    add("application_fee", refundedFee);
    add("fee_refund", refundedFee?.refunds.data[0]);
    for (const e of (await stripe.events.list({ limit: 100 }, opts)).data) add("event", e);
    add("deleted_customer", await stripe.customers.del(cus.id, {}, opts));
    const gone = await stripe.accounts.create({ type: "express" });
    add("deleted_account", await stripe.accounts.del(gone.id));

    const we = await stripe.webhookEndpoints.create({
      url: "http://127.0.0.1:9/hook",
      enabled_events: ["charge.succeeded"],
    });
    add("webhook_endpoint", await stripe.webhookEndpoints.retrieve(we.id));
    add("deleted_webhook_endpoint", await stripe.webhookEndpoints.del(we.id));

    // Browser-facing tax objects use Stripe's shapes too.
    const taxSession = await stripe.accountSessions.create({
      account: a,
      components: { tax_settings: { enabled: true }, tax_registrations: { enabled: true } },
    });
    const claim = (await (
      await fetch(`${emu.url}/_sandbox/connect/v1/claim`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ client_secret: taxSession.client_secret }),
      })
    ).json()) as { token: string };
    const call = async (p: string, body: unknown) =>
      (
        await fetch(`${emu.url}/_sandbox/connect/v1/${p}`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${claim.token}` },
          body: JSON.stringify(body),
        })
      ).json();
    add(
      "tax.settings",
      await call("tax/settings", { head_office: { address: { country: "US", state: "CA" } } }),
    );
    add(
      "tax.registration",
      await call("tax/registrations", {
        country: "US",
        country_options: { us: { state: "CA", type: "state_sales_tax" } },
      }),
    );

    const problems: Problem[] = [];
    const names = new Set<string>();
    for (const [name, obj] of served) {
      names.add(name);
      const fx = fixtures[name];
      expect(fx, `fixture for ${name}`).toBeDefined();
      walk(name, obj, fx, "", problems);
    }
    expect(problems).toEqual([]);
    expect(names.size).toBeGreaterThanOrEqual(22);
  });

  it("seeded history has the same shapes", async () => {
    const fixtures = (JSON.parse(readFileSync(FIXTURES, "utf8")) as { resources: Record<string, unknown> })
      .resources;
    await control(emu.url, "POST", "seed", { seed: 11, accounts: 6, months: 2, history_accounts: 3 });
    const problems: Problem[] = [];
    const check = (name: string, obj: unknown) =>
      walk(name, JSON.parse(JSON.stringify(obj)) as unknown, fixtures[name], "", problems);
    const accounts = await stripe.accounts.list({ limit: 100 });
    for (const acct of accounts.data) check("account", acct);
    let walked = 0;
    for (const acct of accounts.data) {
      const opts = { stripeAccount: acct.id };
      const charges = await stripe.charges.list({ limit: 100 }, opts);
      for (const c of charges.data) check("charge", c);
      for (const p of (await stripe.paymentIntents.list({ limit: 100 }, opts)).data)
        check("payment_intent", p);
      for (const r of (await stripe.refunds.list({ limit: 100 }, opts)).data) check("refund", r);
      for (const d of (await stripe.disputes.list({ limit: 100 }, opts)).data) check("dispute", d);
      for (const p of (await stripe.payouts.list({ limit: 100 }, opts)).data) check("payout", p);
      for (const t of (await stripe.balanceTransactions.list({ limit: 100 }, opts)).data)
        check("balance_transaction", t);
      for (const c of (await stripe.customers.list({ limit: 100 }, opts)).data) check("customer", c);
      check("balance", await stripe.balance.retrieve({}, opts));
      walked += charges.data.length;
    }
    expect(walked).toBeGreaterThan(20);
    expect(problems).toEqual([]);
  });
});
