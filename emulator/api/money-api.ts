import type Stripe from "stripe";
import { invalid } from "../errors";
import { addTxn, renderBalance } from "../ledger";
import { inRange, listCollection } from "../list";
import { initialMetadata, known, nonNegative } from "../params";
import type { ApplicationFee, Payout, Transfer } from "../objects";
import { createPayout } from "../payouts";
import { paramsAs, type Router } from "../router";
import type { AccountData } from "../state";
import {
  listRoute,
  metadataUpdateRoute,
  pathObject,
  retrieveRoute,
  type PickCollection,
} from "./route-helpers";

const payouts: PickCollection<Payout> = (d) => d.payouts;
const transfers: PickCollection<Transfer> = (d) => d.transfers;
const applicationFees: PickCollection<ApplicationFee> = (d) => d.applicationFees;

export function registerMoneyRoutes(r: Router): void {
  r.on("GET", "/v1/balance", (req) => {
    const rec = req.ctx.state.account(req.ctx.accountId);
    return renderBalance(req.ctx.state.dataFor(req.ctx.accountId), rec?.default_currency ?? "usd");
  });

  r.on("GET", "/v1/balance_transactions", (req) => {
    const p = paramsAs<Stripe.BalanceTransactionListParams>(req);
    const d = req.ctx.state.dataFor(req.ctx.accountId);
    let inPayout: Set<string> | undefined;
    if (p.payout) {
      const po = d.payouts.get(p.payout);
      if (!po) throw invalid(`No such payout: '${p.payout}'`, "payout", "resource_missing");
      inPayout = payoutTransactions(d, po.id);
    }
    return listCollection(
      d.balanceTransactions,
      p,
      "/v1/balance_transactions",
      (t) =>
        inRange(t.created, p.created) &&
        (p.currency === undefined || t.currency === p.currency) &&
        (p.source === undefined || t.source === p.source) &&
        (p.type === undefined || t.type === p.type) &&
        (inPayout === undefined || inPayout.has(t.id)),
    );
  });
  retrieveRoute(r, "/v1/balance_transactions", (d) => d.balanceTransactions, "balance transaction");

  r.on("POST", "/v1/payouts", (req) => {
    const p = paramsAs<Stripe.PayoutCreateParams>(req);
    nonNegative(p.amount, "amount");
    return createPayout(req.ctx, {
      amount: p.amount,
      currency: p.currency.toLowerCase(),
      ...(p.method ? { method: known(p.method, ["instant", "standard"], "method") } : {}),
      ...(p.description ? { description: p.description } : {}),
      ...(p.destination ? { destination: p.destination } : {}),
      ...(p.metadata ? { metadata: initialMetadata(p.metadata) } : {}),
      ...(p.statement_descriptor ? { statement_descriptor: p.statement_descriptor } : {}),
    });
  });
  r.on("GET", "/v1/payouts", (req) => {
    const p = paramsAs<Stripe.PayoutListParams>(req);
    return listCollection(
      req.ctx.state.dataFor(req.ctx.accountId).payouts,
      p,
      "/v1/payouts",
      (po) =>
        (p.status === undefined || po.status === p.status) &&
        inRange(po.created, p.created) &&
        inRange(po.arrival_date, p.arrival_date) &&
        (p.destination === undefined || po.destination === p.destination),
    );
  });
  retrieveRoute(r, "/v1/payouts", payouts, "payout");
  metadataUpdateRoute(r, "/v1/payouts", payouts, "payout");
  r.on("POST", "/v1/payouts/:id/cancel", (req) => {
    const po = pathObject(req, payouts, "payout");
    if (po.status !== "pending")
      throw invalid(
        `Payouts can only be canceled while they are pending. This payout is ${po.status}.`,
        undefined,
        "payout_not_cancelable",
      );
    po.status = "canceled";
    // The funds return to the available balance.
    addTxn(
      req.ctx.state,
      req.ctx.accountId,
      {
        amount: po.amount,
        currency: po.currency,
        type: "payout_cancel",
        reporting_category: "payout_reversal",
        source: po.id,
        pending: false,
      },
      req.ctx.config,
    );
    req.ctx.state.emit(req.ctx.accountId, "payout.canceled", po);
    return po;
  });

  listRoute(r, "/v1/transfers", transfers, ["destination", "transfer_group"]);
  retrieveRoute(r, "/v1/transfers", transfers, "transfer");

  listRoute(r, "/v1/application_fees", applicationFees, ["charge"]);
  retrieveRoute(r, "/v1/application_fees", applicationFees, "application fee");
}

/** Transactions a payout covers: those available before it was created and after the previous payout. */
export function payoutTransactions(d: AccountData, payoutId: string): Set<string> {
  const payouts = d.payouts.toArray();
  const idx = payouts.findIndex((p) => p.id === payoutId);
  const po = payouts[idx];
  const prev = payouts[idx - 1];
  const out = new Set<string>();
  if (!po) return out;
  for (const t of d.balanceTransactions.toArray()) {
    if (t.created <= po.created && (!prev || t.created > prev.created) && t.type !== "payout") out.add(t.id);
  }
  if (po.balance_transaction) out.add(po.balance_transaction);
  return out;
}
