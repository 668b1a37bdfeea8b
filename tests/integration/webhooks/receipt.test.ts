import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/connection";
import {
  buildEvent,
  deliver,
  emulatorStripe,
  eventId,
  openTestDatabase,
  settledEvent,
  tenantAccountId,
} from "./helpers";

let handle: DbHandle;
let acme: { tenantId: string; accountId: string };
let acmeAccount: Stripe.Account;

beforeAll(async () => {
  handle = openTestDatabase();
  acme = await tenantAccountId(handle, "acme-bikes");
  acmeAccount = await emulatorStripe().accounts.retrieve(acme.accountId);
});

afterAll(async () => {
  await handle.close();
});

async function eventRows(id: string) {
  return handle.db.selectFrom("webhook_events").selectAll().where("id", "=", id).execute();
}

async function mirrorRow(accountId: string) {
  return handle.db
    .selectFrom("stripe_accounts")
    .selectAll()
    .where("id", "=", accountId)
    .executeTakeFirstOrThrow();
}

describe("POST /api/webhooks/stripe: verification", () => {
  const staleObject = () => ({
    ...acmeAccount,
    business_profile: { ...acmeAccount.business_profile, name: "Forged" },
  });

  it("answers 400 to a bad, missing or foreign signature and records nothing", async () => {
    const before = await mirrorRow(acme.accountId);
    const event = buildEvent({
      type: "account.updated",
      account: acme.accountId,
      object: staleObject(),
      created: Math.floor(Date.now() / 1000) + 60,
    });
    const payload = JSON.stringify(event);
    const attempts = [
      await deliver(payload, { secret: "whsec_some_other_endpoint" }),
      await deliver(payload, { signature: null }),
      await deliver(payload, { signature: "t=1,v1=deadbeef" }),
      await deliver(payload, { signature: "garbage" }),
      // Signed, then tampered with: the signature covers the raw body.
      await deliver(payload, {
        signature: Stripe.webhooks.generateTestHeaderString({
          payload: payload.replace("Forged", "Forgex"),
          secret: "whsec_portico_sandbox",
        }),
      }),
    ];
    for (const response of attempts) {
      expect(response.status).toBe(400);
      const body = await response.text();
      expect(body).not.toContain("whsec_");
    }
    expect(await eventRows(event.id)).toEqual([]);
    const after = await mirrorRow(acme.accountId);
    expect(after.business_name).toBe(before.business_name);
    expect(after.stripe_updated_at).toBe(before.stripe_updated_at);
  });

  it("accepts a delivery signed during a secret roll: two v1 signatures, the configured secret's in either place", async () => {
    // While an endpoint's secret is rolled, Stripe signs each delivery with the old and the new secret.
    const timestamp = Math.floor(Date.now() / 1000);
    const v1 = (payload: string, secret: string) =>
      Stripe.webhooks
        .generateTestHeaderString({ payload, secret, timestamp })
        .split(",")
        .find((part) => part.startsWith("v1="));
    for (const ours of ["first", "second"] as const) {
      const event = buildEvent({ type: "payment_intent.succeeded", account: acme.accountId, object: {} });
      const payload = JSON.stringify(event);
      const mine = v1(payload, "whsec_portico_sandbox");
      const other = v1(payload, "whsec_the_other_secret_of_the_roll");
      const signatures = ours === "first" ? [mine, other] : [other, mine];
      const response = await deliver(payload, { signature: [`t=${timestamp}`, ...signatures].join(",") });
      expect(response.status, `configured secret ${ours}`).toBe(200);
      expect(await eventRows(event.id)).toHaveLength(1);
    }
    // Only the other secret's signature: refused.
    const event = buildEvent({ type: "payment_intent.succeeded", account: acme.accountId, object: {} });
    const payload = JSON.stringify(event);
    const onlyOther = `t=${timestamp},${v1(payload, "whsec_the_other_secret_of_the_roll")}`;
    expect((await deliver(payload, { signature: onlyOther })).status).toBe(400);
    expect(await eventRows(event.id)).toEqual([]);
  });

  it("answers 400 to a signature older than 300 seconds (a replay) and records nothing", async () => {
    const event = buildEvent({ type: "payout.failed", account: acme.accountId, object: {} });
    const payload = JSON.stringify(event);
    const old = await deliver(payload, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(old.status).toBe(400);
    const future = await deliver(payload, { timestamp: Math.floor(Date.now() / 1000) + 400 });
    expect(future.status).toBe(400);
    expect(await eventRows(event.id)).toEqual([]);
    // A fresh signature over the same body is accepted: the tolerance is what refused it.
    const fresh = await deliver(payload, { timestamp: Math.floor(Date.now() / 1000) - 200 });
    expect(fresh.status).toBe(200);
  });

  it("answers 400 to a correctly signed body that is not a Stripe event", async () => {
    const response = await deliver(JSON.stringify({ hello: "world" }));
    expect(response.status).toBe(400);
    const notJson = await deliver("not json");
    expect(notJson.status).toBe(400);
  });

  it("is exempt from the Origin check and needs no session", async () => {
    const event = buildEvent({ type: "person.updated", account: acme.accountId, object: { id: "person_1" } });
    const payload = JSON.stringify(event);
    const response = await fetch(new URL("/api/webhooks/stripe", process.env.PORTICO_TEST_APP_URL), {
      method: "POST",
      headers: {
        origin: "https://evil.example",
        "stripe-signature": Stripe.webhooks.generateTestHeaderString({
          payload,
          secret: "whsec_portico_sandbox",
        }),
      },
      body: payload,
    });
    expect(response.status).toBe(200);
    expect((await settledEvent(handle, event.id)).status).toBe("processed");
  });
});

describe("POST /api/webhooks/stripe: recording and processing", () => {
  it("processes an event delivered several times at once exactly once", async () => {
    const event = buildEvent({
      type: "payout.failed",
      account: acme.accountId,
      object: {
        id: `po_dup${Date.now()}`,
        object: "payout",
        amount: 3_300,
        currency: "usd",
        arrival_date: Math.floor(Date.now() / 1000),
        failure_code: "account_closed",
        failure_message: "The bank account has been closed.",
        status: "failed",
      },
    });
    const payload = JSON.stringify(event);
    const responses = await Promise.all(Array.from({ length: 6 }, () => deliver(payload)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const bodies = await Promise.all(responses.map((r) => r.json() as Promise<{ duplicate: boolean }>));
    expect(bodies.filter((b) => !b.duplicate)).toHaveLength(1);
    const row = await settledEvent(handle, event.id);
    expect(row.status).toBe("processed");
    expect(row.attempts).toBe(1);
    expect(await eventRows(event.id)).toHaveLength(1);
    // A later redelivery changes nothing either.
    expect((await deliver(payload)).status).toBe(200);
    const notices = await handle.db
      .selectFrom("tenant_notices")
      .select(["tenant_id", "kind"])
      .where("event_id", "=", event.id)
      .execute();
    expect(notices).toEqual([{ tenant_id: acme.tenantId, kind: "payout_failed" }]);
  });

  it("keeps the newest account state when account.updated events arrive out of order", async () => {
    const newer = Math.floor(Date.now() / 1000) + 2;
    const newest = buildEvent({
      type: "account.updated",
      account: acme.accountId,
      object: acmeAccount,
      created: newer,
    });
    const stale = buildEvent({
      type: "account.updated",
      account: acme.accountId,
      created: newer - 30,
      object: {
        ...acmeAccount,
        charges_enabled: false,
        business_profile: { ...acmeAccount.business_profile, name: "Stale Acme" },
      },
    });
    expect((await deliver(JSON.stringify(newest))).status).toBe(200);
    expect((await settledEvent(handle, newest.id)).status).toBe("processed");
    expect((await deliver(JSON.stringify(stale))).status).toBe(200);
    const staleRow = await settledEvent(handle, stale.id);
    expect(staleRow.status).toBe("processed");
    expect(staleRow.last_error).toMatch(/older/);

    const mirror = await mirrorRow(acme.accountId);
    expect(mirror.business_name).not.toBe("Stale Acme");
    expect(mirror.charges_enabled).toBe(acmeAccount.charges_enabled ? 1 : 0);
    expect(Number(mirror.stripe_updated_at)).toBeGreaterThanOrEqual(newer * 1000);
    expect(mirror.tenant_id).toBe(acme.tenantId);
  });

  it("acknowledges an event for an unknown account, ignores it and logs a warning", async () => {
    const unknown = "acct_1UnknownToPortico00";
    const event = buildEvent({
      type: "account.updated",
      account: unknown,
      object: { ...acmeAccount, id: unknown },
    });
    const response = await deliver(JSON.stringify(event));
    expect(response.status).toBe(200);
    const row = await settledEvent(handle, event.id);
    expect(row.status).toBe("ignored");
    expect(row.last_error).toMatch(/unknown account/);
    expect(
      await handle.db.selectFrom("stripe_accounts").select("id").where("id", "=", unknown).executeTakeFirst(),
    ).toBeUndefined();
  });

  it("never takes the tenant from ids inside data.object", async () => {
    const globex = await tenantAccountId(handle, "globex-coffee");
    // An event of an unknown account whose object names Globex's account.
    const event = buildEvent({
      type: "charge.dispute.created",
      account: "acct_1UnknownToPortico01",
      object: {
        id: "dp_spoofed",
        object: "dispute",
        amount: 100,
        currency: "usd",
        reason: "fraudulent",
        charge: "ch_spoofed00",
        payment_intent: null,
        account: globex.accountId,
        evidence_details: { due_by: null },
      },
    });
    expect((await deliver(JSON.stringify(event))).status).toBe(200);
    expect((await settledEvent(handle, event.id)).status).toBe("ignored");
    expect(
      await handle.db.selectFrom("tenant_notices").select("id").where("event_id", "=", event.id).execute(),
    ).toEqual([]);
  });

  it("records an event of the wrong livemode as ignored and answers 2xx", async () => {
    const event = buildEvent({
      type: "account.updated",
      account: acme.accountId,
      livemode: true,
      created: Math.floor(Date.now() / 1000) + 120,
      object: { ...acmeAccount, livemode: true, business_profile: { name: "Live Acme" } },
    });
    const response = await deliver(JSON.stringify(event));
    expect(response.status).toBe(200);
    const [row] = await eventRows(event.id);
    expect(row?.status).toBe("ignored");
    expect(row?.last_error).toBe("livemode_mismatch");
    expect((await mirrorRow(acme.accountId)).business_name).not.toBe("Live Acme");
  });

  it("records and acknowledges subscribed events it has nothing to do for", async () => {
    for (const type of ["person.updated", "account.external_account.updated", "payment_intent.succeeded"]) {
      const event = buildEvent({ type, account: acme.accountId, object: { id: `obj_${eventId()}` } });
      expect((await deliver(JSON.stringify(event))).status).toBe(200);
      expect((await settledEvent(handle, event.id)).status).toBe("processed");
    }
  });
});
