import pino from "pino";
import Stripe from "stripe";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase, type DbHandle } from "@/lib/db/connection";
import { processAccountEvents, type ProcessDeps } from "@/lib/webhooks/process";
import { receiveWebhook, type ReceiveDeps } from "@/lib/webhooks/receive";
import { CLAIM_MS, MAX_ATTEMPTS } from "@/lib/webhooks/routing";

const SECRET = "whsec_unit_test";
const ACCOUNT = "acct_1UnitTestAccount";
const stripe = new Stripe("sk_test_unit", { telemetry: false });
const log = pino({ level: "silent" });

let handle: DbHandle;

beforeEach(async () => {
  handle = openDatabase({ kind: "sqlite", path: ":memory:" });
  await migrateToLatest(handle.db);
  await handle.db
    .insertInto("tenants")
    .values({
      id: "ten_unit",
      name: "Unit",
      slug: "unit",
      stripe_account_id: ACCOUNT,
      created_at: Date.now(),
    })
    .execute();
});

afterEach(async () => {
  await handle.close();
});

function receiveDeps(mode: ReceiveDeps["mode"] = "sandbox"): ReceiveDeps {
  return { db: handle.db, stripe, webhookSecret: SECRET, mode, log };
}

function processDeps(): ProcessDeps {
  return { db: handle.db, dialect: "sqlite", log, stripe: () => stripe };
}

let counter = 0;
function payoutFailed(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    id: `evt_unit${counter}${Date.now()}`,
    object: "event",
    account: ACCOUNT,
    api_version: "2026-10-28.endive",
    created: 1_800_000_000 + counter,
    livemode: false,
    type: "payout.failed",
    data: {
      object: {
        id: `po_unit${counter}`,
        object: "payout",
        amount: 12_000,
        currency: "usd",
        failure_code: "no_account",
        failure_message: "No bank account could be located.",
        arrival_date: 1_800_000_000,
      },
    },
    ...overrides,
  };
}

function signed(event: unknown, timestamp?: number) {
  const payload = JSON.stringify(event);
  return {
    payload,
    header: Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: SECRET,
      ...(timestamp !== undefined ? { timestamp } : {}),
    }),
  };
}

describe("receiveWebhook", () => {
  it("records a verified event once, however many times it is delivered", async () => {
    const { payload, header } = signed(payoutFailed());
    const outcomes = await Promise.all([1, 2, 3].map(() => receiveWebhook(payload, header, receiveDeps())));
    expect(outcomes.filter((o) => o.ok && !o.duplicate)).toHaveLength(1);
    expect(outcomes.every((o) => o.ok && o.status === "pending")).toBe(true);
    const rows = await handle.db.selectFrom("webhook_events").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.payload).toBe(payload);
  });

  it("refuses bad, stale and far-future signatures without writing anything", async () => {
    const { payload } = signed(payoutFailed());
    const now = Math.floor(Date.now() / 1000);
    expect(await receiveWebhook(payload, null, receiveDeps())).toEqual({
      ok: false,
      reason: "missing_signature",
    });
    expect(await receiveWebhook(payload, "t=1,v1=00", receiveDeps())).toEqual({
      ok: false,
      reason: "invalid_signature",
    });
    for (const timestamp of [now - 301, now + 301]) {
      const header = signed(JSON.parse(payload), timestamp).header;
      expect(await receiveWebhook(payload, header, receiveDeps())).toEqual({
        ok: false,
        reason: "invalid_signature",
      });
    }
    expect(await handle.db.selectFrom("webhook_events").selectAll().execute()).toEqual([]);
  });

  it("records events of the other mode as ignored", async () => {
    const { payload, header } = signed(payoutFailed({ livemode: true }));
    const outcome = await receiveWebhook(payload, header, receiveDeps("test"));
    expect(outcome).toMatchObject({ ok: true, status: "ignored" });
    const live = signed(payoutFailed({ livemode: false }));
    expect(await receiveWebhook(live.payload, live.header, receiveDeps("live"))).toMatchObject({
      ok: true,
      status: "ignored",
    });
  });
});

describe("processAccountEvents", () => {
  async function record(event: ReturnType<typeof payoutFailed>) {
    const { payload, header } = signed(event);
    const outcome = await receiveWebhook(payload, header, receiveDeps());
    expect(outcome.ok).toBe(true);
  }

  it("processes each event once even when two processors race, in created order", async () => {
    const events = [payoutFailed(), payoutFailed(), payoutFailed()];
    // Recorded newest first: processing still follows `created`.
    for (const event of [...events].reverse()) await record(event);
    const counts = await Promise.all([
      processAccountEvents(processDeps(), ACCOUNT),
      processAccountEvents(processDeps(), ACCOUNT),
    ]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(3);
    const rows = await handle.db
      .selectFrom("webhook_events")
      .select(["id", "status", "attempts", "processed_at"])
      .orderBy("processed_at")
      .orderBy("created")
      .execute();
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ["processed", 1],
      ["processed", 1],
      ["processed", 1],
    ]);
    const notices = await handle.db.selectFrom("tenant_notices").select(["event_id", "kind"]).execute();
    expect(notices.map((n) => n.event_id).sort()).toEqual(events.map((e) => e.id).sort());
  });

  it("does not touch an account another instance is processing, and retakes an abandoned claim", async () => {
    const event = payoutFailed();
    await record(event);
    const now = Date.now();
    // Another instance holds a live claim on this account's event.
    await handle.db
      .updateTable("webhook_events")
      .set({ status: "processing", locked_until: now + CLAIM_MS, attempts: 1 })
      .where("id", "=", event.id)
      .execute();
    expect(await processAccountEvents(processDeps(), ACCOUNT)).toBe(0);
    // It died: its lease ran out, so the event is taken again and finished.
    await handle.db
      .updateTable("webhook_events")
      .set({ locked_until: now - 1 })
      .where("id", "=", event.id)
      .execute();
    expect(await processAccountEvents(processDeps(), ACCOUNT)).toBe(1);
    const row = await handle.db
      .selectFrom("webhook_events")
      .selectAll()
      .where("id", "=", event.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("processed");
    expect(row.attempts).toBe(2);
  });

  it("marks a failing event failed with its error, retries it later, and gives up after the last attempt", async () => {
    const event = payoutFailed();
    await record(event);
    // The tenant's notices table is gone: every attempt fails.
    await handle.db.schema.dropTable("tenant_notices").execute();
    expect(await processAccountEvents(processDeps(), ACCOUNT)).toBe(1);
    let row = await handle.db
      .selectFrom("webhook_events")
      .selectAll()
      .where("id", "=", event.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("failed");
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/tenant_notices/);
    expect(Number(row.locked_until)).toBeGreaterThan(Date.now());
    // Not before its retry time…
    expect(await processAccountEvents(processDeps(), ACCOUNT)).toBe(0);
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      await handle.db
        .updateTable("webhook_events")
        .set({ locked_until: Date.now() - 1 })
        .where("id", "=", event.id)
        .execute();
      await processAccountEvents(processDeps(), ACCOUNT);
    }
    row = await handle.db
      .selectFrom("webhook_events")
      .selectAll()
      .where("id", "=", event.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("failed");
    expect(row.attempts).toBe(MAX_ATTEMPTS);
    expect(row.locked_until).toBeNull();
    // Given up on: never taken again.
    expect(await processAccountEvents(processDeps(), ACCOUNT)).toBe(0);
  });

  it("ignores an event for an account the platform does not know", async () => {
    const event = payoutFailed({ account: "acct_1SomebodyElse" });
    await record(event);
    await processAccountEvents(processDeps(), "acct_1SomebodyElse");
    const row = await handle.db
      .selectFrom("webhook_events")
      .selectAll()
      .where("id", "=", event.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("ignored");
    expect(await handle.db.selectFrom("tenant_notices").selectAll().execute()).toEqual([]);
  });
});
