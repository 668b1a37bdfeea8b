import { createHash } from "node:crypto";
// The Stripe.js stand-in checks numbers with the same Luhn function.
import { luhn } from "./browser/stripe/cards";
import type { CardDetails } from "./objects";

export type CardBehaviour =
  | { kind: "success" }
  | { kind: "decline"; code: string; decline_code: string; message: string }
  | { kind: "dispute"; reason: string; inquiry: boolean }
  | { kind: "bypass_pending" };

export type TestCard = {
  number: string;
  brand: string;
  funding: string;
  country: string;
  behaviour: CardBehaviour;
};

const DECLINED = "Your card was declined.";
const decline = (decline_code: string, message = DECLINED, code = "card_declined"): CardBehaviour => ({
  kind: "decline",
  code,
  decline_code,
  message,
});

const SUCCESS: CardBehaviour = { kind: "success" };
const dispute = (reason: string, inquiry = false): CardBehaviour => ({ kind: "dispute", reason, inquiry });
const card = (number: string, behaviour: CardBehaviour, brand = "visa", funding = "credit"): TestCard => ({
  number,
  brand,
  funding,
  country: "US",
  behaviour,
});

/** Stripe's documented test card numbers and their outcomes. */
const CARDS: TestCard[] = [
  card("4242424242424242", SUCCESS),
  card("4000056655665556", SUCCESS, "visa", "debit"),
  card("5555555555554444", SUCCESS, "mastercard"),
  card("5200828282828210", SUCCESS, "mastercard", "debit"),
  card("378282246310005", SUCCESS, "amex"),
  card("6011111111111117", SUCCESS, "discover"),
  card("4000000000000077", { kind: "bypass_pending" }),
  card("4000000000000002", decline("generic_decline")),
  card("4000000000009995", decline("insufficient_funds", "Your card has insufficient funds.")),
  card("4000000000009987", decline("lost_card")),
  card("4000000000009979", decline("stolen_card")),
  card("4000000000000069", decline("expired_card", "Your card has expired.", "expired_card")),
  card(
    "4000000000000127",
    decline("incorrect_cvc", "Your card's security code is incorrect.", "incorrect_cvc"),
  ),
  card(
    "4000000000000119",
    decline(
      "processing_error",
      "An error occurred while processing your card. Try again in a little bit.",
      "processing_error",
    ),
  ),
  card("4242424242424241", decline("incorrect_number", "Your card number is incorrect.", "incorrect_number")),
  card("4100000000000019", decline("fraudulent")),
  card("4000000000000259", dispute("fraudulent")),
  card("4000000000001976", dispute("fraudulent", true)),
  card("4000000000002685", dispute("product_not_received")),
];

/** Stripe's `pm_card_*` test PaymentMethods, mapped onto card numbers. */
const PM_TOKENS: Record<string, string> = {
  pm_card_visa: "4242424242424242",
  pm_card_visa_debit: "4000056655665556",
  pm_card_mastercard: "5555555555554444",
  pm_card_mastercard_debit: "5200828282828210",
  pm_card_amex: "378282246310005",
  pm_card_discover: "6011111111111117",
  pm_card_bypassPending: "4000000000000077",
  pm_card_chargeDeclined: "4000000000000002",
  pm_card_chargeDeclinedInsufficientFunds: "4000000000009995",
  pm_card_chargeDeclinedLostCard: "4000000000009987",
  pm_card_chargeDeclinedStolenCard: "4000000000009979",
  pm_card_chargeDeclinedExpiredCard: "4000000000000069",
  pm_card_chargeDeclinedIncorrectCvc: "4000000000000127",
  pm_card_chargeDeclinedProcessingError: "4000000000000119",
  pm_card_chargeDeclinedFraudulent: "4100000000000019",
  pm_card_radarBlock: "4100000000000019",
  pm_card_createDispute: "4000000000000259",
  pm_card_createDisputeInquiry: "4000000000001976",
  pm_card_createDisputeProductNotReceived: "4000000000002685",
  tok_visa: "4242424242424242",
  tok_mastercard: "5555555555554444",
  tok_amex: "378282246310005",
  tok_chargeDeclined: "4000000000000002",
  tok_chargeDeclinedInsufficientFunds: "4000000000009995",
  tok_createDispute: "4000000000000259",
};

export function cardForNumber(number: string): TestCard | undefined {
  const digits = number.replace(/\s+/g, "");
  const known = CARDS.find((c) => c.number === digits);
  if (known) return known;
  // Any other Luhn-valid number behaves as a successful card, as in Stripe test mode.
  if (/^\d{13,19}$/.test(digits) && luhn(digits)) {
    const brand = digits.startsWith("4")
      ? "visa"
      : digits.startsWith("5")
        ? "mastercard"
        : digits.startsWith("3")
          ? "amex"
          : "unknown";
    return { number: digits, brand, funding: "credit", country: "US", behaviour: { kind: "success" } };
  }
  return undefined;
}

export function cardForToken(token: string): TestCard | undefined {
  const number = PM_TOKENS[token];
  return number ? cardForNumber(number) : undefined;
}

export function isTestToken(token: string): boolean {
  return token in PM_TOKENS;
}

export function fingerprint(value: string): string {
  return createHash("sha256")
    .update(value)
    .digest("base64")
    .replace(/[^A-Za-z0-9]/g, "")
    .slice(0, 16);
}

export function cardDetails(card: TestCard, expMonth = 12, expYear = 2034): CardDetails {
  return {
    brand: card.brand,
    last4: card.number.slice(-4),
    exp_month: expMonth,
    exp_year: expYear,
    funding: card.funding,
    country: card.country,
    fingerprint: fingerprint(card.number),
  };
}
