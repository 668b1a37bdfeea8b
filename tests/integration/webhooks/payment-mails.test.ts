import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/connection";
import { emulatorUrl } from "../../support/emulator-client";
import { linkTo, listMail, waitForMail } from "../../support/mailbox";
import { addMember, newOwner, type Person } from "../identity/account-helpers";
import { buildEvent, deliver, openTestDatabase, settledEvent, waitFor } from "./helpers";

/**
 * The payment mails Stripe leaves to the platform: a new dispute and a failed payout reach every owner of the
 * business who has not opted out — once per event per owner, whatever the redeliveries and retries, in each owner's
 * language — and a mail outage neither fails nor slows the webhook.
 */

let db: DbHandle;
let owner: Person;
let frenchOwner: Person;
let optedOut: Person;
let staffMember: Person;
let accountId = "";

async function setMailOutage(down: boolean): Promise<void> {
  const response = await fetch(new URL("/_emulator/mail/outage", emulatorUrl()), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ down }),
  });
  expect(response.ok).toBe(true);
}

beforeAll(async () => {
  db = openTestDatabase();
  owner = await newOwner(db, "paymails");
  frenchOwner = await newOwner(db, "paymailsfr");
  optedOut = await newOwner(db, "paymailsout");
  staffMember = await newOwner(db, "paymailsstaff");
  await addMember(db, owner, frenchOwner, "owner");
  await addMember(db, owner, optedOut, "owner");
  await addMember(db, owner, staffMember, "staff");
  const french = await frenchOwner.client.request("/api/settings", {
    method: "PUT",
    body: { theme: "system", brandColor: null, overlay: "dialog", locale: "fr" },
  });
  expect(french.status).toBe(200);
  const out = await optedOut.client.request("/api/settings/notifications", {
    method: "PUT",
    body: { paymentMails: false },
  });
  expect(out.status).toBe(200);
  expect(await out.json()).toEqual({ paymentMails: false });
  const tenant = await db.db
    .selectFrom("tenants")
    .select("stripe_account_id")
    .where("id", "=", owner.tenantId)
    .executeTakeFirstOrThrow();
  accountId = String(tenant.stripe_account_id);
  expect(accountId).toMatch(/^acct_/);
}, 180_000);

afterEach(async () => {
  await setMailOutage(false);
});

afterAll(async () => {
  await db.close();
});

const outboxRows = (kind: string, eventId: string) =>
  db.db
    .selectFrom("mail_outbox")
    .select(["recipient", "status"])
    .where("dedupe_key", "like", `${kind}:${eventId}:%`)
    .orderBy("recipient")
    .execute();

/** Long enough for a second mail to have been sent had one been queued (the outbox kicks within ~50 ms). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

describe("payment mails to owners", () => {
  it("mail a new dispute once to each opted-in owner, in their language, however often it is delivered", async () => {
    const dueBy = Math.floor(Date.UTC(2031, 2, 3) / 1000);
    const event = buildEvent({
      type: "charge.dispute.created",
      account: accountId,
      object: {
        id: `dp_test${Date.now()}`,
        object: "dispute",
        amount: 4900,
        currency: "usd",
        reason: "product_not_received",
        charge: "ch_test1234567890",
        payment_intent: "pi_test1234567890",
        evidence_details: { due_by: dueBy },
        status: "needs_response",
      },
    });
    const payload = JSON.stringify(event);
    const since = Date.now() - 1000;
    // Stripe redelivers, and duplicates arrive at once.
    const answers = await Promise.all([deliver(payload), deliver(payload), deliver(payload)]);
    for (const answer of answers) expect(answer.status).toBe(200);
    await settledEvent(db, event.id);
    expect((await deliver(payload)).status).toBe(200);

    const english = await waitForMail(owner.email, { since, match: (m) => /New dispute/.test(m.subject) });
    expect(english.subject).toBe("New dispute: $49.00 on paymails Works");
    expect(english.text).toContain("(reason: product not received)");
    expect(english.text).toContain("before March 3, 2031");
    expect(linkTo(english, "/payments/pi_test1234567890")).not.toBeNull();
    const french = await waitForMail(frenchOwner.email, {
      since,
      match: (m) => /Nouveau litige/.test(m.subject),
    });
    expect(french.subject).toContain("49,00");
    expect(french.text).toContain("motif : produit non reçu");
    expect(french.text).toContain("3 mars 2031");

    // A processing that runs again (a lease that ran out, an instance that died mid-way) mails nobody again.
    await db.db
      .updateTable("webhook_events")
      .set({ status: "pending", locked_until: null })
      .where("id", "=", event.id)
      .execute();
    await settledEvent(db, event.id);
    expect((await deliver(payload)).status).toBe(200);
    await settle();

    const mailsTo = async (person: Person) =>
      (await listMail(person.email, since)).filter((m) => /dispute|litige/i.test(m.subject));
    expect(await mailsTo(owner)).toHaveLength(1);
    expect(await mailsTo(frenchOwner)).toHaveLength(1);
    expect(await mailsTo(optedOut)).toHaveLength(0);
    expect(await mailsTo(staffMember)).toHaveLength(0);
    expect((await outboxRows("dispute_created", event.id)).map((r) => r.recipient)).toEqual(
      [owner.email, frenchOwner.email].sort(),
    );
    // The notice on the business's Home is there once too.
    const notices = await db.db
      .selectFrom("tenant_notices")
      .select("id")
      .where("event_id", "=", event.id)
      .execute();
    expect(notices).toHaveLength(1);
  });

  it("mail a failed payout with why it failed and a link to it; an owner who opts back in gets the next one", async () => {
    const back = await optedOut.client.request("/api/settings/notifications", {
      method: "PUT",
      body: { paymentMails: true },
    });
    expect(back.status).toBe(200);
    const payoutId = `po_test${Date.now()}`;
    const event = buildEvent({
      type: "payout.failed",
      account: accountId,
      object: {
        id: payoutId,
        object: "payout",
        amount: 12_000,
        currency: "usd",
        arrival_date: Math.floor(Date.now() / 1000),
        failure_code: "no_account",
        failure_message: "No bank account could be located with those details.",
        status: "failed",
      },
    });
    const since = Date.now() - 1000;
    expect((await deliver(JSON.stringify(event))).status).toBe(200);
    await settledEvent(db, event.id);
    const mail = await waitForMail(owner.email, { since, match: (m) => /payout of/.test(m.subject) });
    expect(mail.subject).toBe("A payout of $120.00 failed for paymails Works");
    expect(mail.text).toContain("failed: the bank account could not be found.");
    expect(linkTo(mail, `/payouts/${payoutId}`)).not.toBeNull();
    await waitForMail(optedOut.email, { since, match: (m) => /payout of/.test(m.subject) });
    await waitForMail(frenchOwner.email, { since, match: (m) => /virement/.test(m.subject) });
    await settle();
    expect(await listMail(staffMember.email, since)).toHaveLength(0);
    expect(await outboxRows("payout_failed", event.id)).toHaveLength(3);
  });

  it("never fails or holds up the webhook while mail is down, and sends once it is back", async () => {
    await setMailOutage(true);
    const event = buildEvent({
      type: "payout.failed",
      account: accountId,
      object: {
        id: `po_test${Date.now()}`,
        object: "payout",
        amount: 5000,
        currency: "usd",
        arrival_date: Math.floor(Date.now() / 1000),
        failure_code: "account_closed",
        failure_message: "The bank account has been closed.",
        status: "failed",
      },
    });
    const since = Date.now() - 1000;
    const started = Date.now();
    const answer = await deliver(JSON.stringify(event));
    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000);
    const settled = await settledEvent(db, event.id);
    expect(settled.status).toBe("processed");
    // Queued, tried and kept for a retry; nothing reached an inbox.
    await waitFor(
      async () => (await outboxRows("payout_failed", event.id)).length === 3,
      "the payout mails to be queued",
    );
    expect(await listMail(owner.email, since)).toHaveLength(0);
    await setMailOutage(false);
    const mail = await waitForMail(owner.email, {
      since,
      match: (m) => /\$50\.00/.test(m.subject),
      timeoutMs: 40_000,
    });
    expect(mail.text).toContain("the bank account has been closed");
  });
});
