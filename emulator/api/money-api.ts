import { z } from "zod";
import { invalid, missing } from "../errors";
import { addTxn, renderBalance } from "../ledger";
import { inRange, listCollection } from "../list";
import {
  listParams,
  mergeMetadata,
  parseParams,
  zEnum,
  zExpand,
  zMetadata,
  zPositiveInt,
  zRange,
  zStr,
} from "../params";
import { createPayout } from "../payouts";
import type { Router } from "../router";
import type { AccountData } from "../state";

export const payoutCreate = z.strictObject({
  amount: zPositiveInt,
  currency: zStr,
  description: zStr.optional(),
  destination: zStr.optional(),
  metadata: zMetadata.optional(),
  method: zEnum(["standard", "instant"]).optional(),
  source_type: zEnum(["bank_account", "card", "fpx"]).optional(),
  statement_descriptor: zStr.optional(),
  expand: zExpand.optional(),
});

export function registerMoneyRoutes(r: Router): void {
  r.on("GET", "/v1/balance", (req) => {
    parseParams(z.strictObject({ expand: zExpand.optional() }), req.params);
    const rec = req.ctx.state.account(req.ctx.accountId);
    return renderBalance(req.ctx.state.dataFor(req.ctx.accountId), rec?.default_currency ?? "usd");
  });

  r.on("GET", "/v1/balance_transactions", (req) => {
    const p = parseParams(
      z.strictObject({
        ...listParams,
        created: zRange.optional(),
        currency: zStr.optional(),
        payout: zStr.optional(),
        source: zStr.optional(),
        type: zStr.optional(),
      }),
      req.params,
    );
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
  r.on("GET", "/v1/balance_transactions/:id", (req) => {
    parseParams(z.strictObject({ expand: zExpand.optional() }), req.params);
    const t = req.ctx.state.dataFor(req.ctx.accountId).balanceTransactions.get(req.path.id ?? "");
    if (!t) throw missing("balance transaction", req.path.id ?? "", "id");
    return t;
  });

  r.on("POST", "/v1/payouts", (req) => {
    const p = parseParams(payoutCreate, req.params);
    return createPayout(req.ctx, {
      amount: p.amount,
      currency: p.currency.toLowerCase(),
      ...(p.method ? { method: p.method } : {}),
      ...(p.description ? { description: p.description } : {}),
      ...(p.destination ? { destination: p.destination } : {}),
      ...(p.metadata ? { metadata: p.metadata } : {}),
      ...(p.statement_descriptor ? { statement_descriptor: p.statement_descriptor } : {}),
    });
  });
  r.on("GET", "/v1/payouts", (req) => {
    const p = parseParams(
      z.strictObject({
        ...listParams,
        status: zEnum(["pending", "paid", "failed", "canceled", "in_transit"]).optional(),
        created: zRange.optional(),
        arrival_date: zRange.optional(),
        destination: zStr.optional(),
      }),
      req.params,
    );
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
  r.on("GET", "/v1/payouts/:id", (req) => {
    parseParams(z.strictObject({ expand: zExpand.optional() }), req.params);
    const po = req.ctx.state.dataFor(req.ctx.accountId).payouts.get(req.path.id ?? "");
    if (!po) throw missing("payout", req.path.id ?? "", "id");
    return po;
  });
  r.on("POST", "/v1/payouts/:id", (req) => {
    const po = req.ctx.state.dataFor(req.ctx.accountId).payouts.get(req.path.id ?? "");
    if (!po) throw missing("payout", req.path.id ?? "", "id");
    const p = parseParams(
      z.strictObject({ metadata: zMetadata.optional(), expand: zExpand.optional() }),
      req.params,
    );
    po.metadata = mergeMetadata(po.metadata, p.metadata);
    req.ctx.state.dirty = true;
    return po;
  });
  r.on("POST", "/v1/payouts/:id/cancel", (req) => {
    const po = req.ctx.state.dataFor(req.ctx.accountId).payouts.get(req.path.id ?? "");
    if (!po) throw missing("payout", req.path.id ?? "", "id");
    parseParams(z.strictObject({ expand: zExpand.optional() }), req.params);
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

  r.on("GET", "/v1/transfers", (req) => {
    const p = parseParams(
      z.strictObject({
        ...listParams,
        destination: zStr.optional(),
        transfer_group: zStr.optional(),
        created: zRange.optional(),
      }),
      req.params,
    );
    return listCollection(
      req.ctx.state.dataFor(req.ctx.accountId).transfers,
      p,
      "/v1/transfers",
      (t) =>
        (p.destination === undefined || t.destination === p.destination) &&
        (p.transfer_group === undefined || t.transfer_group === p.transfer_group) &&
        inRange(t.created, p.created),
    );
  });
  r.on("GET", "/v1/transfers/:id", (req) => {
    parseParams(z.strictObject({ expand: zExpand.optional() }), req.params);
    const t = req.ctx.state.dataFor(req.ctx.accountId).transfers.get(req.path.id ?? "");
    if (!t) throw missing("transfer", req.path.id ?? "", "id");
    return t;
  });

  r.on("GET", "/v1/application_fees", (req) => {
    const p = parseParams(
      z.strictObject({ ...listParams, charge: zStr.optional(), created: zRange.optional() }),
      req.params,
    );
    return listCollection(
      req.ctx.state.dataFor(req.ctx.accountId).applicationFees,
      p,
      "/v1/application_fees",
      (f) => (p.charge === undefined || f.charge === p.charge) && inRange(f.created, p.created),
    );
  });
  r.on("GET", "/v1/application_fees/:id", (req) => {
    parseParams(z.strictObject({ expand: zExpand.optional() }), req.params);
    const f = req.ctx.state.dataFor(req.ctx.accountId).applicationFees.get(req.path.id ?? "");
    if (!f) throw missing("application fee", req.path.id ?? "", "id");
    return f;
  });
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
