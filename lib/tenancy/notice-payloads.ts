import { z } from "zod";

/** What a tenant notice stores, per kind (validated on write and on read: the column is plain JSON text). */

export const payoutFailedPayloadSchema = z.object({
  payoutId: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  failureCode: z.string().nullable(),
  failureMessage: z.string().nullable(),
  arrivalDate: z.number().int().nullable(),
});
export type PayoutFailedPayload = z.infer<typeof payoutFailedPayloadSchema>;

export const disputeCreatedPayloadSchema = z.object({
  disputeId: z.string(),
  chargeId: z.string().nullable(),
  paymentIntentId: z.string().nullable(),
  amount: z.number().int(),
  currency: z.string(),
  reason: z.string(),
  /** Unix seconds: when evidence is due. */
  dueBy: z.number().int().nullable(),
});
export type DisputeCreatedPayload = z.infer<typeof disputeCreatedPayloadSchema>;

export type NoticeContent =
  | { kind: "payout_failed"; payload: PayoutFailedPayload }
  | { kind: "dispute_created"; payload: DisputeCreatedPayload };

export type NoticeKind = NoticeContent["kind"];

export function parseNoticeContent(kind: string, payloadText: string): NoticeContent | null {
  let raw: unknown;
  try {
    raw = JSON.parse(payloadText);
  } catch {
    return null;
  }
  if (kind === "payout_failed") {
    const parsed = payoutFailedPayloadSchema.safeParse(raw);
    return parsed.success ? { kind, payload: parsed.data } : null;
  }
  if (kind === "dispute_created") {
    const parsed = disputeCreatedPayloadSchema.safeParse(raw);
    return parsed.success ? { kind, payload: parsed.data } : null;
  }
  return null;
}

export { formatStripeAmount } from "../money";

/** Where a dispute notice sends the tenant: the disputed payment when known, else the disputes list. */
export function disputeHref(payload: Pick<DisputeCreatedPayload, "paymentIntentId" | "chargeId">): string {
  const id = payload.paymentIntentId ?? payload.chargeId;
  return id && /^(pi|ch|py)_[A-Za-z0-9]{6,64}$/.test(id) ? `/payments/${id}` : "/disputes";
}

/** Payout failure codes with a plain-words explanation in messages/*.json (notices.payoutFailure.*). */
export const KNOWN_PAYOUT_FAILURES = [
  "account_closed",
  "account_frozen",
  "bank_account_restricted",
  "bank_ownership_changed",
  "could_not_process",
  "debit_not_authorized",
  "declined",
  "incorrect_account_holder_name",
  "insufficient_funds",
  "invalid_account_number",
  "invalid_currency",
  "no_account",
] as const;
export type KnownPayoutFailure = (typeof KNOWN_PAYOUT_FAILURES)[number];

export function knownPayoutFailure(code: string | null): KnownPayoutFailure | null {
  return KNOWN_PAYOUT_FAILURES.find((c) => c === code) ?? null;
}
