import { newId, now } from "./ids";
import type { JsonObject } from "./json";
import type { BalanceTransaction } from "./objects";
import type { AccountData, State } from "./state";

export type TxnInput = {
  amount: number;
  currency: string;
  type: string;
  reporting_category: string;
  source: string | null;
  description?: string | null;
  fee_details?: BalanceTransaction["fee_details"];
  /** Payments settle after a delay; refunds, payouts and disputes hit the available balance at once. */
  pending: boolean;
  created?: number;
};

export interface LedgerOptions {
  pendingToAvailableSeconds: number;
}

export function stripeFee(amount: number): number {
  return Math.round(amount * 0.029) + 30;
}

export function addTxn(
  state: State,
  accountId: string,
  input: TxnInput,
  opts: LedgerOptions,
): BalanceTransaction {
  const d = state.dataFor(accountId);
  const created = input.created ?? now();
  const feeDetails = input.fee_details ?? [];
  const fee = feeDetails.reduce((s, f) => s + f.amount, 0);
  const availableOn = input.pending ? created + opts.pendingToAvailableSeconds : created;
  const pending = input.pending && availableOn > now();
  const txn: BalanceTransaction = {
    id: newId("txn"),
    object: "balance_transaction",
    amount: input.amount,
    available_on: availableOn,
    created,
    currency: input.currency,
    description: input.description ?? null,
    exchange_rate: null,
    fee,
    fee_details: feeDetails,
    net: input.amount - fee,
    reporting_category: input.reporting_category,
    source: input.source,
    status: pending ? "pending" : "available",
    type: input.type,
    balance_type: "payments",
  };
  d.balanceTransactions.add(txn);
  if (pending) state.schedule({ kind: "txn", at: availableOn, account: accountId, id: txn.id });
  state.dirty = true;
  return txn;
}

/** Moves a pending transaction to available; returns true when it changed. */
export function settleTxn(state: State, accountId: string, txnId: string): boolean {
  const d = state.dataFor(accountId);
  const txn = d.balanceTransactions.get(txnId);
  if (!txn || txn.status !== "pending") return false;
  txn.status = "available";
  state.dirty = true;
  return true;
}

/** `GET /v1/balance`: Σ `net` of the account's balance transactions per currency and status. */
export function renderBalance(d: AccountData, defaultCurrency: string): JsonObject {
  const balance = d.balance;
  const currencies = Object.keys(balance);
  if (currencies.length === 0) currencies.push(defaultCurrency);
  const row = (key: "available" | "pending") =>
    currencies.map((c) => {
      const amount = balance[c]?.[key] ?? 0;
      return { amount, currency: c, source_types: { card: amount } };
    });
  return {
    object: "balance",
    available: row("available"),
    connect_reserved: currencies.map((c) => ({ amount: 0, currency: c })),
    livemode: false,
    pending: row("pending"),
  };
}

export function availableFor(d: AccountData, currency: string): number {
  let sum = 0;
  for (const t of d.balanceTransactions.values())
    if (t.currency === currency && t.status === "available") sum += t.net;
  return sum;
}

/**
 * What an automatic payout made at `at` settles in `currency`: every available transaction no earlier payout has
 * settled. Their `net` is the payout's amount, so the available balance is zero right after it.
 */
export function unsettledAvailable(
  d: AccountData,
  currency: string,
  at: number,
): { ids: string[]; amount: number } {
  const ids: string[] = [];
  let amount = 0;
  for (const t of d.balanceTransactions.values()) {
    if (t.currency !== currency || t.status !== "available" || t.available_on > at || t.created > at)
      continue;
    if (d.txnPayout.has(t.id)) continue;
    ids.push(t.id);
    amount += t.net;
  }
  return { ids, amount };
}

/**
 * The balance transactions an automatic payout settled, its own `payout` transaction included (their `net` sums to
 * zero). A manual payout settles nothing in particular: only its own transactions (payout, failure or cancel).
 */
export function payoutTransactions(d: AccountData, payoutId: string): Set<string> {
  const out = new Set<string>();
  const po = d.payouts.get(payoutId);
  if (!po) return out;
  if (po.automatic) {
    for (const [txn, id] of d.txnPayout) if (id === payoutId) out.add(txn);
  } else {
    for (const t of d.balanceTransactions.values()) if (t.source === payoutId) out.add(t.id);
  }
  return out;
}
