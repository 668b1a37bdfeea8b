import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { accountDocuments } from "../../../emulator/documents";
import { resetClock } from "../../../emulator/ids";
import { startEmulator, type RunningEmulator } from "../../../emulator/index";
import { SANDBOX_PUBLISHABLE_KEY } from "../../../emulator/sandbox-keys";
import { responseProblems } from "../../../emulator/schema/validate-object";
import { PLATFORM_CONTROLLED, enabledAccount, stripeFor, useEmulator } from "./helpers";

let emu: RunningEmulator;
let stripe: Stripe;
const APP = "http://localhost:3000";

useEmulator((e, s) => {
  emu = e;
  stripe = s;
});

type Json = Record<string, unknown> & {
  error?: { type: string; code: string; message: string; decline_code?: string };
};

async function call(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; origin?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Json; headers: Headers }> {
  const res = await fetch(`${base}/_sandbox/${path}`, {
    method,
    headers: {
      ...(opts.body !== undefined ? { "content-type": "application/json" } : {}),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.origin ? { origin: opts.origin } : {}),
      ...opts.headers,
    },
    body: opts.body !== undefined ? JSON.stringify(opts.body) : null,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Json, headers: res.headers };
}

async function session(
  account: string,
  components: Stripe.AccountSessionCreateParams.Components,
  s = stripe,
) {
  return s.accountSessions.create({ account, components });
}

async function claim(secret: string, base = emu.url): Promise<string> {
  const r = await call(base, "POST", "connect/v1/claim", { body: { client_secret: secret }, origin: APP });
  expect(r.status).toBe(200);
  return String(r.body.token);
}

describe("connect browser endpoints", () => {
  it("claims a client secret once, with the resolved components", async () => {
    const a = await enabledAccount(stripe, emu.url);
    const s = await session(a, {
      payments: { enabled: true, features: { refund_management: false } },
      account_onboarding: { enabled: true },
    });
    const r = await call(emu.url, "POST", "connect/v1/claim", {
      body: { client_secret: s.client_secret },
      origin: APP,
    });
    expect(r.status).toBe(200);
    expect(String(r.body.token)).toMatch(/^ecs_/);
    expect(r.body.expires_at).toBe(s.expires_at);
    expect((r.body.account as { id: string }).id).toBe(a);
    const comps = r.body.components as Record<
      string,
      { enabled: boolean; features: Record<string, boolean> }
    >;
    expect(comps.payments?.enabled).toBe(true);
    expect(comps.payments?.features.refund_management).toBe(false);
    expect(r.headers.get("access-control-allow-origin")).toBe(APP);
    const again = await call(emu.url, "POST", "connect/v1/claim", {
      body: { client_secret: s.client_secret },
    });
    expect(again.status).toBe(401);
    expect(again.body.error?.code).toBe("session_used");
    const unknown = await call(emu.url, "POST", "connect/v1/claim", {
      body: { client_secret: "accs_secret__nope" },
    });
    expect(unknown.body.error?.code).toBe("session_invalid");
  });

  it("expires secrets and tokens at expires_at, and logout invalidates", async () => {
    const short = await startEmulator({
      port: 0,
      rateLimitPerSecond: 0,
      quiet: true,
      accountSessionTtlSeconds: 60,
    });
    try {
      const s2 = stripeFor(short.port);
      const a = await enabledAccount(s2, short.url);
      const used = await session(a, { payments: { enabled: true } }, s2);
      const token = await claim(used.client_secret, short.url);
      const unused = await session(a, { payments: { enabled: true } }, s2);
      expect((await call(short.url, "GET", "connect/v1/account", { token })).status).toBe(200);
      // Past the TTL on the sandbox's clock, not the wall clock: a slow machine cannot expire the session early.
      const advanced = await fetch(`${short.url}/_emulator/time/advance`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ seconds: 61 }),
      });
      expect(advanced.status).toBe(200);
      const late = await call(short.url, "POST", "connect/v1/claim", {
        body: { client_secret: unused.client_secret },
      });
      expect(late.status).toBe(401);
      expect(late.body.error?.code).toBe("session_expired");
      const expired = await call(short.url, "GET", "connect/v1/account", { token });
      expect(expired.body.error?.code).toBe("session_expired");
    } finally {
      // The sandbox's clock is shared by every emulator in this process.
      resetClock();
      await short.stop();
    }
    const a = await enabledAccount(stripe, emu.url);
    const token = await claim((await session(a, { payments: { enabled: true } })).client_secret);
    expect((await call(emu.url, "POST", "connect/v1/logout", { token })).body).toEqual({ ok: true });
    const after = await call(emu.url, "GET", "connect/v1/account", { token });
    expect(after.status).toBe(401);
    expect(after.body.error?.code).toBe("session_invalid");
  });

  it("gates endpoints by component and feature, and never reaches another account", async () => {
    const a = await enabledAccount(stripe, emu.url);
    const b = await enabledAccount(stripe, emu.url);
    const piA = await stripe.paymentIntents.create(
      { amount: 4000, currency: "usd", payment_method: "pm_card_visa", confirm: true },
      { stripeAccount: a },
    );
    const piB = await stripe.paymentIntents.create(
      { amount: 4000, currency: "usd", payment_method: "pm_card_visa", confirm: true },
      { stripeAccount: b },
    );
    const token = await claim(
      (await session(a, { payments: { enabled: true, features: { refund_management: false } } }))
        .client_secret,
    );

    const list = await call(emu.url, "GET", "connect/v1/payments?limit=5", { token });
    expect(list.status).toBe(200);
    const data = list.body.data as { id: string; portico_status: string; dispute: string | null }[];
    expect(data.map((c) => c.id)).toEqual([piA.latest_charge]);
    expect(data[0]?.portico_status).toBe("successful");
    expect(data[0]?.dispute).toBeNull();
    expect((data[0] as { customer?: unknown } | undefined)?.customer).toBeNull();

    const detail = await call(emu.url, "GET", `connect/v1/payments/${piA.id}`, { token });
    expect(detail.status).toBe(200);
    expect((detail.body.payment_intent as { id: string }).id).toBe(piA.id);

    const other = await call(emu.url, "GET", `connect/v1/payments/${String(piB.latest_charge)}`, { token });
    expect(other.status).toBe(404);

    const refund = await call(emu.url, "POST", `connect/v1/payments/${String(piA.latest_charge)}/refund`, {
      token,
      body: {},
    });
    expect(refund.status).toBe(403);
    expect(refund.body.error?.code).toBe("feature_not_enabled");

    const balance = await call(emu.url, "GET", "connect/v1/balance", { token });
    expect(balance.status).toBe(403);
    expect(balance.body.error?.code).toBe("component_not_enabled");

    // A session with the features: refund and pay out.
    const full = await claim(
      (
        await session(a, {
          payments: { enabled: true },
          payouts: { enabled: true, features: { standard_payouts: true, edit_payout_schedule: true } },
        })
      ).client_secret,
    );
    const ok = await call(emu.url, "POST", `connect/v1/payments/${String(piA.latest_charge)}/refund`, {
      token: full,
      body: { amount: 1000 },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.object).toBe("refund");
    const bal = await call(emu.url, "GET", "connect/v1/balance", { token: full });
    expect(Array.isArray(bal.body.instant_available)).toBe(true);
    const sched = await call(emu.url, "POST", "connect/v1/payout_schedule", {
      token: full,
      body: { interval: "weekly", weekly_anchor: "friday" },
    });
    expect(sched.status).toBe(200);
    const acct = await stripe.accounts.retrieve(a);
    expect(acct.settings?.payouts?.schedule.interval).toBe("weekly");
    const payouts = await call(emu.url, "GET", "connect/v1/payouts", { token: full });
    expect(payouts.body.object).toBe("list");
  });

  it("onboards through POST account and fires account.updated", async () => {
    const acct = await stripe.accounts.create(PLATFORM_CONTROLLED);
    const token = await claim(
      (await session(acct.id, { account_onboarding: { enabled: true } })).client_secret,
    );
    const r = await call(emu.url, "POST", "connect/v1/account", {
      token,
      body: {
        business_type: "company",
        business_profile: { mcc: "5734", url: "https://example.com" },
        company: {
          name: "Acme",
          tax_id: "000000000",
          phone: "+15555550100",
          address: { line1: "1 Main", city: "SF", postal_code: "94111", state: "CA" },
        },
        tos_acceptance: { accepted: true },
      },
    });
    expect(r.status).toBe(200);
    expect((r.body.requirements as { currently_due: string[] }).currently_due).toEqual(["external_account"]);
    const ba = await call(emu.url, "POST", "connect/v1/account/external_accounts", {
      token,
      body: {
        country: "US",
        currency: "usd",
        routing_number: "110000000",
        account_number: "000123456789",
        account_holder_name: "Acme",
      },
    });
    expect(ba.status).toBe(200);
    const after = await stripe.accounts.retrieve(acct.id);
    expect(after.charges_enabled).toBe(true);
    expect(after.payouts_enabled).toBe(true);
    const events = await stripe.events.list({ type: "account.updated" }, { stripeAccount: acct.id });
    expect(events.data.length).toBeGreaterThanOrEqual(2);
  });

  it("expands the customer in the payments list", async () => {
    const a = await enabledAccount(stripe, emu.url);
    const cus = await stripe.customers.create(
      { name: "Ada Lovelace", email: "ada@example.com" },
      { stripeAccount: a },
    );
    await stripe.paymentIntents.create(
      { amount: 1200, currency: "usd", payment_method: "pm_card_visa", confirm: true, customer: cus.id },
      { stripeAccount: a },
    );
    const token = await claim((await session(a, { payments: { enabled: true } })).client_secret);
    const list = await call(emu.url, "GET", "connect/v1/payments", { token });
    expect(list.status).toBe(200);
    const row = (list.body.data as { customer: { id: string; name: string; email: string } }[])[0];
    expect(row?.customer).toMatchObject({ id: cus.id, name: "Ada Lovelace", email: "ada@example.com" });
  });

  it("expires a tax registration by its id", async () => {
    const a = await enabledAccount(stripe, emu.url);
    const token = await claim((await session(a, { tax_registrations: { enabled: true } })).client_secret);
    const reg = await call(emu.url, "POST", "connect/v1/tax/registrations", {
      token,
      body: { country: "FR" },
    });
    expect(reg.status).toBe(200);
    const id = String(reg.body.id);
    const expired = await call(emu.url, "POST", `connect/v1/tax/registrations/${id}/expire`, { token });
    expect(expired.status).toBe(200);
    expect(expired.body).toMatchObject({ id, status: "expired" });
    const missing = await call(emu.url, "POST", "connect/v1/tax/registrations/taxreg_nope/expire", { token });
    expect(missing.status).toBe(404);
    expect(missing.body.error?.message).toBe("No such registration: 'taxreg_nope'");
  });

  it("serves what the tax components set to the platform's /v1/tax reads, in the pinned version's shapes", async () => {
    const a = await enabledAccount(stripe, emu.url);
    const opts = { stripeAccount: a };
    // Before anything is set: Stripe's defaults, waiting for a head office.
    const fresh = await stripe.tax.settings.retrieve({}, opts);
    expect(fresh).toMatchObject({ object: "tax.settings", status: "pending", head_office: null });
    expect(fresh.status_details.pending?.missing_fields).toEqual(["head_office"]);

    const token = await claim(
      (await session(a, { tax_settings: { enabled: true }, tax_registrations: { enabled: true } }))
        .client_secret,
    );
    const office = { line1: "1 Rue de Rivoli", city: "Paris", postal_code: "75001", country: "FR" };
    const set = await call(emu.url, "POST", "connect/v1/tax/settings", {
      token,
      body: { defaults: { tax_behavior: "exclusive" }, head_office: { address: office } },
    });
    expect(set.status).toBe(200);
    const fr = await call(emu.url, "POST", "connect/v1/tax/registrations", {
      token,
      body: { country: "FR" },
    });
    const us = await call(emu.url, "POST", "connect/v1/tax/registrations", {
      token,
      body: { country: "US", country_options: { us: { type: "state_sales_tax" } } },
    });
    expect([fr.status, us.status]).toEqual([200, 200]);
    await call(emu.url, "POST", `connect/v1/tax/registrations/${String(fr.body.id)}/expire`, { token });

    const settings = await stripe.tax.settings.retrieve({}, opts);
    expect(settings).toMatchObject({
      status: "active",
      defaults: { tax_behavior: "exclusive" },
      head_office: { address: { ...office, line2: null, state: null } },
    });
    const all = await stripe.tax.registrations.list({ status: "all" }, opts);
    expect(all.data.map((r) => [r.country, r.status])).toEqual([
      ["US", "active"],
      ["FR", "expired"],
    ]);
    // A US registration is for one state: the account's own, when none is named.
    const accountState = (await stripe.accounts.retrieve(a)).individual?.address?.state;
    expect(all.data[0]?.country_options.us?.state).toBe(accountState);
    const active = await stripe.tax.registrations.list({ status: "active" }, opts);
    expect(active.data.map((r) => r.id)).toEqual([String(us.body.id)]);
    expect(await stripe.tax.registrations.retrieve(String(fr.body.id), {}, opts)).toMatchObject({
      status: "expired",
    });
    // Another account sees nothing of them.
    const other = await enabledAccount(stripe, emu.url);
    expect((await stripe.tax.registrations.list({}, { stripeAccount: other })).data).toEqual([]);
    await expect(
      stripe.tax.registrations.retrieve(String(fr.body.id), {}, { stripeAccount: other }),
    ).rejects.toMatchObject({ statusCode: 404 });

    const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
    expect([
      ...responseProblems("GET /v1/tax/settings", json(fresh)),
      ...responseProblems("GET /v1/tax/settings", json(settings)),
      ...responseProblems("GET /v1/tax/registrations", json(all)),
    ]).toEqual([]);
  });

  it("lists documents for a new account: the running month's statement", async () => {
    const a = await enabledAccount(stripe, emu.url);
    const token = await claim((await session(a, { documents: { enabled: true } })).client_secret);
    const r = await call(emu.url, "GET", "connect/v1/documents", { token });
    expect(r.status).toBe(200);
    const today = new Date();
    expect(r.body.data).toEqual([
      expect.objectContaining({
        type: "monthly_statement",
        year: today.getUTCFullYear(),
        month: today.getUTCMonth() + 1,
        status: "pending",
      }),
    ]);
  });

  it("derives documents deterministically: closed months, then prior years' 1099-K for US accounts", () => {
    const at = Date.UTC(2026, 3, 15) / 1000; // 15 April 2026
    const us = { id: "acct_1234567890abcdef", created: Date.UTC(2023, 6, 1) / 1000, country: "US" };
    const docs = accountDocuments(us, at);
    expect(docs).toEqual(accountDocuments(us, at));
    expect(docs.map((d) => [d.type, d.year, d.month ?? null, d.status])).toEqual([
      ["monthly_statement", 2026, 4, "pending"],
      ["monthly_statement", 2026, 3, "available"],
      ["monthly_statement", 2026, 2, "available"],
      ["monthly_statement", 2026, 1, "available"],
      ["tax_form_1099k", 2025, null, "available"],
      ["tax_form_1099k", 2024, null, "available"],
      ["tax_form_1099k", 2023, null, "available"],
    ]);
    expect(new Set(docs.map((d) => d.id)).size).toBe(docs.length);
    // Opened in February: no statement before it; outside the US, no 1099-K.
    const fr = { ...us, created: Date.UTC(2026, 1, 10) / 1000, country: "FR" };
    expect(accountDocuments(fr, at).map((d) => d.month)).toEqual([4, 3, 2]);
  });

  it("answers CORS only for the app origins", async () => {
    const pre = await fetch(`${emu.url}/_sandbox/connect/v1/claim`, {
      method: "OPTIONS",
      headers: { origin: APP, "access-control-request-method": "POST" },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe(APP);
    expect(pre.headers.get("access-control-allow-headers")).toBe(
      "authorization, content-type, stripe-account",
    );
    const evil = await call(emu.url, "POST", "connect/v1/claim", {
      body: { client_secret: "x" },
      origin: "http://evil.example",
    });
    expect(evil.status).toBe(403);
    expect(evil.body.error?.code).toBe("origin_not_allowed");
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
    // Fault rules can target the browser endpoints too.
    await fetch(`${emu.url}/_emulator/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        rule: { path_prefix: "/_sandbox/connect/v1/claim", error_rate: 1, error_status: 503, count: 1 },
      }),
    });
    const faulted = await call(emu.url, "POST", "connect/v1/claim", {
      body: { client_secret: "x" },
      origin: APP,
    });
    expect(faulted.status).toBe(503);
    expect(faulted.headers.get("access-control-allow-origin")).toBe(APP);
    const script = await fetch(`${emu.url}/_sandbox/connect.js`, { headers: { origin: APP } });
    // The stand-in scripts are built on demand; a build failure answers 500 JSON instead of crashing.
    expect([200, 500]).toContain(script.status);
    if (script.status === 200) expect(script.headers.get("content-type")).toContain("application/javascript");
  });
});

describe("Stripe.js browser endpoints", () => {
  it("reads and confirms a PaymentIntent by client secret and publishable key", async () => {
    const a = await enabledAccount(stripe, emu.url);
    const b = await enabledAccount(stripe, emu.url);
    const pi = await stripe.paymentIntents.create({ amount: 2500, currency: "usd" }, { stripeAccount: a });
    const pk = { authorization: `Bearer ${SANDBOX_PUBLISHABLE_KEY}`, "stripe-account": a };
    const got = await call(
      emu.url,
      "GET",
      `js/v1/payment_intents/${pi.id}?client_secret=${pi.client_secret ?? ""}`,
      { headers: pk, origin: APP },
    );
    expect(got.status).toBe(200);
    expect(got.body.status).toBe("requires_payment_method");
    expect(Object.keys(got.body).sort()).toEqual(
      [
        "amount",
        "capture_method",
        "client_secret",
        "created",
        "currency",
        "id",
        "last_payment_error",
        "livemode",
        "next_action",
        "object",
        "payment_method",
        "status",
      ].sort(),
    );
    const wrong = await call(emu.url, "GET", `js/v1/payment_intents/${pi.id}?client_secret=nope`, {
      headers: pk,
    });
    expect(wrong.status).toBe(400);
    const otherAcct = await call(
      emu.url,
      "GET",
      `js/v1/payment_intents/${pi.id}?client_secret=${pi.client_secret ?? ""}`,
      { headers: { ...pk, "stripe-account": b } },
    );
    expect(otherAcct.status).toBe(404);
    const badKey = await call(
      emu.url,
      "GET",
      `js/v1/payment_intents/${pi.id}?client_secret=${pi.client_secret ?? ""}`,
      { headers: { authorization: "Bearer pk_test_other" } },
    );
    expect(badKey.status).toBe(401);

    const declined = await call(emu.url, "POST", `js/v1/payment_intents/${pi.id}/confirm`, {
      headers: pk,
      body: {
        client_secret: pi.client_secret,
        payment_method_data: {
          type: "card",
          card: { number: "4000000000000002", exp_month: 12, exp_year: 2034, cvc: "123" },
        },
      },
    });
    expect(declined.status).toBe(402);
    expect(declined.body.error?.type).toBe("card_error");
    expect(declined.body.error?.code).toBe("card_declined");
    expect(declined.body.error?.decline_code).toBe("generic_decline");
    expect(declined.body.error?.message).toBe("Your card was declined.");

    const ok = await call(emu.url, "POST", `js/v1/payment_intents/${pi.id}/confirm`, {
      headers: pk,
      body: {
        client_secret: pi.client_secret,
        payment_method_data: {
          type: "card",
          card: { number: "4242424242424242", exp_month: 12, exp_year: 2034, cvc: "123" },
        },
      },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe("succeeded");
    const server = await stripe.paymentIntents.retrieve(pi.id, {}, { stripeAccount: a });
    expect(server.status).toBe("succeeded");
  });
});
