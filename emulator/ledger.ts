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

function bucket(d: AccountData, currency: string): { available: number; pending: number } {
  let b = d.balance[currency];
  if (!b) {
    b = { available: 0, pending: 0 };
    d.balance[currency] = b;
  }
  return b;
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
  const b = bucket(d, input.currency);
  if (pending) {
    b.pending += txn.net;
    state.schedule({ kind: "txn", at: availableOn, account: accountId, id: txn.id });
  } else {
    b.available += txn.net;
  }
  state.dirty = true;
  return txn;
}

/** Moves a pending transaction to available; returns true when it changed. */
export function settleTxn(state: State, accountId: string, txnId: string): boolean {
  const d = state.dataFor(accountId);
  const txn = d.balanceTransactions.get(txnId);
  if (!txn || txn.status !== "pending") return false;
  txn.status = "available";
  const b = bucket(d, txn.currency);
  b.pending -= txn.net;
  b.available += txn.net;
  state.dirty = true;
  return true;
}

export function renderBalance(d: AccountData, defaultCurrency: string): JsonObject {
  const currencies = Object.keys(d.balance);
  if (currencies.length === 0) currencies.push(defaultCurrency);
  const row = (key: "available" | "pending") =>
    currencies.map((c) => {
      const amount = d.balance[c]?.[key] ?? 0;
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
  return d.balance[currency]?.available ?? 0;
}
