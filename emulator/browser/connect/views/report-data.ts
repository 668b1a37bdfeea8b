/** Helpers shared by the report components: balance transactions, totals by category. */
import type { ConnectElement } from "../base-element";
import { isRecord, list, num, str } from "../dom";

export type Txn = Record<string, unknown>;

export interface Totals {
  count: number;
  gross: number;
  fee: number;
  net: number;
}

export function totalsByType(txns: Txn[]): Map<string, Totals> {
  const out = new Map<string, Totals>();
  for (const t of txns) {
    const type = str(t.reporting_category) ?? str(t.type) ?? "other";
    const cur = out.get(type) ?? { count: 0, gross: 0, fee: 0, net: 0 };
    cur.count += 1;
    cur.gross += num(t.amount) ?? 0;
    cur.fee += num(t.fee) ?? 0;
    cur.net += num(t.net) ?? 0;
    out.set(type, cur);
  }
  return out;
}

export async function allTransactions(
  el: ConnectElement,
  query: Record<string, string | number | undefined>,
): Promise<Txn[]> {
  const out: Txn[] = [];
  let startingAfter: string | undefined;
  for (let page = 0; page < 10; page++) {
    const res = await el.api.request<Record<string, unknown>>("GET", "balance_transactions", undefined, {
      ...query,
      limit: 100,
      starting_after: startingAfter,
    });
    const data = list(res).filter(isRecord);
    out.push(...data);
    if (res.has_more !== true || !data.length) break;
    startingAfter = str(data[data.length - 1]?.id);
  }
  return out;
}
