import type { EmulatorConfig } from "./config";
import { renderBalance, settleTxn } from "./ledger";
import { resolveDispute, type Ctx } from "./payments";
import { payoutInTransit, runAutomaticPayouts, settlePayout } from "./payouts";
import { nextMidnight, type Scheduled, type State } from "./state";

/**
 * Runs the work due up to `t` in time order: pending funds becoming available, payouts going in transit and arriving,
 * dispute decisions, and at each UTC midnight passed the accounts' automatic payout schedules. Time order matters when
 * the clock jumps (the control API, or the seeder replaying history): a payout at midnight settles exactly what was
 * available by then. Cheap when nothing is due, as the live ticker calls it every 250 ms.
 */
export function runDue(state: State, config: EmulatorConfig, t: number): void {
  const balanceChanged = new Set<string>();
  for (;;) {
    const midnight = state.payoutRunAt;
    const horizon = Math.min(t, midnight);
    if (state.scheduled.some((s) => s.at <= horizon)) {
      const due = state.scheduled.filter((s) => s.at <= horizon).sort((a, b) => a.at - b.at);
      state.scheduled = state.scheduled.filter((s) => s.at > horizon);
      for (const item of due) runItem(state, config, item, balanceChanged);
      // Handling an item may schedule more that is already due (a payout made at midnight, say).
      continue;
    }
    if (midnight > t) break;
    for (const [accountId] of state.dataEntries())
      runAutomaticPayouts({ state, config, accountId }, midnight);
    state.payoutRunAt = nextMidnight(midnight);
    state.dirty = true;
  }
  for (const acct of balanceChanged) {
    const rec = state.account(acct);
    state.emit(acct, "balance.available", renderBalance(state.dataFor(acct), rec?.default_currency ?? "usd"));
  }
}

function runItem(state: State, config: EmulatorConfig, item: Scheduled, balanceChanged: Set<string>): void {
  if (!state.account(item.account)) return;
  const ctx: Ctx = { state, config, accountId: item.account };
  const d = state.dataFor(item.account);
  switch (item.kind) {
    case "txn":
      if (settleTxn(state, item.account, item.id)) balanceChanged.add(item.account);
      break;
    case "payout_transit": {
      const po = d.payouts.get(item.id);
      if (po) payoutInTransit(ctx, po);
      break;
    }
    case "payout": {
      const po = d.payouts.get(item.id);
      if (po) settlePayout(ctx, po, item.at);
      break;
    }
    case "dispute": {
      const dp = d.disputes.get(item.id);
      if (dp) resolveDispute(ctx, dp, item.at);
      break;
    }
  }
}
