import { fingerprint } from "./cards";
import { invalid, stateError, StripeError } from "./errors";
import { newId, now } from "./ids";
import { accountStatus } from "./account-model";
import { addTxn, availableFor, unsettledAvailable } from "./ledger";
import type { JsonObject } from "./json";
import type { BankAccount, Payout } from "./objects";
import type { Ctx } from "./payments";
import { mergeEcho } from "./schema/echo-params";
import { bankAccountFailure } from "./state";
import type { AccountRecord } from "./account-model";

export type BankInput = {
  country?: string;
  currency?: string;
  account_holder_name?: string;
  account_holder_type?: string;
  routing_number?: string;
  account_number?: string;
};

/** Adds a bank account (Stripe's test numbers) to an account; the first per currency is the default. */
export function addBankAccount(
  rec: AccountRecord,
  input: BankInput | string,
  makeDefault = false,
): BankAccount {
  let b: BankInput;
  if (typeof input === "string") {
    if (!input.startsWith("btok_"))
      throw invalid(`No such token: '${input}'`, "external_account", "resource_missing");
    b = { routing_number: "110000000", account_number: "000123456789" };
  } else {
    b = input;
  }
  const accountNumber = b.account_number ?? "";
  if (!/^\d{4,17}$/.test(accountNumber))
    throw invalid("Invalid account number", "external_account[account_number]");
  const country = (b.country ?? rec.country).toUpperCase();
  const currency = (b.currency ?? rec.default_currency).toLowerCase();
  const routing = b.routing_number ?? "110000000";
  if (country === "US" && !/^\d{9}$/.test(routing))
    throw invalid(
      "Routing number must have 9 digits",
      "external_account[routing_number]",
      "routing_number_invalid",
    );
  const isDefault =
    makeDefault || !rec.external_accounts.some((e) => e.currency === currency && e.default_for_currency);
  if (isDefault)
    for (const e of rec.external_accounts) if (e.currency === currency) e.default_for_currency = false;
  const ba: BankAccount = {
    id: newId("ba"),
    object: "bank_account",
    account: rec.id,
    account_holder_name: b.account_holder_name ?? null,
    account_holder_type: b.account_holder_type ?? null,
    account_type: null,
    available_payout_methods: ["standard", "instant"],
    bank_name: "STRIPE TEST BANK",
    country,
    currency,
    customer: null,
    default_for_currency: isDefault,
    fingerprint: fingerprint(`${routing}:${accountNumber}`),
    last4: accountNumber.slice(-4),
    metadata: {},
    routing_number: routing,
    status: "new",
  };
  rec.external_accounts.push(ba);
  return ba;
}

const DAY = 86400;
/** Stripe's smallest automatic payout (USD $1.00 and most currencies' equivalent); less rolls over to the next one. */
const MIN_AUTOMATIC_PAYOUT = 100;

export type PayoutInput = {
  amount: number;
  currency: string;
  method?: "standard" | "instant";
  description?: string;
  destination?: string;
  /** The request's params the payout shows back (`echoParams`). */
  echo?: JsonObject;
};

/**
 * A manual payout (`POST /v1/payouts`): takes `amount` from the available balance. Its balance transactions belong to
 * no automatic payout, so `GET /v1/balance_transactions?payout=` refuses it, as Stripe does.
 */
export function createPayout(ctx: Ctx, p: PayoutInput): Payout {
  const d = ctx.state.dataFor(ctx.accountId);
  if (p.amount <= 0) throw invalid("Invalid positive integer", "amount");
  const dest = destinationFor(ctx, p.currency, p.destination);
  if (availableFor(d, p.currency) < p.amount) {
    throw new StripeError(400, {
      type: "invalid_request_error",
      code: "balance_insufficient",
      message:
        "You have insufficient funds in your Stripe account for this transfer. Your card balance is too low. You can use the /v1/balance endpoint to view your Stripe balance (for more details, see stripe.com/docs/api#balance).",
    });
  }
  return recordPayout(ctx, { ...p, destination: dest.id }, now(), false);
}

function destinationFor(ctx: Ctx, currency: string, destination?: string): BankAccount {
  const rec = ctx.state.account(ctx.accountId);
  if (!rec) throw invalid("No such account");
  const dest = destination
    ? rec.external_accounts.find((e) => e.id === destination)
    : rec.external_accounts.find((e) => e.currency === currency && e.default_for_currency);
  if (dest) return dest;
  if (destination)
    throw invalid(`No such external account: '${destination}'`, "destination", "resource_missing");
  throw stateError(
    `You don't have any external accounts in that currency (${currency}).`,
    "no_external_account",
    "currency",
  );
}

function recordPayout(
  ctx: Ctx,
  p: PayoutInput & { destination: string },
  created: number,
  automatic: boolean,
  settles: string[] = [],
): Payout {
  const { state, config } = ctx;
  const d = state.dataFor(ctx.accountId);
  const id = newId("po");
  const txn = addTxn(
    state,
    ctx.accountId,
    {
      amount: -p.amount,
      currency: p.currency,
      type: "payout",
      reporting_category: "payout",
      source: id,
      description: p.description ?? "STRIPE PAYOUT",
      pending: false,
      created,
    },
    config,
  );
  if (automatic) for (const t of [...settles, txn.id]) d.txnPayout.set(t, id);
  const method = p.method ?? "standard";
  // Standard payouts arrive two days after the day they are made; instant ones at once.
  const arrival = method === "instant" ? created : Math.floor(created / DAY) * DAY + 2 * DAY;
  const payout: Payout = {
    id,
    object: "payout",
    amount: p.amount,
    application_fee: null,
    application_fee_amount: null,
    arrival_date: arrival,
    automatic,
    balance_transaction: txn.id,
    created,
    currency: p.currency,
    description: p.description ?? "STRIPE PAYOUT",
    destination: p.destination,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    livemode: false,
    metadata: {},
    method,
    original_payout: null,
    // Only automatic payouts can be reconciled against the transactions they settle.
    reconciliation_status: automatic ? "completed" : "not_applicable",
    reversed_by: null,
    source_type: "card",
    statement_descriptor: null,
    status: "pending",
    type: "bank_account",
    trace_id: { status: "pending", value: null },
    payout_method: null,
  };
  if (p.echo) mergeEcho("Payout", payout, p.echo);
  d.payouts.add(payout);
  state.dirty = true;
  state.emit(ctx.accountId, "payout.created", payout);
  // Submitted to the bank (in_transit) after `payoutSettleSeconds` (half that for instant payouts); paid or failed
  // when `arrival_date` comes, never before.
  const settle = config.payoutSettleSeconds;
  const transit = method === "instant" ? Math.ceil(settle / 2) : settle;
  state.schedule({
    kind: "payout_transit",
    at: Math.min(created + transit, Math.max(arrival, created + 1)),
    account: ctx.accountId,
    id,
  });
  state.schedule({ kind: "payout", at: Math.max(arrival, created + settle), account: ctx.accountId, id });
  return payout;
}

/** Whether the account's payout schedule (`settings.payouts.schedule`) runs on the UTC day starting at `day`. */
export function scheduleRunsOn(schedule: AccountRecord["payout_schedule"], day: number): boolean {
  const date = new Date(day * 1000);
  switch (schedule.interval) {
    case "daily":
      return true;
    case "weekly": {
      const names = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
      return names[date.getUTCDay()] === (schedule.weekly_anchor ?? "monday");
    }
    case "monthly": {
      // An anchor past the month's end (29–31) pays out on its last day.
      const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
      return date.getUTCDate() === Math.min(schedule.monthly_anchor ?? 1, last);
    }
    default:
      return false;
  }
}

/**
 * The automatic payouts of one account at the UTC midnight `at` when its schedule runs: per currency, one payout of
 * every available transaction no earlier payout settled (their `net` sums to its amount), to the currency's default
 * bank account. None while payouts are disabled, the bank account has errored, or the sum is under the minimum (it
 * rolls over, as at Stripe).
 */
export function runAutomaticPayouts(ctx: Ctx, at: number): Payout[] {
  const rec = ctx.state.account(ctx.accountId);
  if (!rec || !scheduleRunsOn(rec.payout_schedule, at)) return [];
  if (!ctx.state.hasData(ctx.accountId)) return [];
  const d = ctx.state.dataFor(ctx.accountId);
  if (d.balanceTransactions.size === 0 || !accountStatus(rec).payouts_enabled) return [];
  const made: Payout[] = [];
  for (const currency of new Set([...d.balanceTransactions.values()].map((t) => t.currency))) {
    const dest = rec.external_accounts.find((e) => e.currency === currency && e.default_for_currency);
    if (!dest || dest.status === "errored") continue;
    const { ids, amount } = unsettledAvailable(d, currency, at);
    if (amount < MIN_AUTOMATIC_PAYOUT) continue;
    made.push(recordPayout(ctx, { amount, currency, destination: dest.id }, at, true, ids));
  }
  return made;
}

/** `POST /v1/payouts/:id/cancel`: only a manual payout that is still pending; the funds return to the balance. */
export function cancelPayout(ctx: Ctx, po: Payout): Payout {
  if (po.automatic)
    throw invalid("Automatic payouts cannot be canceled.", undefined, "payout_not_cancelable");
  if (po.status !== "pending")
    throw invalid(
      `Payouts can only be canceled while they are pending. This payout is ${po.status}.`,
      undefined,
      "payout_not_cancelable",
    );
  po.status = "canceled";
  po.trace_id = { status: "unsupported", value: null };
  addTxn(
    ctx.state,
    ctx.accountId,
    {
      amount: po.amount,
      currency: po.currency,
      type: "payout_cancel",
      reporting_category: "payout_reversal",
      source: po.id,
      pending: false,
    },
    ctx.config,
  );
  ctx.state.emit(ctx.accountId, "payout.canceled", po);
  ctx.state.dirty = true;
  return po;
}

/** A pending payout is submitted to the bank. */
export function payoutInTransit(ctx: Ctx, po: Payout): void {
  if (po.status !== "pending") return;
  po.status = "in_transit";
  ctx.state.emit(ctx.accountId, "payout.updated", po, { status: "pending" });
  ctx.state.dirty = true;
}

/**
 * Ends a payout at `at` (its arrival): paid, or failed for Stripe's failing test bank numbers — the funds come back
 * as a `payout_failure` transaction and the bank account is `errored`, so automatic payouts stop until it is replaced.
 */
export function settlePayout(ctx: Ctx, payout: Payout, at: number = now()): void {
  if (payout.status !== "pending" && payout.status !== "in_transit") return;
  const rec = ctx.state.account(ctx.accountId);
  const dest = rec?.external_accounts.find((e) => e.id === payout.destination);
  const failure = dest ? bankAccountFailure(dest.last4) : null;
  if (dest && failure) {
    payout.status = "failed";
    payout.failure_code = failure.code;
    payout.failure_message = failure.message;
    const txn = addTxn(
      ctx.state,
      ctx.accountId,
      {
        amount: payout.amount,
        currency: payout.currency,
        type: "payout_failure",
        reporting_category: "payout_reversal",
        source: payout.id,
        description: "Payout failure",
        pending: false,
        created: at,
      },
      ctx.config,
    );
    payout.failure_balance_transaction = txn.id;
    payout.trace_id = { status: "unsupported", value: null };
    const previous = dest.status;
    dest.status = "errored";
    ctx.state.emit(ctx.accountId, "payout.failed", payout);
    if (previous !== "errored")
      ctx.state.emit(ctx.accountId, "account.external_account.updated", dest, { status: previous });
  } else {
    payout.status = "paid";
    payout.trace_id = { status: "supported", value: `TRACE${payout.id.slice(3, 15).toUpperCase()}` };
    ctx.state.emit(ctx.accountId, "payout.paid", payout);
  }
  ctx.state.dirty = true;
}
