import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { advanceClock, now } from "../../../emulator/ids";
import { startEmulator, type RunningEmulator } from "../../../emulator/index";
import { control, enabledAccount, stripeFor, useEmulator, waitFor } from "./helpers";

// This file moves the emulator's clock forward, so it runs in its own process (vitest forks per file).
let emu: RunningEmulator;
let stripe: Stripe;

useEmulator(
  (e, s) => {
    emu = e;
    stripe = s;
  },
  { disputeResolutionSeconds: 60, mail: false },
);

const DAY = 86400;
const MANUAL_REFUSAL = "Balance transaction history can only be filtered on automatic transfers, not manual.";

async function advance(seconds: number): Promise<void> {
  await control(emu.url, "POST", "time/advance", { seconds });
}

/** Moves the clock to `seconds` after the next UTC midnight (the schedules run at midnight). */
async function pastMidnight(seconds: number): Promise<number> {
  const midnight = Math.floor(now() / DAY) * DAY + DAY;
  await advance(midnight + seconds - now());
  return midnight;
}

async function all<T>(list: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of list) out.push(item);
  return out;
}

async function refusal(p: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof Stripe.errors.StripeError) return err;
    throw err;
  }
  throw new Error("expected Stripe to refuse");
}

type LedgerSummary = {
  transactions: number;
  automatic: Stripe.Payout[];
  manual: Stripe.Payout[];
  settled: Map<string, string>;
};

/**
 * Stripe's ledger invariants for one account (the platform when `account` is undefined), read through the API:
 * - every transaction: `fee` = Σ `fee_details`, `net` = `amount` − `fee`;
 * - the balance: available and pending per currency = Σ `net` of the transactions with that status;
 * - charges: Σ refunds = `amount_refunded` less the uncaptured rest; `refunded` once all of it is back; refund
 *   transactions take the refunded amount and return no fee;
 * - disputes: withdrawal of −amount with the 1500 dispute fee; won → reinstatement of +amount;
 * - payouts: their `payout` transaction is −amount; `paid`/`failed` only once the clock reached `arrival_date`,
 *   pending/in transit before it; a failed payout's money comes back in a `payout_failure` transaction;
 * - automatic payouts: `?payout=` lists the payout's own transaction and the transactions it settled, whose `net` sums
 *   to its amount (so the whole list sums to zero); each transaction is settled by one payout at most, only once it
 *   was available, and by the last payout everything available before it is settled;
 * - manual payouts: `?payout=` is refused, as at Stripe.
 */
async function checkLedger(account: string | undefined): Promise<LedgerSummary> {
  const opts = account ? { stripeAccount: account } : {};
  // The live ticker may run meanwhile: what is due by `from` has happened, nothing after `to` has.
  const from = now();
  await control(emu.url, "POST", "tick");
  const txns = await all(stripe.balanceTransactions.list({ limit: 100 }, opts));
  const to = now();
  const byId = new Map(txns.map((x) => [x.id, x]));
  for (const x of txns) {
    expect(x.fee, x.id).toBe(x.fee_details.reduce((s, f) => s + f.amount, 0));
    expect(x.net, x.id).toBe(x.amount - x.fee);
    if (x.status === "pending") expect(x.available_on, x.id).toBeGreaterThan(from);
    else expect(x.available_on, x.id).toBeLessThanOrEqual(to);
  }

  const balance = await stripe.balance.retrieve({}, opts);
  const sums = new Map<string, { available: number; pending: number }>();
  for (const x of txns) {
    const s = sums.get(x.currency) ?? { available: 0, pending: 0 };
    if (x.status === "pending") s.pending += x.net;
    else s.available += x.net;
    sums.set(x.currency, s);
  }
  for (const row of balance.available) expect(row.amount).toBe(sums.get(row.currency)?.available ?? 0);
  for (const row of balance.pending) expect(row.amount).toBe(sums.get(row.currency)?.pending ?? 0);
  for (const c of sums.keys()) expect(balance.available.map((r) => r.currency)).toContain(c);

  const charges = await all(stripe.charges.list({ limit: 100 }, opts));
  const refunds = await all(stripe.refunds.list({ limit: 100 }, opts));
  for (const c of charges.filter((ch) => ch.captured)) {
    const mine = refunds.filter((r) => r.charge === c.id);
    const uncaptured = c.amount - c.amount_captured;
    expect(
      mine.reduce((s, r) => s + r.amount, 0),
      c.id,
    ).toBe(c.amount_refunded - uncaptured);
    expect(c.refunded, c.id).toBe(c.amount_refunded === c.amount);
  }
  for (const r of refunds) {
    const x = byId.get(String(r.balance_transaction));
    expect(x?.type).toBe("refund");
    expect(x?.amount).toBe(-r.amount);
    expect(x?.fee).toBe(0);
  }

  for (const dp of await all(stripe.disputes.list({ limit: 100 }, opts))) {
    const [withdrawal, reinstatement, ...more] = dp.balance_transactions;
    expect(more).toEqual([]);
    if (dp.payment_method_details?.card?.case_type === "inquiry") {
      expect(withdrawal).toBeUndefined();
      continue;
    }
    expect(withdrawal?.amount).toBe(-dp.amount);
    expect(withdrawal?.fee_details).toEqual([expect.objectContaining({ amount: 1500, type: "stripe_fee" })]);
    if (dp.status === "won") expect(reinstatement?.amount).toBe(dp.amount);
    else expect(reinstatement).toBeUndefined();
  }

  const payouts = await all(stripe.payouts.list({ limit: 100 }, opts));
  const settled = new Map<string, string>();
  for (const po of payouts) {
    const own = byId.get(String(po.balance_transaction));
    expect(own?.type).toBe("payout");
    expect(own?.amount).toBe(-po.amount);
    if (po.status === "paid" || po.status === "failed")
      expect(po.arrival_date, po.id).toBeLessThanOrEqual(to);
    if ((po.status === "pending" || po.status === "in_transit") && po.method === "standard")
      expect(po.arrival_date, po.id).toBeGreaterThan(from);
    if (po.status === "failed") {
      const back = byId.get(String(po.failure_balance_transaction));
      expect(back?.type).toBe("payout_failure");
      expect(back?.amount).toBe(po.amount);
    }
    if (!po.automatic) {
      const err = await refusal(stripe.balanceTransactions.list({ payout: po.id }, opts));
      expect(err.type).toBe("StripeInvalidRequestError");
      expect(err.message).toBe(MANUAL_REFUSAL);
      expect(err.param).toBe("payout");
      continue;
    }
    const list = await all(stripe.balanceTransactions.list({ payout: po.id, limit: 100 }, opts));
    expect(list.map((x) => x.id)).toContain(own?.id);
    const others = list.filter((x) => x.id !== own?.id);
    expect(
      others.reduce((s, x) => s + x.net, 0),
      po.id,
    ).toBe(po.amount);
    for (const x of list) {
      expect(settled.get(x.id), `${x.id} settled twice`).toBeUndefined();
      settled.set(x.id, po.id);
      expect(x.currency).toBe(po.currency);
      expect(x.created).toBeLessThanOrEqual(po.created);
      expect(x.available_on).toBeLessThanOrEqual(po.created);
    }
  }
  const automatic = payouts.filter((p) => p.automatic);
  for (const currency of new Set(automatic.map((p) => p.currency))) {
    const last = Math.max(...automatic.filter((p) => p.currency === currency).map((p) => p.created));
    const missed = txns.filter(
      (x) => x.currency === currency && x.created < last && x.available_on <= last && !settled.has(x.id),
    );
    expect(missed.map((x) => `${x.type} ${x.id}`)).toEqual([]);
  }
  return { transactions: txns.length, automatic, manual: payouts.filter((p) => !p.automatic), settled };
}

describe("the ledger adds up", () => {
  it("in seeded histories: every schedule, refunds, disputes and failed payouts", async () => {
    const seeded = await control<{ objects: Record<string, number> }>(emu.url, "POST", "seed", {
      seed: 9,
      accounts: 6,
      months: 3,
      history_accounts: 6,
    });
    expect(seeded.objects.payouts).toBeGreaterThan(20);
    const accounts = (await stripe.accounts.list({ limit: 10 })).data;
    const intervals = new Set(accounts.map((a) => a.settings?.payouts?.schedule.interval));
    expect([...intervals].sort()).toEqual(["daily", "monthly", "weekly"]);
    const seen = new Set<string>();
    for (const a of accounts) {
      const ledger = await checkLedger(a.id);
      expect(ledger.manual).toEqual([]);
      const schedule = a.settings?.payouts?.schedule;
      for (const po of ledger.automatic) {
        seen.add(po.status);
        const day = new Date(po.created * 1000);
        expect(po.created % DAY).toBe(0);
        if (schedule?.interval === "weekly")
          expect(day.toLocaleDateString("en-US", { weekday: "long", timeZone: "UTC" }).toLowerCase()).toBe(
            schedule.weekly_anchor,
          );
        if (schedule?.interval === "monthly") expect(day.getUTCDate()).toBe(schedule.monthly_anchor);
      }
      const refunds = await all(stripe.refunds.list({ limit: 100 }, { stripeAccount: a.id }));
      // A refund dated after a payout is settled by a later one.
      for (const r of refunds) {
        const po = ledger.automatic.find((p) => p.id === ledger.settled.get(String(r.balance_transaction)));
        if (po) expect(po.created).toBeGreaterThanOrEqual(r.created);
      }
    }
    for (const s of ["paid", "failed"]) expect(seen).toContain(s);
  });

  it("for direct charges with application fees, partial and full refunds, and disputes won and lost", async () => {
    const a = await enabledAccount(stripe, emu.url);
    const opts = { stripeAccount: a };
    await stripe.accounts.update(a, { settings: { payouts: { schedule: { interval: "manual" } } } });
    const platformBefore = await checkLedger(undefined);

    const pi = await stripe.paymentIntents.create(
      {
        amount: 10_000,
        currency: "usd",
        payment_method: "pm_card_visa",
        confirm: true,
        application_fee_amount: 500,
        expand: ["latest_charge.balance_transaction"],
      },
      opts,
    );
    const charge = pi.latest_charge as Stripe.Charge;
    const txn = charge.balance_transaction as Stripe.BalanceTransaction;
    expect(txn.fee_details.map((f) => [f.type, f.amount])).toEqual([
      ["stripe_fee", Math.round(10_000 * 0.029) + 30],
      ["application_fee", 500],
    ]);
    const fee = await stripe.applicationFees.retrieve(String(charge.application_fee));
    const feeTxn = await stripe.balanceTransactions.retrieve(String(fee.balance_transaction));
    expect([feeTxn.type, feeTxn.amount, feeTxn.source]).toEqual(["application_fee", 500, fee.id]);

    await stripe.refunds.create({ charge: charge.id, amount: 3000 }, opts);
    await stripe.refunds.create({ charge: charge.id, refund_application_fee: true }, opts);
    const refunded = await stripe.charges.retrieve(charge.id, {}, opts);
    expect([refunded.amount_refunded, refunded.refunded]).toEqual([10_000, true]);
    const feeBack = await stripe.applicationFees.retrieve(fee.id);
    expect(feeBack.amount_refunded).toBe(Math.round((500 * 7000) / 10_000));

    const disputed = async (evidence: string) => {
      const p = await stripe.paymentIntents.create(
        { amount: 8000, currency: "usd", payment_method: "pm_card_createDispute", confirm: true },
        opts,
      );
      const dp = (await stripe.disputes.list({ payment_intent: p.id }, opts)).data[0];
      if (!dp) throw new Error("no dispute");
      await stripe.disputes.update(dp.id, { evidence: { uncategorized_text: evidence } }, opts);
      return dp.id;
    };
    const won = await disputed("winning_evidence");
    const lost = await disputed("losing_evidence");
    const inquiry = await stripe.paymentIntents.create(
      { amount: 2000, currency: "usd", payment_method: "pm_card_createDisputeInquiry", confirm: true },
      opts,
    );
    const before = await stripe.balance.retrieve({}, opts);
    await advance(61);
    const total = (b: Stripe.Balance) => (b.available[0]?.amount ?? 0) + (b.pending[0]?.amount ?? 0);
    // Won: the 8,000 and the countered fee come back; the dispute fee does not. Lost: nothing more moves.
    expect(total(await stripe.balance.retrieve({}, opts)) - total(before)).toBe(8000 + 1500);
    const wonDp = await stripe.disputes.retrieve(won, {}, opts);
    expect(wonDp.status).toBe("won");
    expect(wonDp.balance_transactions[1]?.net).toBe(8000 + 1500);
    const lostDp = await stripe.disputes.retrieve(lost, {}, opts);
    expect([lostDp.status, lostDp.balance_transactions.length]).toEqual(["lost", 1]);
    const countered = await stripe.balanceTransactions.list({ type: "stripe_fee" }, opts);
    expect(countered.data.map((x) => [x.source, x.net]).sort()).toEqual(
      [
        [won, -1500],
        [lost, -1500],
      ].sort(),
    );
    const inquiryDp = (await stripe.disputes.list({ payment_intent: inquiry.id }, opts)).data[0];
    expect(inquiryDp?.balance_transactions).toEqual([]);

    const ledger = await checkLedger(a);
    expect(ledger.transactions).toBeGreaterThanOrEqual(10);
    const platform = await checkLedger(undefined);
    expect(platform.transactions - platformBefore.transactions).toBe(2); // the fee and its refund
  });

  it("pays out on daily, weekly and monthly schedules as time advances, paid on the arrival date", async () => {
    const a = await enabledAccount(stripe, emu.url);
    const opts = { stripeAccount: a };
    const pay = (amount: number) =>
      stripe.paymentIntents.create(
        // Available at once, so what each midnight pays out does not depend on the time of day the test runs.
        { amount, currency: "usd", payment_method: "pm_card_bypassPending", confirm: true },
        opts,
      );
    const first = await pay(10_000);
    await pay(5000);
    const midnight = await pastMidnight(3600);
    let payouts = (await stripe.payouts.list({}, opts)).data;
    expect(payouts).toHaveLength(1);
    const daily = payouts[0];
    if (!daily) throw new Error("no payout");
    expect([daily.automatic, daily.created, daily.status]).toEqual([true, midnight, "in_transit"]);
    expect(daily.arrival_date).toBe(midnight + 2 * DAY);
    const fee = (n: number) => Math.round(n * 0.029) + 30;
    expect(daily.amount).toBe(15_000 - fee(10_000) - fee(5000));
    expect((await stripe.balance.retrieve({}, opts)).available[0]?.amount).toBe(0);

    // A refund after that midnight belongs to the next payout, with the payments made since.
    await stripe.refunds.create({ payment_intent: first.id, amount: 2500 }, opts);
    await pay(4000);
    const manual = await stripe.payouts.create({ amount: 1000, currency: "usd" }, opts);
    expect(manual.automatic).toBe(false);
    expect((await refusal(stripe.payouts.cancel(daily.id, {}, opts))).code).toBe("payout_not_cancelable");
    const canceled = await stripe.payouts.cancel(manual.id, {}, opts);
    expect(canceled.status).toBe("canceled");
    await pastMidnight(60);
    payouts = (await stripe.payouts.list({}, opts)).data;
    const second = payouts.find((p) => p.automatic && p.id !== daily.id);
    expect(second?.amount).toBe(4000 - fee(4000) - 2500);
    const secondTxns = await all(stripe.balanceTransactions.list({ payout: second?.id ?? "" }, opts));
    expect(secondTxns.map((x) => x.type).sort()).toEqual([
      "charge",
      "payout",
      "payout",
      "payout_cancel",
      "refund",
    ]);
    expect((await stripe.payouts.retrieve(daily.id, {}, opts)).status).toBe("in_transit");
    await checkLedger(a);

    // Weekly on Wednesdays, then monthly on the 31st (the last day of shorter months).
    await stripe.accounts.update(a, {
      settings: { payouts: { schedule: { interval: "weekly", weekly_anchor: "wednesday" } } },
    });
    const weeklyFrom = now();
    for (let i = 0; i < 8; i++) {
      await pay(1000 + i * 100);
      await advance(DAY);
    }
    const weekly = (await stripe.payouts.list({ created: { gt: weeklyFrom } }, opts)).data;
    expect(weekly.length).toBeGreaterThanOrEqual(1);
    for (const po of weekly) expect(new Date(po.created * 1000).getUTCDay()).toBe(3);
    await stripe.accounts.update(a, {
      settings: { payouts: { schedule: { interval: "monthly", monthly_anchor: 31 } } },
    });
    const monthlyFrom = now();
    for (let i = 0; i < 4; i++) {
      await pay(20_000);
      await advance(16 * DAY);
    }
    const monthly = (await stripe.payouts.list({ created: { gt: monthlyFrom } }, opts)).data;
    expect(monthly.length).toBeGreaterThanOrEqual(2);
    for (const po of monthly) {
      const day = new Date((po.created + DAY) * 1000);
      expect(day.getUTCDate()).toBe(1); // the next day starts a month: this was the month's last day
    }
    const ledger = await checkLedger(a);
    expect(ledger.automatic.length).toBe(2 + weekly.length + monthly.length);
    expect((await stripe.payouts.retrieve(daily.id, {}, opts)).status).toBe("paid");
  });

  it("fails a payout to a failing bank account on its arrival date and stops paying out to it", async () => {
    const a = await enabledAccount(stripe, emu.url);
    const opts = { stripeAccount: a };
    await stripe.accounts.createExternalAccount(a, {
      external_account: {
        object: "bank_account",
        country: "US",
        currency: "usd",
        routing_number: "110000000",
        account_number: "000111111116",
      },
      default_for_currency: true,
    });
    await stripe.paymentIntents.create(
      { amount: 12_000, currency: "usd", payment_method: "pm_card_bypassPending", confirm: true },
      opts,
    );
    await pastMidnight(60);
    const [po] = (await stripe.payouts.list({}, opts)).data;
    if (!po) throw new Error("no payout");
    await advance(po.arrival_date - now() - 1);
    expect((await stripe.payouts.retrieve(po.id, {}, opts)).status).toBe("in_transit");
    await advance(1);
    const failed = await stripe.payouts.retrieve(po.id, {}, opts);
    expect([failed.status, failed.failure_code]).toEqual(["failed", "no_account"]);
    const bank = await stripe.accounts.retrieveExternalAccount(a, String(failed.destination));
    expect((bank as Stripe.BankAccount).status).toBe("errored");
    expect((await stripe.balance.retrieve({}, opts)).available[0]?.amount).toBe(po.amount);
    await advance(2 * DAY);
    expect((await stripe.payouts.list({}, opts)).data).toHaveLength(1);
    await checkLedger(a);
  });

  it("makes the daily payout on the live clock, without the control API", async () => {
    const a = await enabledAccount(stripe, emu.url);
    const opts = { stripeAccount: a };
    await stripe.paymentIntents.create(
      { amount: 3000, currency: "usd", payment_method: "pm_card_bypassPending", confirm: true },
      opts,
    );
    // The clock passes midnight on its own; the emulator's ticker (every 250 ms) notices.
    advanceClock(Math.floor(now() / DAY) * DAY + DAY + 10 - now());
    const po = await waitFor(async () => (await stripe.payouts.list({}, opts)).data[0]);
    expect([po.automatic, po.amount]).toEqual([true, 3000 - Math.round(3000 * 0.029) - 30]);
    await checkLedger(a);
  });

  it("keeps which payout settled which transaction across a restart", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "portico-ledger-"));
    const dataFile = path.join(dir, "emulator.json");
    const options = { port: 0, dataFile, rateLimitPerSecond: 0, quiet: true, mail: false } as const;
    try {
      const first = await startEmulator(options);
      const s1 = stripeFor(first.port);
      await control(first.url, "POST", "seed", { seed: 9, accounts: 2, months: 2, history_accounts: 2 });
      const listed = [];
      for (const a of (await s1.accounts.list()).data) {
        const po = (await s1.payouts.list({ limit: 1 }, { stripeAccount: a.id })).data[0];
        if (!po) continue;
        const txns = await all(
          s1.balanceTransactions.list({ payout: po.id, limit: 100 }, { stripeAccount: a.id }),
        );
        listed.push({ account: a.id, payout: po.id, txns: txns.map((x) => x.id) });
      }
      expect(listed.length).toBeGreaterThan(0);
      await first.stop();
      const second = await startEmulator(options);
      try {
        const s2 = stripeFor(second.port);
        for (const l of listed) {
          const opts = { stripeAccount: l.account };
          const txns = await all(s2.balanceTransactions.list({ payout: l.payout, limit: 100 }, opts));
          expect(txns.map((x) => x.id)).toEqual(l.txns);
        }
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
