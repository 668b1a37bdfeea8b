import type { PaymentsListDefaultFilters, Status } from "@stripe/connect-js/pure";

/**
 * `/payments?status=refunded,disputed&min=10&max=200&from=2026-01-01&to=2026-02-01&method=card` → the Payments
 * component's default filters. Amounts are in major units; bad values are dropped, never fatal.
 */
export const paymentStatuses = [
  "blocked",
  "canceled",
  "disputed",
  "early_fraud_warning",
  "failed",
  "incomplete",
  "partially_refunded",
  "pending",
  "refund_pending",
  "refunded",
  "successful",
  "uncaptured",
] as const satisfies readonly Status[];

/** Serializable form (server → client); turned into PaymentsListDefaultFilters in the browser. */
export interface PaymentFilterQuery {
  status?: Status[];
  min?: number;
  max?: number;
  from?: string;
  to?: string;
  method?: "card";
}

// Plain checks, not zod: this module also runs in the browser (toDefaultFilters), where every KB counts.
function isoDate(value: string | undefined): string | undefined {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? value : undefined;
}

function amount(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : undefined;
}

export function parsePaymentFilterQuery(
  query: Record<string, string | string[] | undefined>,
): PaymentFilterQuery {
  const first = (key: string) => {
    const value = query[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const result: PaymentFilterQuery = {};
  const statuses = (first("status") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s): s is Status => (paymentStatuses as readonly string[]).includes(s));
  if (statuses.length > 0) result.status = statuses;
  const min = amount(first("min"));
  if (min !== undefined) result.min = min;
  const max = amount(first("max"));
  if (max !== undefined) result.max = max;
  const from = isoDate(first("from"));
  if (from) result.from = from;
  const to = isoDate(first("to"));
  if (to) result.to = to;
  if (first("method") === "card") result.method = "card";
  return result;
}

export function toDefaultFilters(query: PaymentFilterQuery): PaymentsListDefaultFilters {
  const filters: PaymentsListDefaultFilters = {};
  if (query.status) filters.status = query.status;
  if (query.min !== undefined && query.max !== undefined) {
    filters.amount = { between: { lowerBound: query.min, upperBound: query.max } };
  } else if (query.min !== undefined) {
    filters.amount = { greaterThan: query.min };
  } else if (query.max !== undefined) {
    filters.amount = { lessThan: query.max };
  }
  if (query.from && query.to)
    filters.date = { between: { start: new Date(query.from), end: new Date(query.to) } };
  else if (query.from) filters.date = { after: new Date(query.from) };
  else if (query.to) filters.date = { before: new Date(query.to) };
  if (query.method) filters.paymentMethod = query.method;
  return filters;
}
