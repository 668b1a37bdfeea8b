import "server-only";
import { log } from "../log";
import { callStripe } from "../stripe/call";
import { getStripe } from "../stripe/client";
import { actingFor } from "./accounts-api";

declare global {
  var porticoAccountsWithPayments: Set<string> | undefined;
}

/** Accounts known to have had a payment: an account never goes back to having none, so they are asked once. */
function knownPaid(): Set<string> {
  globalThis.porticoAccountsWithPayments ??= new Set();
  return globalThis.porticoAccountsWithPayments;
}

/**
 * Whether the account has taken a payment attempt yet — a charge of any outcome, as the Payments component lists
 * them (an abandoned checkout, a PaymentIntent never confirmed, is none). Null when Stripe cannot say right now:
 * the page then shows its usual view rather than claim the account is new.
 */
export async function accountHasPayments(accountId: string): Promise<boolean | null> {
  if (knownPaid().has(accountId)) return true;
  try {
    const charges = await callStripe((options) => getStripe().charges.list({ limit: 1 }, options), {
      ...actingFor(accountId),
      deadlineMs: 2_500,
    });
    const paid = charges.data.length > 0;
    if (paid) knownPaid().add(accountId);
    return paid;
  } catch (error) {
    log.warn(
      { err: error, event: "first_payment.check_failed" },
      "could not tell whether the account has payments",
    );
    return null;
  }
}
