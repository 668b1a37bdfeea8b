/** The documents an account has at a given time: derived from its creation date, never stored, so deterministic. */
import type { AccountRecord } from "./account-model";
import type { JsonObject } from "./json";

/** Years of 1099-K forms kept on the list (Stripe shows the recent ones). */
const TAX_FORM_YEARS = 3;

const utc = (year: number, month: number, day = 1): number => Date.UTC(year, month, day) / 1000;

/**
 * This year's monthly statements from the account's first month (closed months `available`, the running month
 * `pending`, so a new account is never empty), then prior years' Form 1099-K for US accounts, newest first.
 */
export function accountDocuments(
  rec: Pick<AccountRecord, "id" | "created" | "country">,
  at: number,
): JsonObject[] {
  const today = new Date(at * 1000);
  const thisYear = today.getUTCFullYear();
  const opened = new Date(rec.created * 1000);
  const firstYear = opened.getUTCFullYear();
  // No statement before the account opened (nor any if it opened after `at`).
  const firstMonth = firstYear < thisYear ? 0 : firstYear === thisYear ? opened.getUTCMonth() : 12;
  const key = rec.id.slice(5, 13);
  const docs: JsonObject[] = [];
  for (let m = today.getUTCMonth(); m >= firstMonth; m--) {
    const end = utc(thisYear, m + 1);
    const closed = end <= at;
    docs.push({
      id: `doc_${key}${thisYear}${String(m + 1).padStart(2, "0")}`,
      type: "monthly_statement",
      year: thisYear,
      month: m + 1,
      period: { start: utc(thisYear, m), end },
      created: closed ? end : utc(thisYear, m),
      status: closed ? "available" : "pending",
    });
  }
  if (rec.country !== "US") return docs;
  for (let y = thisYear - 1; y >= firstYear && y >= thisYear - TAX_FORM_YEARS; y--) {
    docs.push({
      id: `doc_${key}${y}`,
      type: "tax_form_1099k",
      year: y,
      // 1099-K forms are issued by January 31.
      created: utc(y + 1, 0, 31),
      status: "available",
    });
  }
  return docs;
}
