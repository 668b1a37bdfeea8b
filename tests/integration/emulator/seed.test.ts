import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../../emulator/index";
import { control, useEmulator } from "./helpers";

type SeedResult = {
  platform: string;
  accounts: number;
  states: Record<"enabled" | "onboarding" | "restricted" | "rejected", number>;
  history_accounts: number;
  objects: Record<string, number>;
};

let emu: RunningEmulator;
let stripe: Stripe;

useEmulator((e, s) => {
  emu = e;
  stripe = s;
});

const NOW = 1_790_000_000;

async function snapshot(): Promise<string> {
  const accounts = await stripe.accounts.list({ limit: 100 });
  const withHistory = [];
  for (const a of accounts.data) {
    const charges = await stripe.charges.list({ limit: 100 }, { stripeAccount: a.id });
    if (charges.data.length > 0) withHistory.push({ a: a.id, charges: charges.data });
    if (withHistory.length >= 3) break;
  }
  const balances = await Promise.all(
    withHistory.map((h) => stripe.balance.retrieve({}, { stripeAccount: h.a })),
  );
  const strip = (x: unknown) =>
    JSON.parse(JSON.stringify(x, (k, v: unknown) => (k === "lastResponse" ? undefined : v))) as unknown;
  return JSON.stringify(strip({ accounts: accounts.data, withHistory, balances }));
}

describe("seeding", () => {
  it("is deterministic: same seed → same ids and data", async () => {
    const r1 = await control<SeedResult>(emu.url, "POST", "seed", {
      seed: 7,
      accounts: 300,
      months: 2,
      now: NOW,
    });
    expect(r1.accounts).toBe(300);
    const s1 = await snapshot();
    const r2 = await control<SeedResult>(emu.url, "POST", "seed", {
      seed: 7,
      accounts: 300,
      months: 2,
      now: NOW,
    });
    const s2 = await snapshot();
    expect(r2.objects).toEqual(r1.objects);
    expect(s2).toBe(s1);
    await control(emu.url, "POST", "seed", { seed: 8, accounts: 300, months: 2, now: NOW });
    expect(await snapshot()).not.toBe(s1);
  });

  it("covers every account state with valid accounts and months of history", async () => {
    const r = await control<SeedResult>(emu.url, "POST", "seed", { seed: 3, accounts: 400, months: 3 });
    for (const k of ["enabled", "onboarding", "restricted", "rejected"] as const)
      expect(r.states[k]).toBeGreaterThan(0);
    expect(r.objects.charges).toBeGreaterThan(100);
    expect(r.objects.refunds).toBeGreaterThan(0);
    expect(r.objects.disputes).toBeGreaterThan(0);
    expect(r.objects.payouts).toBeGreaterThan(0);
    const seen = new Set<string>();
    for await (const a of stripe.accounts.list({ limit: 100 })) {
      expect(a.requirements).toBeDefined();
      expect(a.controller?.type).toBeDefined();
      if (a.requirements?.disabled_reason === "rejected.fraud") seen.add("rejected");
      else if (a.requirements?.past_due?.length && a.details_submitted) seen.add("restricted");
      else if (!a.details_submitted) seen.add("onboarding");
      else if (a.charges_enabled && a.payouts_enabled) seen.add("enabled");
    }
    expect([...seen].sort()).toEqual(["enabled", "onboarding", "rejected", "restricted"]);
    // Forcing a state fires account.updated.
    const onboarding = (await stripe.accounts.list({ limit: 100 })).data.find((a) => !a.details_submitted);
    if (!onboarding) throw new Error("no onboarding account");
    const forced = await control<Stripe.Account>(emu.url, "POST", `accounts/${onboarding.id}/state`, {
      state: "enabled",
    });
    expect(forced.charges_enabled).toBe(true);
    const events = await stripe.events.list({ type: "account.updated" }, { stripeAccount: onboarding.id });
    expect(events.data.length).toBe(1);
  });

  it("seeds 100,000 complete accounts", async () => {
    const r = await control<SeedResult>(emu.url, "POST", "seed", { seed: 1, accounts: 100_000, months: 1 });
    expect(r.accounts).toBe(100_000);
    const info = await control<{ accounts: number }>(emu.url, "GET", "");
    expect(info.accounts).toBe(100_000);
    const last = await stripe.accounts.list({ limit: 100 });
    expect(last.has_more).toBe(true);
    for (const a of last.data) {
      expect(a.id).toMatch(/^acct_/);
      expect(a.business_profile?.name).toBeTruthy();
      expect(Array.isArray(a.requirements?.currently_due)).toBe(true);
    }
  });
});
