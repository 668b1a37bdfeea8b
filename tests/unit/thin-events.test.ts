import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import Stripe from "stripe";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getMirroredAccount } from "@/lib/accounts/mirror";
import { migrateToLatest, openDatabase, type DbHandle } from "@/lib/db/connection";
import { processAccountEvents, type ProcessDeps } from "@/lib/webhooks/process";
import { receiveThinEvent, receiveWebhook, type ReceiveThinDeps } from "@/lib/webhooks/receive";

/**
 * Thin events (the Accounts v2 destination) through the same store and per-account queue as snapshot events:
 * verified with parseEventNotification, recorded once, processed once and in `created` order per account, with the
 * related object fetched explicitly (the account with `include`, payouts and disputes with Stripe-Context). Stripe
 * is a small local server here that answers those reads and records them.
 */

const SECRET = "whsec_unit_thin";
const ACCOUNT = "acct_1UnitThinAccount";
const log = pino({ level: "silent" });

interface Seen {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}
let seen: Seen[] = [];
let accountState: "onboarding" | "enabled" = "onboarding";
let server: Server;
let stripe: Stripe;

function v2Account(id: string) {
  const active = accountState === "enabled";
  const status = active ? "active" : "restricted";
  const details = active ? [] : [{ code: "requirements_past_due", resolution: "provide_info" }];
  return {
    id,
    object: "v2.core.account",
    applied_configurations: ["merchant", "recipient"],
    closed: false,
    configuration: {
      customer: null,
      merchant: { applied: true, capabilities: { card_payments: { status, status_details: details } } },
      recipient: {
        applied: true,
        capabilities: { stripe_balance: { stripe_transfers: { status, status_details: details } } },
      },
    },
    contact_email: "owner@thin.test",
    created: "2026-11-01T10:00:00.000Z",
    dashboard: "none",
    defaults: {
      currency: "usd",
      responsibilities: {
        fees_collector: "application",
        losses_collector: "application",
        requirements_collector: "application",
      },
    },
    display_name: "Thin Bikes",
    identity: { country: "us", entity_type: "individual" },
    livemode: false,
    metadata: {},
    requirements: {
      entries: active
        ? []
        : [
            {
              awaiting_action_from: "user",
              description: "identity.individual.date_of_birth.day",
              errors: [],
              impact: { restricts_capabilities: [] },
              minimum_deadline: { status: "past_due" },
              requested_reasons: [{ code: "routine_onboarding" }],
            },
          ],
      summary: {},
    },
  };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    seen.push({ method: req.method ?? "", path: `${url.pathname}${url.search}`, headers: req.headers });
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const account = /^\/v2\/core\/accounts\/([^/]+)$/.exec(url.pathname);
    if (account?.[1]) return reply(200, v2Account(account[1]));
    const payout = /^\/v1\/payouts\/([^/]+)$/.exec(url.pathname);
    if (payout?.[1]) {
      return reply(200, {
        id: payout[1],
        object: "payout",
        amount: 4_200,
        currency: "usd",
        failure_code: "account_closed",
        failure_message: "The bank account has been closed.",
        arrival_date: 1_800_000_000,
      });
    }
    const dispute = /^\/v1\/disputes\/([^/]+)$/.exec(url.pathname);
    if (dispute?.[1]) {
      return reply(200, {
        id: dispute[1],
        object: "dispute",
        amount: 9_900,
        currency: "usd",
        reason: "fraudulent",
        charge: "ch_thin",
        payment_intent: "pi_thin",
        evidence_details: { due_by: 1_800_100_000 },
      });
    }
    return reply(404, { error: { type: "invalid_request_error", message: "No such object" } });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  stripe = new Stripe("sk_test_unit_thin", {
    host: "127.0.0.1",
    port,
    protocol: "http",
    telemetry: false,
    maxNetworkRetries: 0,
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

let handle: DbHandle;

beforeEach(async () => {
  seen = [];
  accountState = "onboarding";
  handle = openDatabase({ kind: "sqlite", path: ":memory:" });
  await migrateToLatest(handle.db);
  await handle.db
    .insertInto("tenants")
    .values({
      id: "ten_thin",
      name: "Thin",
      slug: "thin",
      stripe_account_id: ACCOUNT,
      created_at: Date.now(),
    })
    .execute();
});

afterEach(async () => {
  await handle.close();
});

const receiveDeps = (): ReceiveThinDeps => ({
  db: handle.db,
  stripe,
  eventDestinationSecret: SECRET,
  mode: "sandbox",
  log,
});
const processDeps = (): ProcessDeps => ({ db: handle.db, dialect: "sqlite", log, stripe: () => stripe });

let counter = 0;
function thin(
  type: string,
  relatedObject: { id: string; type: string },
  options: { context?: boolean } = {},
) {
  counter += 1;
  return {
    id: `evt_test_thin${counter}x${Date.now()}`,
    object: "v2.core.event",
    type,
    // Now (a read of the account made before this event must not hide it), strictly increasing.
    created: new Date(Date.now() + counter).toISOString(),
    livemode: false,
    ...(options.context === false ? {} : { context: ACCOUNT }),
    related_object: { ...relatedObject, url: `/v1/${relatedObject.type}s/${relatedObject.id}` },
    reason: { type: "request", request: { id: "req_thin", idempotency_key: "k" } },
  };
}
const accountEvent = (type: string) =>
  thin(type, { id: ACCOUNT, type: "v2.core.account" }, { context: false });

function signed(event: unknown, secret = SECRET) {
  const payload = JSON.stringify(event);
  return { payload, header: Stripe.webhooks.generateTestHeaderString({ payload, secret }) };
}

async function deliver(event: unknown) {
  const { payload, header } = signed(event);
  return receiveThinEvent(payload, header, receiveDeps());
}

describe("receiveThinEvent", () => {
  it("records a verified thin event once under its account, however often it is delivered", async () => {
    const event = accountEvent("v2.core.account[requirements].updated");
    const outcomes = await Promise.all([deliver(event), deliver(event), deliver(event)]);
    expect(outcomes.map((o) => o.ok && o.duplicate).sort()).toEqual([false, true, true]);
    const rows = await handle.db.selectFrom("webhook_events").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: event.id, account_id: ACCOUNT, status: "pending" });
    expect(rows[0]?.created).toBe(Date.parse(event.created));
  });

  it("refuses a wrong signature, a snapshot event, and any delivery without a configured secret", async () => {
    const event = accountEvent("v2.core.account.updated");
    const bad = signed(event, "whsec_someone_else");
    expect(await receiveThinEvent(bad.payload, bad.header, receiveDeps())).toEqual({
      ok: false,
      reason: "invalid_signature",
    });
    const snapshot = signed({
      id: "evt_snap",
      object: "event",
      type: "account.updated",
      created: 1,
      data: {},
    });
    expect(await receiveThinEvent(snapshot.payload, snapshot.header, receiveDeps())).toEqual({
      ok: false,
      reason: "invalid_payload",
    });
    const good = signed(event);
    expect(
      await receiveThinEvent(good.payload, good.header, { ...receiveDeps(), eventDestinationSecret: null }),
    ).toEqual({ ok: false, reason: "missing_signature" });
    // And the snapshot endpoint does not take thin events.
    expect(
      (await receiveWebhook(good.payload, good.header, { ...receiveDeps(), webhookSecret: SECRET })).ok,
    ).toBe(false);
    expect(await handle.db.selectFrom("webhook_events").selectAll().execute()).toHaveLength(0);
  });
});

describe("thin events through the per-account queue", () => {
  it("reads the account back with include and stores it in the mirror, versioned by the read", async () => {
    await deliver(accountEvent("v2.core.account.created"));
    expect(await processAccountEvents(processDeps(), ACCOUNT)).toBe(1);
    const read = seen.find((s) => s.path.startsWith(`/v2/core/accounts/${ACCOUNT}`));
    expect(read?.method).toBe("GET");
    const include = [...new URL(read?.path ?? "", "http://x").searchParams.entries()]
      .filter(([key]) => key.startsWith("include"))
      .map(([, value]) => value);
    expect(include).toEqual(
      expect.arrayContaining([
        "configuration.merchant",
        "configuration.recipient",
        "requirements",
        "defaults",
      ]),
    );
    const mirrored = await getMirroredAccount(ACCOUNT, handle.db);
    expect(mirrored).toMatchObject({
      tenantId: "ten_thin",
      status: "onboarding",
      requirementCollection: "application",
      dashboardType: "none",
      capabilities: { card_payments: "inactive", transfers: "inactive" },
    });
    expect(mirrored?.requirements.pastDue).toEqual(["identity.individual.date_of_birth.day"]);

    accountState = "enabled";
    await deliver(accountEvent("v2.core.account[configuration.merchant].capability_status_updated"));
    expect(await processAccountEvents(processDeps(), ACCOUNT)).toBe(1);
    expect(await getMirroredAccount(ACCOUNT, handle.db)).toMatchObject({
      status: "enabled",
      chargesEnabled: true,
      payoutsEnabled: true,
      capabilities: { card_payments: "active", transfers: "active" },
    });
  });

  it("processes duplicates and shuffled deliveries once each, in created order, with two instances racing", async () => {
    const events = [
      thin("v1.payout.failed", { id: "po_thin1", type: "payout" }),
      thin("v1.charge.dispute.created", { id: "dp_thin2", type: "dispute" }),
      thin("v1.payout.failed", { id: "po_thin3", type: "payout" }),
      thin("v1.charge.dispute.created", { id: "dp_thin4", type: "dispute" }),
    ];
    // Delivered newest first, each twice, the copies at the same time.
    for (const event of [...events].reverse()) await Promise.all([deliver(event), deliver(event)]);
    const counts = await Promise.all([
      processAccountEvents(processDeps(), ACCOUNT),
      processAccountEvents(processDeps(), ACCOUNT),
    ]);
    expect(counts[0] + counts[1]).toBe(4);
    // Each related object fetched once, oldest event first, acting as the account through Stripe-Context.
    const fetches = seen.filter((s) => /^\/v1\/(payouts|disputes)\//.test(s.path));
    expect(fetches.map((s) => s.path)).toEqual([
      "/v1/payouts/po_thin1",
      "/v1/disputes/dp_thin2",
      "/v1/payouts/po_thin3",
      "/v1/disputes/dp_thin4",
    ]);
    for (const fetch of fetches) {
      expect(fetch.headers["stripe-context"]).toBe(ACCOUNT);
      expect(fetch.headers["stripe-account"]).toBeUndefined();
    }
    const rows = await handle.db.selectFrom("webhook_events").select(["status", "attempts"]).execute();
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(Array(4).fill(["processed", 1]));
    const notices = await handle.db
      .selectFrom("tenant_notices")
      .select(["event_id", "kind"])
      .orderBy("created_at")
      .execute();
    expect(notices.map((n) => [n.event_id, n.kind])).toEqual([
      [events[0]?.id, "payout_failed"],
      [events[1]?.id, "dispute_created"],
      [events[2]?.id, "payout_failed"],
      [events[3]?.id, "dispute_created"],
    ]);
    // Redelivered after processing: still nothing new.
    await deliver(events[0]);
    expect(await processAccountEvents(processDeps(), ACCOUNT)).toBe(0);
    expect(await handle.db.selectFrom("tenant_notices").selectAll().execute()).toHaveLength(4);
  });

  it("ignores thin events of an account the platform does not know", async () => {
    const stranger = {
      ...accountEvent("v2.core.account.updated"),
      related_object: {
        id: "acct_1Stranger",
        type: "v2.core.account",
        url: "/v2/core/accounts/acct_1Stranger",
      },
    };
    await deliver(stranger);
    expect(await processAccountEvents(processDeps(), "acct_1Stranger")).toBe(1);
    const row = await handle.db.selectFrom("webhook_events").selectAll().executeTakeFirst();
    expect(row).toMatchObject({ status: "ignored", last_error: "unknown account" });
    expect(seen).toHaveLength(0);
  });
});
