/**
 * API v2 in the sandbox, driven through the real `stripe` package: Accounts v2 (create, retrieve with `include`,
 * update, list with paging, close), Account Links into the hosted onboarding stand-in, v2's error shape and
 * idempotency, v1 ↔ v2 reads of the one account store, and event destinations receiving signed thin events that
 * `parseEventNotification` accepts and whose related objects `fetchRelatedObject()` fetches.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { objectProblems, responseProblems } from "../../../emulator/schema/validate-object";
import { control, enabledAccount, useEmulator, waitFor } from "./helpers";

let url = "";
let stripe: Stripe;
useEmulator((emu, client) => {
  url = emu.url;
  stripe = client;
});

type Delivery = { body: string; signature: string };
const received: Delivery[] = [];
let receiver: Server;
let receiverUrl = "";
beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({
        body: Buffer.concat(chunks).toString("utf8"),
        signature: String(req.headers["stripe-signature"] ?? ""),
      });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/thin`;
});
afterAll(async () => {
  await new Promise<void>((r) => receiver.close(() => r()));
});

const ALL_INCLUDES = [
  "configuration.customer",
  "configuration.merchant",
  "configuration.recipient",
  "defaults",
  "future_requirements",
  "identity",
  "requirements",
] as const;

function newMerchant(name: string) {
  return stripe.v2.core.accounts.create({
    contact_email: `${name}@example.com`,
    display_name: name,
    dashboard: "express",
    identity: { country: "us", entity_type: "individual" },
    defaults: {
      currency: "usd",
      responsibilities: { fees_collector: "application", losses_collector: "application" },
    },
    configuration: {
      merchant: { capabilities: { card_payments: { requested: true } } },
      recipient: { capabilities: { stripe_balance: { stripe_transfers: { requested: true } } } },
    },
    include: ["configuration.merchant", "requirements"],
  });
}

describe("Accounts v2", () => {
  it("creates, retrieves with include, updates and is read by v1 too", async () => {
    const created = await newMerchant("acme");
    expect(created.object).toBe("v2.core.account");
    expect(created.applied_configurations).toEqual(["merchant", "recipient"]);
    expect(created.dashboard).toBe("express");
    expect(created.identity).toBeNull();
    expect(created.configuration?.recipient).toBeNull();
    expect(created.configuration?.merchant?.capabilities?.card_payments?.status).toBe("restricted");
    expect(created.requirements?.entries?.map((e) => e.description)).toContain(
      "identity.individual.given_name",
    );
    expect(objectProblems("V2.Core.Account", created)).toEqual([]);

    const full = await stripe.v2.core.accounts.retrieve(created.id, { include: [...ALL_INCLUDES] });
    expect(responseProblems("GET /v2/core/accounts/{}", full)).toEqual([]);
    expect(full.defaults?.responsibilities.losses_collector).toBe("application");
    expect(full.configuration?.recipient?.capabilities?.stripe_balance?.stripe_transfers?.status).toBe(
      "restricted",
    );
    const bare = await stripe.v2.core.accounts.retrieve(created.id);
    expect(bare.requirements).toBeNull();
    expect(bare.configuration).toBeNull();

    const updated = await stripe.v2.core.accounts.update(created.id, {
      display_name: "Acme Renamed",
      identity: { individual: { given_name: "Jenny", surname: "Rosen" } },
      include: ["identity"],
    });
    expect(updated.display_name).toBe("Acme Renamed");
    expect(updated.identity?.individual?.given_name).toBe("Jenny");
    expect(objectProblems("V2.Core.Account", updated)).toEqual([]);

    // v1 reads the same account: its controller, capabilities and data.
    const v1 = await stripe.accounts.retrieve(created.id);
    expect(v1.controller?.stripe_dashboard?.type).toBe("express");
    expect(v1.capabilities?.card_payments).toBe("inactive");
    expect(v1.individual?.first_name).toBe("Jenny");
  });

  it("reads a v1-created account with the configurations its capabilities amount to", async () => {
    const v1 = await stripe.accounts.create({
      controller: {
        fees: { payer: "application" },
        losses: { payments: "application" },
        requirement_collection: "application",
        stripe_dashboard: { type: "none" },
      },
      capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
    });
    const v2 = await stripe.v2.core.accounts.retrieve(v1.id, { include: ["defaults"] });
    expect(v2.applied_configurations).toEqual(["merchant", "recipient"]);
    expect(v2.dashboard).toBe("none");
    expect(v2.defaults?.responsibilities.requirements_collector).toBe("application");
  });

  it("shows the merchant settings either version gave through the other", async () => {
    const v1 = await stripe.accounts.create({
      controller: {
        fees: { payer: "application" },
        losses: { payments: "application" },
        requirement_collection: "application",
        stripe_dashboard: { type: "none" },
      },
      capabilities: { card_payments: { requested: true } },
      business_profile: { support_address: { city: "Lyon", country: "FR" } },
      settings: {
        branding: { icon: "file_icon", secondary_color: "#224466" },
        card_payments: { decline_on: { avs_failure: true }, statement_descriptor_prefix: "PORT" },
      },
    });
    const read = await stripe.v2.core.accounts.retrieve(v1.id, { include: ["configuration.merchant"] });
    expect(read.configuration?.merchant).toMatchObject({
      branding: { icon: "file_icon", secondary_color: "#224466" },
      card_payments: { decline_on: { avs_failure: true, cvc_failure: true } },
      statement_descriptor: { prefix: "PORT" },
      support: { address: { city: "Lyon", country: "fr" } },
    });
    await stripe.v2.core.accounts.update(v1.id, {
      configuration: {
        merchant: {
          branding: { logo: "file_logo" },
          sepa_debit_payments: { creditor_id: "DE98ZZZ09999999999" },
        },
      },
    });
    const back = await stripe.accounts.retrieve(v1.id);
    expect(back.settings?.branding).toMatchObject({ icon: "file_icon", logo: "file_logo" });
    expect(back.settings?.sepa_debit_payments?.creditor_id).toBe("DE98ZZZ09999999999");
  });
  it("moves configuration capabilities with onboarding, like v1 capabilities", async () => {
    const acct = await newMerchant("onboarder");
    const link = await stripe.v2.core.accountLinks.create({
      account: acct.id,
      use_case: {
        type: "account_onboarding",
        account_onboarding: {
          refresh_url: "https://portico.example/refresh",
          return_url: "https://portico.example/return",
        },
      },
    });
    expect(link.object).toBe("v2.core.account_link");
    expect(responseProblems("POST /v2/core/account_links", link)).toEqual([]);
    const page = await fetch(link.url);
    expect(page.status).toBe(200);
    const done = await fetch(link.url, { method: "POST", redirect: "manual" });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("https://portico.example/return");
    const after = await stripe.v2.core.accounts.retrieve(acct.id, {
      include: ["configuration.merchant", "configuration.recipient", "requirements"],
    });
    expect(after.configuration?.merchant?.capabilities?.card_payments?.status).toBe("active");
    expect(after.configuration?.recipient?.capabilities?.stripe_balance?.stripe_transfers?.status).toBe(
      "active",
    );
    expect(after.requirements?.entries).toEqual([]);
    const events = await stripe.v2.core.events.list({ object_id: acct.id });
    const types = events.data.map((e) => e.type);
    expect(types).toContain("v2.core.account.created");
    expect(types).toContain("v2.core.account[requirements].updated");
    expect(types).toContain("v2.core.account[configuration.merchant].capability_status_updated");
    const returned = (await stripe.v2.core.events.list({ types: ["v2.core.account_link.returned"] })).data[0];
    expect(returned && "data" in returned ? returned.data : null).toEqual({
      account_id: acct.id,
      configurations: ["merchant", "recipient"],
      use_case: "account_onboarding",
    });
  });

  it("lists with next_page_url paging, filters, and closes", async () => {
    const a = await newMerchant("pager-a");
    await newMerchant("pager-b");
    const first = await stripe.v2.core.accounts.list({ limit: 2, applied_configurations: ["recipient"] });
    expect(first.data).toHaveLength(2);
    expect(first.next_page_url).toMatch(/^\/v2\/core\/accounts\?page=/);
    expect(responseProblems("GET /v2/core/accounts", first)).toEqual([]);
    const all: string[] = [];
    for await (const acct of stripe.v2.core.accounts.list({
      limit: 2,
      applied_configurations: ["recipient"],
    }))
      all.push(acct.id);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toContain(a.id);

    const closed = await stripe.v2.core.accounts.close(a.id, {
      applied_configurations: ["merchant", "recipient"],
    });
    expect(closed.closed).toBe(true);
    const open = await stripe.v2.core.accounts.list({ limit: 100 });
    expect(open.data.map((x) => x.id)).not.toContain(a.id);
    const onlyClosed = await stripe.v2.core.accounts.list({ closed: true });
    expect(onlyClosed.data.map((x) => x.id)).toEqual([a.id]);
  });

  it("answers v2's error shape, raised as stripe-node's v2 error classes", async () => {
    const unknown = await stripe.v2.core.accounts
      .create({ nonsense: true } as Stripe.V2.Core.AccountCreateParams)
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((unknown as Stripe.errors.StripeError).code).toBe("invalid_fields");
    const wrongType = await stripe.v2.core.accounts
      .create({ display_name: 42 } as unknown as Stripe.V2.Core.AccountCreateParams)
      .catch((e: unknown) => e);
    expect((wrongType as Stripe.errors.StripeError).raw).toMatchObject({
      code: "invalid_fields",
      errors: [{ code: "invalid_type", field: "display_name" }],
    });
    const missing = await stripe.v2.core.accounts.retrieve("acct_nope").catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((missing as Stripe.errors.StripeError).statusCode).toBe(404);

    const key = `idem-${Date.now()}`;
    const once = await stripe.v2.core.accounts.create({ display_name: "Idem" }, { idempotencyKey: key });
    const again = await stripe.v2.core.accounts.create({ display_name: "Idem" }, { idempotencyKey: key });
    expect(again.id).toBe(once.id);
    const changed = await stripe.v2.core.accounts
      .create({ display_name: "Other" }, { idempotencyKey: key })
      .catch((e: unknown) => e);
    expect(changed).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });
});

describe("Event destinations and thin events", () => {
  it("delivers signed thin events that stripe-node parses and follows", async () => {
    const dest = await stripe.v2.core.eventDestinations.create({
      name: "portico-thin",
      type: "webhook_endpoint",
      event_payload: "thin",
      enabled_events: ["v2.core.account.updated", "v1.account.updated", "v2.core.event_destination.ping"],
      events_from: ["self", "other_accounts"],
      webhook_endpoint: { url: receiverUrl },
      include: ["webhook_endpoint.signing_secret", "webhook_endpoint.url"],
    });
    expect(responseProblems("POST /v2/core/event_destinations", dest)).toEqual([]);
    const secret = dest.webhook_endpoint?.signing_secret ?? "";
    expect(secret).toMatch(/^whsec_/);

    await stripe.v2.core.eventDestinations.ping(dest.id);
    const acct = await newMerchant("thin");
    await stripe.v2.core.accounts.update(acct.id, { display_name: "Thin Renamed" });
    await waitFor(() => received.some((d) => d.body.includes('"v1.account.updated"')) || undefined);

    const notes = received.map((d) => stripe.parseEventNotification(d.body, d.signature, secret));
    expect(notes.map((n) => n.type)).toEqual(
      expect.arrayContaining([
        "v2.core.event_destination.ping",
        "v2.core.account.updated",
        "v1.account.updated",
      ]),
    );
    const v2Note = notes.find((n) => n.type === "v2.core.account.updated");
    if (v2Note?.type !== "v2.core.account.updated") throw new Error("no v2.core.account.updated delivered");
    const related = await v2Note.fetchRelatedObject();
    expect(related.id).toBe(acct.id);
    expect(related.display_name).toBe("Thin Renamed");
    const fetched = await v2Note.fetchEvent();
    expect(fetched.id).toBe(v2Note.id);

    const v1Note = notes.find((n) => n.type === "v1.account.updated");
    if (v1Note?.type !== "v1.account.updated") throw new Error("no v1.account.updated delivered");
    expect(v1Note.context?.toString()).toBe(acct.id);
    const v1Account = await v1Note.fetchRelatedObject();
    expect(v1Account.id).toBe(acct.id);

    const listed = await stripe.v2.core.eventDestinations.list();
    expect(listed.data.map((d) => d.id)).toContain(dest.id);
    const disabled = await stripe.v2.core.eventDestinations.disable(dest.id);
    expect(disabled.status).toBe("disabled");
    const deleted = await stripe.v2.core.eventDestinations.del(dest.id);
    expect(deleted.id).toBe(dest.id);
  });

  it("redelivers thin events through the control API", async () => {
    const dest = await control<{ id: string; secret: string }>(url, "POST", "event_destinations", {
      url: receiverUrl,
      enabled_events: ["v2.core.account.created"],
    });
    received.length = 0;
    const acct = await newMerchant("redeliver");
    await waitFor(() => received.find((d) => d.body.includes(acct.id)));
    const event = JSON.parse(received[0]?.body ?? "{}") as { id: string };
    await control(url, "POST", "webhooks/redeliver", { event_id: event.id, times: 2 });
    await waitFor(() => (received.filter((d) => d.body.includes(event.id)).length >= 3 ? true : undefined));
    const parsed = stripe.parseEventNotification(
      received[0]?.body ?? "",
      received[0]?.signature ?? "",
      dest.secret,
    );
    expect(parsed.id).toBe(event.id);
    // Held while paused, then released in the order asked for, like v1 deliveries.
    await control(url, "POST", "webhooks/pause");
    const held = await newMerchant("held");
    expect(received.some((d) => d.body.includes(held.id))).toBe(false);
    const released = await control<{ released: number }>(url, "POST", "webhooks/release", {
      order: "reversed",
    });
    expect(released.released).toBeGreaterThanOrEqual(1);
    await waitFor(() => received.find((d) => d.body.includes(held.id)));
  });

  it("sends connected accounts' v1 activity as thin v1.* events with the account as context", async () => {
    const dest = await control<{ id: string; secret: string }>(url, "POST", "event_destinations", {
      url: receiverUrl,
      enabled_events: ["v1.charge.dispute.created"],
      events_from: ["other_accounts"],
    });
    received.length = 0;
    const acct = await enabledAccount(stripe, url);
    await stripe.paymentIntents.create(
      { amount: 1500, currency: "usd", payment_method: "pm_card_createDispute", confirm: true },
      { stripeAccount: acct },
    );
    const delivery = await waitFor(() => received.find((d) => d.body.includes("v1.charge.dispute.created")));
    const note = stripe.parseEventNotification(delivery.body, delivery.signature, dest.secret);
    if (note.type !== "v1.charge.dispute.created") throw new Error(`unexpected ${note.type}`);
    expect(note.context?.toString()).toBe(acct);
    expect(note.related_object.url).toBe(`/v1/disputes/${note.related_object.id}`);
    // Fetched with `Stripe-Context: <account>`, which the sandbox treats like `Stripe-Account`.
    const dispute = await note.fetchRelatedObject();
    expect(dispute.object).toBe("dispute");
    const viaContext = await stripe
      .withStripeContext(Stripe.StripeContext.parse(acct))
      .disputes.retrieve(dispute.id);
    expect(viaContext.id).toBe(dispute.id);
    await control(url, "DELETE", "event_destinations");
  });
});

describe("seeding", () => {
  it("seeds Accounts v2 by default and v1 accounts on request", async () => {
    const v2 = await control<{ api: string }>(url, "POST", "seed", {
      seed: 3,
      accounts: 4,
      history_accounts: 0,
    });
    expect(v2.api).toBe("v2");
    const listed = await stripe.v2.core.accounts.list({ limit: 10 });
    expect(listed.data).toHaveLength(4);
    for (const a of listed.data) expect(a.applied_configurations).toEqual(["merchant", "recipient"]);
    expect(new Set(listed.data.map((a) => a.dashboard))).not.toContain(undefined);
    const v1 = await control<{ api: string }>(url, "POST", "seed", {
      seed: 3,
      accounts: 4,
      history_accounts: 0,
      api: "v1",
    });
    expect(v1.api).toBe("v1");
    const classic = await stripe.accounts.list({ limit: 10 });
    expect(classic.data.map((a) => a.id).sort()).toEqual(listed.data.map((a) => a.id).sort());
  });
});
