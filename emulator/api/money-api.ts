import { z } from "zod";
import { invalid } from "../errors";
import { payoutTransactions, renderBalance } from "../ledger";
import { inRange, listCollection } from "../list";
import { listParams, parseParams, zEnum, zExpand, zMetadata, zPositiveInt, zRange, zStr } from "../params";
import type { ApplicationFee, Payout, Transfer } from "../objects";
import { cancelPayout, createPayout } from "../payouts";
import type { Router } from "../router";
import {
  listRoute,
  metadataUpdateRoute,
  pathObject,
  retrieveRoute,
  type PickCollection,
} from "./route-helpers";

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

const payouts: PickCollection<Payout> = (d) => d.payouts;
const transfers: PickCollection<Transfer> = (d) => d.transfers;
const applicationFees: PickCollection<ApplicationFee> = (d) => d.applicationFees;

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
      // Only an automatic payout settles a known set of transactions.
      if (!po.automatic)
        throw invalid(
          "Balance transaction history can only be filtered on automatic transfers, not manual.",
          "payout",
        );
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
  retrieveRoute(r, "/v1/payouts", payouts, "payout");
  metadataUpdateRoute(r, "/v1/payouts", payouts, "payout");
  r.on("POST", "/v1/payouts/:id/cancel", (req) => {
    const po = pathObject(req, payouts, "payout");
    parseParams(z.strictObject({ expand: zExpand.optional() }), req.params);
    return cancelPayout(req.ctx, po);
  });

  listRoute(r, "/v1/transfers", transfers, ["destination", "transfer_group"]);
  retrieveRoute(r, "/v1/transfers", transfers, "transfer");

  listRoute(r, "/v1/application_fees", applicationFees, ["charge"]);
  retrieveRoute(r, "/v1/application_fees", applicationFees, "application fee");
}

export { payoutTransactions };
