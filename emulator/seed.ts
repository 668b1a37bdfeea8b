import type { AccountRecord, ForcedState } from "./account-model";
import { forceState, newAccountRecord } from "./accounts";
import { controllerForType } from "./account-model";
import { StripeError } from "./errors";
import { freezeClock, newId, now, Rng, useSeededIds } from "./ids";
import { emptyAddress, newCustomer, type Customer, type Payout } from "./objects";
import {
  confirmPaymentIntent,
  createPaymentMethod,
  createRefund,
  newPaymentIntent,
  updateDispute,
  type Ctx,
} from "./payments";
import { cardForNumber } from "./cards";
import { addBankAccount, runAutomaticPayouts } from "./payouts";
import { runDue } from "./scheduler";
import type { Emulator } from "./server";
import { nextMidnight } from "./state";

const NAMES_A = [
  "Blue",
  "Cedar",
  "Golden",
  "Harbor",
  "Maple",
  "North",
  "Oak",
  "Pine",
  "River",
  "Summit",
  "Urban",
  "Willow",
  "Bright",
  "Coastal",
  "Lucky",
];
const NAMES_B = [
  "Bakery",
  "Books",
  "Cycles",
  "Design",
  "Fitness",
  "Florist",
  "Garage",
  "Kitchen",
  "Studio",
  "Supply",
  "Tailors",
  "Travel",
  "Yoga",
  "Coffee",
  "Games",
];
const FIRST = [
  "Ava",
  "Ben",
  "Chloe",
  "Diego",
  "Emma",
  "Farah",
  "Gus",
  "Hana",
  "Ivan",
  "Jade",
  "Kofi",
  "Lena",
  "Mateo",
  "Nora",
  "Omar",
];
const LAST = [
  "Adams",
  "Brown",
  "Chen",
  "Diaz",
  "Evans",
  "Fischer",
  "Garcia",
  "Haddad",
  "Ito",
  "Jones",
  "Kim",
  "Lopez",
  "Meyer",
  "Nguyen",
  "Okafor",
];
const COUNTRIES = ["US", "US", "US", "US", "GB", "CA", "AU", "FR", "DE"];
const DAY = 86400;

export type SeedParams = {
  seed: number;
  accounts: number;
  months?: number;
  now?: number;
  history_accounts?: number;
  /**
   * `v2` (default): the accounts are Accounts v2 (merchant + recipient configurations, the same dashboard mix);
   * `v1`: classic v1 accounts. Both read through either API; only the configurations they were made with differ.
   */
  api?: "v1" | "v2";
};

function pickState(rng: Rng): ForcedState {
  const r = rng.next();
  return r < 0.6 ? "enabled" : r < 0.8 ? "onboarding" : r < 0.92 ? "restricted" : "rejected";
}

/** A deterministic platform: same seed → same ids, data and timestamps (anchored on `now`). */
export function seedPlatform(emu: Emulator, p: SeedParams) {
  const started = Date.now();
  const state = emu.state;
  const anchor = p.now ?? Math.floor(Date.now() / 1000 / DAY) * DAY;
  const months = p.months ?? 3;
  const historyCount = Math.min(p.accounts, p.history_accounts ?? 40);
  const rng = new Rng(p.seed);
  state.reset();
  state.muted = true;
  // The seeder runs each account's payout schedule itself while it replays that account's history.
  state.payoutRunAt = Number.POSITIVE_INFINITY;
  useSeededIds(new Rng(p.seed * 7919 + 17));
  const counts: Record<ForcedState, number> = { enabled: 0, onboarding: 0, restricted: 0, rejected: 0 };
  const objects = { payment_intents: 0, charges: 0, refunds: 0, disputes: 0, payouts: 0, customers: 0 };
  try {
    const records: AccountRecord[] = [];
    const span = Math.max(months, 1) * 30 * DAY;
    for (let i = 0; i < p.accounts; i++) {
      const history = i < historyCount;
      const created =
        anchor - (history ? span + rng.int(1, 30) * DAY : rng.int(1, 730) * DAY) - rng.int(0, DAY - 1);
      freezeClock(created);
      const kind = rng.pick(["express", "express", "custom", "custom", "standard"] as const);
      const country = history ? "US" : rng.pick(COUNTRIES);
      const rec = newAccountRecord({ created, country, controller: controllerForType(kind), type: kind });
      if ((p.api ?? "v2") === "v2")
        rec.v2 = {
          configurations: { customer: false, merchant: true, recipient: true },
          locales: ["en-US"],
          closed: false,
        };
      const company = rng.chance(0.4);
      const name = `${rng.pick(NAMES_A)} ${rng.pick(NAMES_B)}`;
      rec.business_type = company ? "company" : "individual";
      rec.business_profile = {
        name,
        mcc: "5734",
        url: `https://${name.toLowerCase().replace(/\s+/g, "-")}.example.com`,
      };
      rec.email = `owner${i}@${name.toLowerCase().replace(/\s+/g, "")}.example.com`;
      if (company) rec.company = { name: `${name} LLC` };
      else rec.individual = { first_name: rng.pick(FIRST), last_name: rng.pick(LAST) };
      rec.capabilities = {
        card_payments: { requested: true, requested_at: created },
        transfers: { requested: true, requested_at: created },
      };
      const st: ForcedState = history ? (i % 10 === 9 ? "restricted" : "enabled") : pickState(rng);
      forceState(rec, st);
      counts[st] += 1;
      records.push(rec);
    }
    state.accounts.addMany(records);
    for (let i = 0; i < historyCount; i++) {
      const rec = records[i];
      if (rec) seedHistory(emu, rec, rng, anchor, months, objects);
    }
  } finally {
    freezeClock(undefined);
    useSeededIds(undefined);
    state.muted = false;
    // The live clock takes over the schedules after the last day the history covered.
    state.payoutRunAt = nextMidnight(Math.max(now(), anchor));
  }
  state.dirty = true;
  return {
    platform: state.platform.id,
    api: p.api ?? "v2",
    accounts: p.accounts,
    states: counts,
    history_accounts: historyCount,
    months,
    anchor,
    objects,
    duration_ms: Date.now() - started,
  };
}

/** Seeded actions that happen later than the payment they follow (refunds, dispute responses), run in time order. */
class Timeline {
  private actions: { at: number; run: () => void }[] = [];
  constructor(
    private readonly emu: Emulator,
    private readonly ctx: Ctx,
  ) {}

  later(at: number, run: () => void): void {
    const i = this.actions.findIndex((a) => a.at > at);
    if (i === -1) this.actions.push({ at, run });
    else this.actions.splice(i, 0, { at, run });
  }

  /** Moves the (frozen) clock to `t`: the scheduler's work and the deferred actions up to it, in time order. */
  advanceTo(t: number): void {
    for (let next = this.actions[0]; next && next.at <= t; next = this.actions[0]) {
      this.actions.shift();
      this.step(next.at);
      next.run();
    }
    this.step(t);
  }

  /** A UTC midnight: the account's payout schedule runs after everything before it. */
  midnight(t: number): Payout[] {
    this.advanceTo(t);
    return runAutomaticPayouts(this.ctx, t);
  }

  private step(t: number): void {
    freezeClock(t);
    runDue(this.emu.state, this.emu.config, t);
  }
}

const SCHEDULES: AccountRecord["payout_schedule"][] = [
  { interval: "daily", delay_days: 2 },
  { interval: "daily", delay_days: 2 },
  { interval: "weekly", delay_days: 2, weekly_anchor: "friday" },
  { interval: "weekly", delay_days: 2, weekly_anchor: "monday" },
  { interval: "monthly", delay_days: 2, monthly_anchor: 1 },
];

/**
 * Months of payments, refunds, disputes and automatic payouts for one account, replayed in time order through the
 * same code the API uses, so the history obeys the ledger's rules: a refund or dispute decision dated after a payout
 * belongs to a later payout, each payout settles what was available at its midnight, and payouts are paid on their
 * arrival date.
 */
function seedHistory(
  emu: Emulator,
  rec: AccountRecord,
  rng: Rng,
  anchor: number,
  months: number,
  objects: Record<string, number>,
): void {
  const state = emu.state;
  const ctx: Ctx = { state, config: emu.config, accountId: rec.id };
  const d = state.dataFor(rec.id);
  const start = anchor - months * 30 * DAY;
  const timeline = new Timeline(emu, ctx);
  rec.payout_schedule = { ...rng.pick(SCHEDULES) };
  const customers: Customer[] = [];
  for (let c = 0; c < 8; c++) {
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    const created = start + rng.int(0, DAY);
    const cus = newCustomer({
      id: newId("cus", 14),
      address: emptyAddress(),
      created,
      currency: "usd",
      email: `${first}.${last}${c}@example.com`.toLowerCase(),
      invoice_prefix: newId("x", 8).slice(2).toUpperCase(),
      name: `${first} ${last}`,
    });
    customers.push(cus);
  }
  d.customers.addMany(customers);
  // Some accounts pay out to Stripe's failing test bank number, so failed payouts appear in history.
  if (rng.chance(0.15)) {
    addBankAccount(
      rec,
      {
        routing_number: "110000000",
        account_number: "000111111116",
        account_holder_name: `${rng.pick(FIRST)} ${rng.pick(LAST)}`,
      },
      true,
    );
  }
  objects.customers = (objects.customers ?? 0) + customers.length;
  const cards = [
    ...Array<string>(40).fill("4242424242424242"),
    ...Array<string>(6).fill("5555555555554444"),
    "4000000000000002",
    "4000000000009995",
    "4000000000000259",
    "4000000000001976",
  ];
  for (let midnight = nextMidnight(start - 1); midnight <= anchor; midnight += DAY) {
    objects.payouts = (objects.payouts ?? 0) + timeline.midnight(midnight).length;
    const times = Array.from({ length: rng.int(0, 3) }, () => midnight + rng.int(8 * 3600, 20 * 3600))
      .filter((at) => at < anchor)
      .sort((a, b) => a - b);
    for (const at of times) {
      timeline.advanceTo(at);
      const card = cardForNumber(rng.pick(cards));
      const cus = rng.pick(customers);
      if (!card) continue;
      const pm = createPaymentMethod(ctx, card, { customer: cus.id });
      const amount = rng.int(5, 400) * 100 + rng.pick([0, 0, 50, 99]);
      const pi = newPaymentIntent(ctx, {
        amount,
        currency: "usd",
        customer: cus.id,
        description: `Order #${1000 + (objects.payment_intents ?? 0)}`,
        payment_method: pm.id,
        application_fee_amount: Math.round(amount * 0.05),
        capture_method: rng.chance(0.05) ? "manual" : "automatic",
      });
      objects.payment_intents = (objects.payment_intents ?? 0) + 1;
      try {
        confirmPaymentIntent(ctx, pi);
      } catch (err) {
        if (!(err instanceof StripeError)) throw err;
      }
      objects.charges = (objects.charges ?? 0) + 1;
      const charge = pi.latest_charge ? d.charges.get(pi.latest_charge) : undefined;
      if (charge?.captured && !charge.disputed && rng.chance(0.08)) {
        const partial = rng.chance(0.4);
        // Refunds come hours or days later; one not due by the anchor has not happened yet.
        timeline.later(at + rng.int(3600, 5 * DAY), () => {
          createRefund(ctx, charge, {
            ...(partial ? { amount: Math.max(100, Math.floor(charge.amount / 2)) } : {}),
            reason: "requested_by_customer",
          });
          objects.refunds = (objects.refunds ?? 0) + 1;
        });
      }
      if (charge?.disputed) {
        objects.disputes = (objects.disputes ?? 0) + 1;
        const dpId = d.chargeDispute.get(charge.id);
        const dp = dpId ? d.disputes.get(dpId) : undefined;
        // Older disputes are answered after three days and decided a week later; recent ones still need a response.
        if (dp && anchor - at > 20 * DAY) {
          const evidence = rng.chance(0.5) ? "winning_evidence" : "losing_evidence";
          timeline.later(at + 3 * DAY, () => {
            updateDispute(
              ctx,
              dp,
              { evidence: { uncategorized_text: evidence }, submit: true },
              { decideAt: at + 10 * DAY },
            );
          });
        }
      }
    }
  }
  // Up to the anchor; what comes later (funds still pending, payouts in transit) stays scheduled for the live clock.
  timeline.advanceTo(anchor);
}
