import type Stripe from "stripe";

/**
 * Payment and payout statuses in the words Stripe's Dashboard uses, as keys for messages (`admin.paymentStatus.*`,
 * `admin.payoutStatus.*`) rather than the API's enum values.
 */
export type PaymentStatusWord =
  | "succeeded"
  | "refunded"
  | "partiallyRefunded"
  | "disputed"
  | "uncaptured"
  | "pending"
  | "failed"
  | "canceled"
  | "incomplete";

export type PayoutStatusWord = "paid" | "pending" | "inTransit" | "canceled" | "failed";

function chargeOf(intent: Stripe.PaymentIntent): Stripe.Charge | null {
  return typeof intent.latest_charge === "object" ? intent.latest_charge : null;
}

/**
 * An abandoned checkout: a PaymentIntent nobody tried to pay (no charge attempt). Stripe's Dashboard and the
 * Payments component do not count it as a payment.
 */
export function isAbandonedCheckout(intent: Stripe.PaymentIntent): boolean {
  return intent.latest_charge === null;
}

export function paymentStatusWord(intent: Stripe.PaymentIntent): PaymentStatusWord {
  const charge = chargeOf(intent);
  switch (intent.status) {
    case "succeeded":
      if (charge?.disputed) return "disputed";
      if (charge?.refunded) return "refunded";
      if (charge && charge.amount_refunded > 0) return "partiallyRefunded";
      return "succeeded";
    case "requires_capture":
      return "uncaptured";
    case "processing":
      return "pending";
    case "canceled":
      return "canceled";
    case "requires_payment_method":
      // After a declined attempt the intent waits for another card: the attempt failed.
      return intent.latest_charge ? "failed" : "incomplete";
    default:
      // requires_confirmation, requires_action: the customer has not finished paying.
      return "incomplete";
  }
}

export function payoutStatusWord(payout: Stripe.Payout): PayoutStatusWord {
  switch (payout.status) {
    case "paid":
      return "paid";
    case "in_transit":
      return "inTransit";
    case "canceled":
      return "canceled";
    case "failed":
      return "failed";
    default:
      return "pending";
  }
}
