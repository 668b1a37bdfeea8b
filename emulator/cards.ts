import { createHash } from "node:crypto";
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

/** Stripe's documented test card numbers and their outcomes. */
const CARDS: TestCard[] = [
  {
    number: "4242424242424242",
    brand: "visa",
    funding: "credit",
    country: "US",
    behaviour: { kind: "success" },
  },
  {
    number: "4000056655665556",
    brand: "visa",
    funding: "debit",
    country: "US",
    behaviour: { kind: "success" },
  },
  {
    number: "5555555555554444",
    brand: "mastercard",
    funding: "credit",
    country: "US",
    behaviour: { kind: "success" },
  },
  {
    number: "5200828282828210",
    brand: "mastercard",
    funding: "debit",
    country: "US",
    behaviour: { kind: "success" },
  },
  {
    number: "378282246310005",
    brand: "amex",
    funding: "credit",
    country: "US",
    behaviour: { kind: "success" },
  },
  {
    number: "6011111111111117",
    brand: "discover",
    funding: "credit",
    country: "US",
    behaviour: { kind: "success" },
  },
  {
    number: "4000000000000077",
    brand: "visa",
    funding: "credit",
    country: "US",
    behaviour: { kind: "bypass_pending" },
  },
  {
    number: "4000000000000002",
    brand: "visa",
    funding: "credit",
    country: "US",
    behaviour: decline("generic_decline"),
  },
  {
    number: "4000000000009995",
    brand: "visa",
    funding: "credit",
    country: "US",
    behaviour: decline("insufficient_funds", "Your card has insufficient funds."),
  },
  {
    number: "4000000000009987",
    brand: "visa",
    funding: "credit",
    country: "US",
    behaviour: decline("lost_card"),
  },
  {
    number: "4000000000009979",
    brand: "visa",
    funding: "credit",
    country: "US",
    behaviour: decline("stolen_card"),
  },
  {
    number: "4000000000000069",
    brand: "visa",
    funding: "credit",
    country: "US",
    behaviour: decline("expired_card", "Your card has expired.", "expired_card"),
  },
  {
    number: "4000000000000127",
    brand: "visa",
    funding: "credit",
    country: "US",
    behaviour: decline("incorrect_cvc", "Your card's security code is incorrect.", "incorrect_cvc"),
  },
  {
    number: "4000000000000119",
    brand: "visa",
    funding: "credit",
    country: "US",
    behaviour: decline(
      "processing_error",
      "An error occurred while processing your card. Try again in a little bit.",
      "processing_error",
    ),
  },
  {
    number: "4242424242424241",
    brand: "visa",
    funding: "credit",
    country: "US",
    behaviour: decline("incorrect_number", "Your card number is incorrect.", "incorrect_number"),
  },
  {
    number: "4100000000000019",
    brand: "visa",
    funding: "credit",
    country: "US",
    behaviour: decline("fraudulent"),
  },
  {
    number: "4000000000000259",
    brand: "visa",
    funding: "credit",
    country: "US",
    behaviour: { kind: "dispute", reason: "fraudulent", inquiry: false },
  },
  {
    number: "4000000000001976",
    brand: "visa",
    funding: "credit",
    country: "US",
    behaviour: { kind: "dispute", reason: "fraudulent", inquiry: true },
  },
  {
    number: "4000000000002685",
    brand: "visa",
    funding: "credit",
    country: "US",
    behaviour: { kind: "dispute", reason: "product_not_received", inquiry: false },
  },
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

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
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
