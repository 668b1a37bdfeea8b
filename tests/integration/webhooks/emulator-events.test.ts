import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/connection";
import { emulatorUrl } from "../../support/emulator-client";
import { openTestDatabase, tenantAccountId, waitFor } from "./helpers";
import { connectedAccountsApiInForce } from "@/scripts/lib/emulator";

let handle: DbHandle;
let globex: { tenantId: string; accountId: string };

async function forceState(accountId: string, state: "enabled" | "restricted"): Promise<void> {
  const response = await fetch(new URL(`/_emulator/accounts/${accountId}/state`, emulatorUrl()), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ state }),
  });
  expect(response.status).toBe(200);
}

async function mirrorStatus(accountId: string) {
  return handle.db
    .selectFrom("stripe_accounts")
    .select(["status", "charges_enabled", "past_due_count"])
    .where("id", "=", accountId)
    .executeTakeFirstOrThrow();
}

beforeAll(async () => {
  handle = openTestDatabase();
  globex = await tenantAccountId(handle, "globex-coffee");
});

afterAll(async () => {
  // Leave the demo business as the other suites expect it.
  await forceState(globex.accountId, "enabled");
  await waitFor(
    async () => (await mirrorStatus(globex.accountId)).status === "enabled",
    "Globex enabled again",
  );
  await handle.close();
});

describe("events emitted by the Stripe sandbox", () => {
  it("reach the app, signed, and keep the accounts mirror current", async () => {
    const since = Math.floor(Date.now() / 1000) - 1;
    await forceState(globex.accountId, "restricted");
    const restricted = await waitFor(async () => {
      const row = await mirrorStatus(globex.accountId);
      return row.status === "restricted" ? row : null;
    }, "the mirror to show Globex restricted");
    expect(restricted.past_due_count).toBeGreaterThan(0);

    // The sandbox delivered its own events to the app's endpoint, and the app accepted them: v1 platforms get the
    // snapshot event, v2 platforms its thin form on the event destination. The sandbox logs a delivery once the app
    // has answered, which can be just after the app has updated the mirror: wait for it.
    const v2 = connectedAccountsApiInForce() === "v2";
    const expected = v2 ? "v1.account.updated" : "account.updated";
    const ours = await waitFor(async () => {
      const deliveries = (await (
        await fetch(new URL(`/_emulator/webhook_deliveries`, emulatorUrl()))
      ).json()) as {
        data: { event_type: string; account: string | null; status: number | null; delivered_at: number }[];
      };
      const found = deliveries.data.filter((d) => d.account === globex.accountId && d.delivered_at >= since);
      return found.some((d) => d.event_type === expected) ? found : null;
    }, `the sandbox to log its ${expected} delivery`);
    expect(ours.every((d) => d.status === 200)).toBe(true);
    const recorded = await handle.db
      .selectFrom("webhook_events")
      .select(["type", "status"])
      .where("account_id", "=", globex.accountId)
      .where(
        "type",
        "in",
        v2 ? ["v1.account.updated", "v1.capability.updated"] : ["account.updated", "capability.updated"],
      )
      .where("received_at", ">=", since * 1000)
      .execute();
    expect(recorded.length).toBeGreaterThan(0);

    await forceState(globex.accountId, "enabled");
    await waitFor(async () => {
      const row = await mirrorStatus(globex.accountId);
      return row.status === "enabled" && row.charges_enabled === 1 ? row : null;
    }, "the mirror to show Globex enabled");
  });
});
