import { fingerprint } from "./cards";
import { invalid, stateError, StripeError } from "./errors";
import { newId, now } from "./ids";
import { addTxn, availableFor } from "./ledger";
import type { BankAccount, Payout } from "./objects";
import type { Ctx } from "./payments";
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

export function createPayout(
  ctx: Ctx,
  p: {
    amount: number;
    currency: string;
    method?: "standard" | "instant";
    description?: string;
    destination?: string;
    metadata?: Record<string, string>;
    statement_descriptor?: string;
    created?: number;
    automatic?: boolean;
  },
): Payout {
  const { state, config } = ctx;
  const rec = state.account(ctx.accountId);
  if (!rec) throw invalid("No such account");
  const d = state.dataFor(ctx.accountId);
  if (p.amount <= 0) throw invalid("Invalid positive integer", "amount");
  const dest = p.destination
    ? rec.external_accounts.find((e) => e.id === p.destination)
    : rec.external_accounts.find((e) => e.currency === p.currency && e.default_for_currency);
  if (!dest) {
    if (p.destination)
      throw invalid(`No such external account: '${p.destination}'`, "destination", "resource_missing");
    throw stateError(
      `You don't have any external accounts in that currency (${p.currency}).`,
      "no_external_account",
      "currency",
    );
  }
  if (!p.created && availableFor(d, p.currency) < p.amount) {
    throw new StripeError(400, {
      type: "invalid_request_error",
      code: "balance_insufficient",
      message:
        "You have insufficient funds in your Stripe account for this transfer. Your card balance is too low. You can use the /v1/balance endpoint to view your Stripe balance (for more details, see stripe.com/docs/api#balance).",
    });
  }
  const id = newId("po");
  const created = p.created ?? now();
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
  const method = p.method ?? "standard";
  const payout: Payout = {
    id,
    object: "payout",
    amount: p.amount,
    application_fee: null,
    application_fee_amount: null,
    arrival_date: method === "instant" ? created : Math.floor(created / 86400) * 86400 + 2 * 86400,
    automatic: p.automatic ?? false,
    balance_transaction: txn.id,
    created,
    currency: p.currency,
    description: p.description ?? "STRIPE PAYOUT",
    destination: dest.id,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    livemode: false,
    metadata: p.metadata ?? {},
    method,
    original_payout: null,
    reconciliation_status: "not_applicable",
    reversed_by: null,
    source_type: "card",
    statement_descriptor: p.statement_descriptor ?? null,
    status: "pending",
    type: "bank_account",
    trace_id: { status: "pending", value: null },
    payout_method: null,
  };
  d.payouts.add(payout);
  state.dirty = true;
  if (!p.created) {
    state.emit(ctx.accountId, "payout.created", payout);
    if (method === "standard")
      state.schedule({
        kind: "payout_transit",
        at: now() + Math.ceil(config.payoutSettleSeconds / 2),
        account: ctx.accountId,
        id,
      });
    state.schedule({ kind: "payout", at: now() + config.payoutSettleSeconds, account: ctx.accountId, id });
  }
  return payout;
}

/** Ends a payout: paid, or failed for Stripe's failing test bank numbers (funds return to the balance). */
export function settlePayout(ctx: Ctx, payout: Payout, emit = true): void {
  if (payout.status !== "pending" && payout.status !== "in_transit") return;
  const rec = ctx.state.account(ctx.accountId);
  const dest = rec?.external_accounts.find((e) => e.id === payout.destination);
  const failure = dest ? bankAccountFailure(dest.last4) : null;
  if (failure) {
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
        created: payout.created,
      },
      ctx.config,
    );
    payout.failure_balance_transaction = txn.id;
    payout.trace_id = { status: "unsupported", value: null };
    if (emit) ctx.state.emit(ctx.accountId, "payout.failed", payout);
  } else {
    payout.status = "paid";
    payout.reconciliation_status = "completed";
    payout.trace_id = { status: "supported", value: `TRACE${payout.id.slice(3, 15).toUpperCase()}` };
    if (emit) ctx.state.emit(ctx.accountId, "payout.paid", payout);
  }
  ctx.state.dirty = true;
}
