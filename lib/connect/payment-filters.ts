import type { PaymentsListDefaultFilters, Status } from "@stripe/connect-js/pure";
import { z } from "zod";

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

const dateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => !Number.isNaN(Date.parse(value)));
const amount = z.coerce.number().finite().nonnegative();

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
  const min = amount.safeParse(first("min"));
  if (first("min") !== undefined && min.success) result.min = min.data;
  const max = amount.safeParse(first("max"));
  if (first("max") !== undefined && max.success) result.max = max.data;
  const from = dateString.safeParse(first("from"));
  if (from.success) result.from = from.data;
  const to = dateString.safeParse(first("to"));
  if (to.success) result.to = to.data;
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
