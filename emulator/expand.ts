import { invalid } from "./errors";
import type { JsonObject, JsonValue } from "./json";
import { isJsonObject } from "./json";
import { renderAccount } from "./account-model";
import type { State } from "./state";

/** Finds any object by id within an account's data (and accounts/platform-wide objects). */
export function lookupById(state: State, accountId: string, id: string): JsonValue | undefined {
  const d = state.dataFor(accountId);
  const platform = state.dataFor(state.platform.id);
  const prefix = id.slice(0, id.indexOf("_") + 1);
  switch (prefix) {
    case "ch_":
    case "py_":
      return d.charges.get(id);
    case "pi_":
      return d.paymentIntents.get(id);
    case "cus_":
      return d.customers.get(id);
    case "txn_":
      return d.balanceTransactions.get(id);
    case "re_":
      return d.refunds.get(id);
    case "dp_":
      return d.disputes.get(id);
    case "po_":
      return d.payouts.get(id);
    case "tr_":
      return d.transfers.get(id) ?? platform.transfers.get(id);
    case "fee_":
      return d.applicationFees.get(id) ?? platform.applicationFees.get(id);
    case "pm_":
      return d.paymentMethods.get(id);
    case "acct_": {
      const rec = state.account(id);
      return rec ? renderAccount(rec) : undefined;
    }
    case "ba_": {
      const rec = state.account(accountId);
      return rec?.external_accounts.find((e) => e.id === id);
    }
    default:
      return undefined;
  }
}

function expandPath(state: State, accountId: string, obj: JsonObject, path: string[], full: string): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (head === "data" && Array.isArray(obj.data) && obj.object === "list") {
    for (const item of obj.data) if (isJsonObject(item)) expandPath(state, accountId, item, rest, full);
    return;
  }
  if (!(head in obj)) throw invalid(`This property cannot be expanded (${full}).`, "expand");
  let value = obj[head];
  if (typeof value === "string") {
    const found = lookupById(state, accountId, value);
    if (found === undefined) throw invalid(`This property cannot be expanded (${full}).`, "expand");
    value = structuredClone(found);
    obj[head] = value;
  }
  if (rest.length > 0 && isJsonObject(value)) expandPath(state, accountId, value, rest, full);
}

/** Applies `expand[]` to a response (already a copy), as Stripe does, up to four levels deep. */
export function applyExpand(state: State, accountId: string, body: JsonValue, expand: string[]): JsonValue {
  if (!isJsonObject(body)) return body;
  for (const path of expand) {
    const parts = path.split(".");
    if (parts.length > 4)
      throw invalid(`You cannot expand more than 4 levels of a property (${path}).`, "expand");
    expandPath(state, accountId, body, parts, path);
  }
  return body;
}
