import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../../emulator/index";
import { enabledAccount, stripeFor } from "./helpers";

const dir = mkdtempSync(path.join(tmpdir(), "portico-emulator-"));
const dataFile = path.join(dir, "state", "emulator.json");

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("persistence with dataFile", () => {
  it("keeps accounts, payments, balances and sessions across a restart", async () => {
    const first = await startEmulator({ port: 0, dataFile, rateLimitPerSecond: 0, quiet: true });
    const s1 = stripeFor(first.port);
    const a = await enabledAccount(s1, first.url);
    const cus = await s1.customers.create({ email: "keep@example.com" }, { stripeAccount: a });
    const pi = await s1.paymentIntents.create(
      { amount: 4200, currency: "usd", customer: cus.id, payment_method: "pm_card_visa", confirm: true },
      { stripeAccount: a },
    );
    await s1.refunds.create({ payment_intent: pi.id, amount: 200 }, { stripeAccount: a });
    const balanceBefore = await s1.balance.retrieve({}, { stripeAccount: a });
    const session = await s1.accountSessions.create({
      account: a,
      components: { payments: { enabled: true } },
    });
    await first.stop();
    expect(JSON.parse(readFileSync(dataFile, "utf8"))).toHaveProperty("version", 1);

    const second = await startEmulator({ port: 0, dataFile, rateLimitPerSecond: 0, quiet: true });
    try {
      const s2 = stripeFor(second.port);
      const acct = await s2.accounts.retrieve(a);
      expect(acct.charges_enabled).toBe(true);
      const customers = await s2.customers.list({ email: "keep@example.com" }, { stripeAccount: a });
      expect(customers.data.map((c) => c.id)).toEqual([cus.id]);
      const again = await s2.paymentIntents.retrieve(
        pi.id,
        { expand: ["latest_charge"] },
        { stripeAccount: a },
      );
      expect(again.status).toBe("succeeded");
      const charge = again.latest_charge;
      expect(typeof charge === "object" && charge !== null ? charge.amount_refunded : -1).toBe(200);
      const balanceAfter = await s2.balance.retrieve({}, { stripeAccount: a });
      expect(balanceAfter.available).toEqual(balanceBefore.available);
      expect(balanceAfter.pending).toEqual(balanceBefore.pending);
      // The unclaimed account session survives too.
      const claim = await fetch(`${second.url}/_sandbox/connect/v1/claim`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ client_secret: session.client_secret }),
      });
      expect(claim.status).toBe(200);
      // New objects keep newest-first order after older loaded ones.
      const newer = await s2.customers.create({ email: "new@example.com" }, { stripeAccount: a });
      const list = await s2.customers.list({ limit: 2 }, { stripeAccount: a });
      expect(list.data[0]?.id).toBe(newer.id);
    } finally {
      await second.stop();
    }
  });
});
