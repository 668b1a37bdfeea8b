import "server-only";
import Stripe from "stripe";
import { AppError } from "../errors";
import { callStripe } from "../stripe/call";
import { getStripe } from "../stripe/client";
import { actingFor } from "./accounts-api";

/** Stripe ids of what the Payments component lists: a PaymentIntent, a charge, or a `py_` transfer payment. */
export const paymentIdPattern = /^(pi|ch|py)_[A-Za-z0-9]{6,64}$/;

export interface PaymentRecord {
  id: string;
}

const missing = (id: string) =>
  new AppError("not_found", `No such payment: ${id}`, { reason: "payment_not_found" });

/**
 * Looks one payment up on the account (acting for it, so another account's id finds nothing). A payment is a charge
 * attempt, as the Payments component lists them: a PaymentIntent nobody tried to pay (an abandoned checkout) is none.
 * Throws `not_found` when Stripe has no such object (its 404 `resource_missing`); other failures propagate.
 */
export async function findPaymentRecord(accountId: string, id: string): Promise<PaymentRecord> {
  if (!paymentIdPattern.test(id)) throw missing(id);
  try {
    if (id.startsWith("pi_")) {
      const intent = await callStripe(
        (options) => getStripe().paymentIntents.retrieve(id, {}, options),
        actingFor(accountId),
      );
      if (!intent.latest_charge) throw missing(id);
      return { id: intent.id };
    }
    const charge = await callStripe(
      (options) => getStripe().charges.retrieve(id, {}, options),
      actingFor(accountId),
    );
    return { id: charge.id };
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError && error.code === "resource_missing") throw missing(id);
    throw error;
  }
}
