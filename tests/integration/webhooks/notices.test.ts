import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/connection";
import { AppClient } from "../../support/app-client";
import { buildEvent, deliver, openTestDatabase, settledEvent, tenantAccountId } from "./helpers";

let handle: DbHandle;
let acme: { tenantId: string; accountId: string };

beforeAll(async () => {
  handle = openTestDatabase();
  acme = await tenantAccountId(handle, "acme-bikes");
});

afterAll(async () => {
  await handle.close();
});

async function signedIn(email: string): Promise<AppClient> {
  const client = new AppClient();
  expect((await client.signIn(email)).status).toBe(200);
  return client;
}

async function homeText(client: AppClient): Promise<string> {
  const response = await client.request("/");
  expect(response.status).toBe(200);
  // Text content only; React may split text nodes with comments.
  return (await response.text()).replace(/<!-- -->/g, "").replace(/&#x27;/g, "'");
}

async function noticeFor(eventId: string): Promise<{ id: string; dismissed_at: number | null }> {
  await settledEvent(handle, eventId);
  return handle.db
    .selectFrom("tenant_notices")
    .select(["id", "dismissed_at"])
    .where("event_id", "=", eventId)
    .executeTakeFirstOrThrow();
}

describe("tenant notices from webhooks", () => {
  it("shows a failed payout to the tenant in plain words, and only its members may dismiss it", async () => {
    const event = buildEvent({
      type: "payout.failed",
      account: acme.accountId,
      object: {
        id: `po_test${Date.now()}`,
        object: "payout",
        amount: 12_000,
        currency: "usd",
        arrival_date: Math.floor(Date.now() / 1000),
        failure_code: "no_account",
        failure_message:
          "The bank account details on file are probably incorrect. No bank account could be located with those details.",
        status: "failed",
      },
    });
    expect((await deliver(JSON.stringify(event))).status).toBe(200);
    const notice = await noticeFor(event.id);

    const owner = await signedIn("owner@acme.test");
    const text = "A payout of $120.00 failed: the bank account could not be found.";
    expect(await homeText(owner)).toContain(text);
    // Another business never sees it, and cannot dismiss it.
    const globex = await signedIn("owner@globex.test");
    expect(await homeText(globex)).not.toContain(text);
    const foreign = await globex.request(`/api/notices/${notice.id}/dismiss`, { method: "POST" });
    expect(foreign.status).toBe(404);
    const bogus = await globex.request(`/api/notices/not-a-notice/dismiss`, { method: "POST" });
    expect(bogus.status).toBe(404);
    expect(
      (await new AppClient().request(`/api/notices/${notice.id}/dismiss`, { method: "POST" })).status,
    ).toBe(401);
    // A cross-site dismissal is refused like any other state change.
    const staff = await signedIn("staff@acme.test");
    const crossSite = await staff.request(`/api/notices/${notice.id}/dismiss`, {
      method: "POST",
      origin: "https://evil.example",
    });
    expect(crossSite.status).toBe(403);
    expect(
      (
        await handle.db
          .selectFrom("tenant_notices")
          .select("dismissed_at")
          .where("id", "=", notice.id)
          .executeTakeFirstOrThrow()
      ).dismissed_at,
    ).toBeNull();

    // A viewer is read-only: the notice is theirs to read, not to dismiss for everyone.
    const viewer = await signedIn("viewer@acme.test");
    expect((await viewer.request(`/api/notices/${notice.id}/dismiss`, { method: "POST" })).status).toBe(403);
    expect(await homeText(viewer)).toContain(text);

    // A member who may act (here staff) dismisses it; then it is gone for everyone there, on the record.
    const dismissed = await staff.request(`/api/notices/${notice.id}/dismiss`, { method: "POST" });
    expect(dismissed.status).toBe(200);
    expect(await homeText(owner)).not.toContain(text);
    const row = await handle.db
      .selectFrom("tenant_notices")
      .select("dismissed_at")
      .where("id", "=", notice.id)
      .executeTakeFirstOrThrow();
    expect(row.dismissed_at).not.toBeNull();
    const audit = await handle.db
      .selectFrom("audit_log")
      .select(["actor_email", "actor_role", "details"])
      .where("action", "=", "notice.dismissed")
      .where("details", "like", `%${notice.id}%`)
      .execute();
    expect(audit).toEqual([
      {
        actor_email: "staff@acme.test",
        actor_role: "staff",
        details: JSON.stringify({ noticeId: notice.id }),
      },
    ]);
  });

  it("tells the tenant about a new dispute, with the reason, the deadline and a link to the payment", async () => {
    const dueBy = Date.UTC(2030, 0, 15, 12) / 1000;
    const event = buildEvent({
      type: "charge.dispute.created",
      account: acme.accountId,
      object: {
        id: `dp_test${Date.now()}`,
        object: "dispute",
        amount: 4_500,
        currency: "usd",
        charge: "ch_testdispute01",
        payment_intent: "pi_testdispute01",
        reason: "fraudulent",
        status: "needs_response",
        evidence_details: { due_by: dueBy, has_evidence: false, past_due: false, submission_count: 0 },
      },
    });
    expect((await deliver(JSON.stringify(event))).status).toBe(200);
    const notice = await noticeFor(event.id);
    const staff = await signedIn("staff@acme.test");
    const html = await homeText(staff);
    expect(html).toContain(
      "A customer disputed a $45.00 payment (reason: fraudulent). Respond by January 15, 2030.",
    );
    expect(html).toContain('href="/payments/pi_testdispute01"');
    const dismiss = await staff.request(`/api/notices/${notice.id}/dismiss`, { method: "POST" });
    expect(dismiss.status).toBe(200);
    // Dismissing twice is harmless.
    expect((await staff.request(`/api/notices/${notice.id}/dismiss`, { method: "POST" })).status).toBe(200);
  });
});
