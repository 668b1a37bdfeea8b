import type Stripe from "stripe";
import { invalid } from "../errors";
import { payoutTransactions, renderBalance } from "../ledger";
import { inRange, listCollection } from "../list";
import { known, nonNegative } from "../params";
import type { ApplicationFee, Payout, Transfer } from "../objects";
import { cancelPayout, createPayout } from "../payouts";
import { paramsAs, type Router } from "../router";
import { echoParams } from "../schema/echo-params";
import { listRoute, echoUpdateRoute, pathObject, retrieveRoute, type PickCollection } from "./route-helpers";

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
    const p = paramsAs<Stripe.PayoutCreateParams>(req);
    nonNegative(p.amount, "amount");
    return createPayout(req.ctx, {
      amount: p.amount,
      currency: p.currency.toLowerCase(),
      ...(p.method ? { method: known(p.method, ["instant", "standard"], "method") } : {}),
      ...(p.description ? { description: p.description } : {}),
      ...(p.destination ? { destination: p.destination } : {}),
      echo: echoParams("Payout", req.params),
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
  echoUpdateRoute(r, "/v1/payouts", payouts, "payout", "Payout");
  r.on("POST", "/v1/payouts/:id/cancel", (req) => {
    const po = pathObject(req, payouts, "payout");
    return cancelPayout(req.ctx, po);
  });

  listRoute(r, "/v1/transfers", transfers, ["destination", "transfer_group"]);
  retrieveRoute(r, "/v1/transfers", transfers, "transfer");

  listRoute(r, "/v1/application_fees", applicationFees, ["charge"]);
  retrieveRoute(r, "/v1/application_fees", applicationFees, "application fee");
}

export { payoutTransactions };
