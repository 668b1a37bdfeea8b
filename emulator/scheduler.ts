import type { EmulatorConfig } from "./config";
import { renderBalance, settleTxn } from "./ledger";
import { resolveDispute, type Ctx } from "./payments";
import { settlePayout } from "./payouts";
import type { State } from "./state";

/** Runs scheduled work due at `t`: pending funds, payout progress and dispute decisions. */
export function runDue(state: State, config: EmulatorConfig, t: number): void {
  if (state.scheduled.length === 0) return;
  const due = state.scheduled.filter((s) => s.at <= t);
  if (due.length === 0) return;
  state.scheduled = state.scheduled.filter((s) => s.at > t);
  const balanceChanged = new Set<string>();
  for (const item of due) {
    if (!state.account(item.account)) continue;
    const ctx: Ctx = { state, config, accountId: item.account };
    const d = state.dataFor(item.account);
    switch (item.kind) {
      case "txn":
        if (settleTxn(state, item.account, item.id)) balanceChanged.add(item.account);
        break;
      case "payout_transit": {
        const po = d.payouts.get(item.id);
        if (po?.status === "pending") {
          po.status = "in_transit";
          state.emit(item.account, "payout.updated", po, { status: "pending" });
        }
        break;
      }
      case "payout": {
        const po = d.payouts.get(item.id);
        if (po) settlePayout(ctx, po);
        break;
      }
      case "dispute": {
        const dp = d.disputes.get(item.id);
        if (dp) resolveDispute(ctx, dp);
        break;
      }
    }
  }
  for (const acct of balanceChanged) {
    const rec = state.account(acct);
    state.emit(acct, "balance.available", renderBalance(state.dataFor(acct), rec?.default_currency ?? "usd"));
  }
}
