import "server-only";
import Stripe from "stripe";
import { getPlatformConfig } from "../config";
import { callStripe } from "../stripe/call";
import { getStripe } from "../stripe/client";
import { actingFor } from "./accounts-api";

/**
 * Test data on a connected account, through Stripe's API for connected accounts (the `Stripe-Account` header):
 * only offered with test keys or in the sandbox. Every write carries an idempotency key derived from the operation,
 * so a retried click never creates twice.
 */

export const testPaymentKinds = ["succeeded", "declined", "disputed", "uncaptured"] as const;
export type TestPaymentKind = (typeof testPaymentKinds)[number];

const paymentMethods: Record<TestPaymentKind, string> = {
  succeeded: "pm_card_visa",
  declined: "pm_card_chargeDeclined",
  disputed: "pm_card_createDispute",
  uncaptured: "pm_card_visa",
};

const customerNames = [
  "Ava Martin",
  "Noah Dubois",
  "Mia Rossi",
  "Liam Chen",
  "Zoe Patel",
  "Ethan Novak",
  "Lea Moreau",
  "Omar Haddad",
];

export interface TestPaymentResult {
  kind: TestPaymentKind;
  paymentIntentId: string | null;
  status: string;
  amount: number;
  currency: string;
  declineMessage: string | null;
}

export async function createTestCustomer(
  accountId: string,
  operationKey: string,
  index: number,
): Promise<Stripe.Customer> {
  const name = customerNames[index % customerNames.length] ?? "Test Customer";
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, ".")}+${index}@example.com`;
  return callStripe((options) => getStripe().customers.create({ email, name }, options), {
    ...actingFor(accountId),
    idempotencyKey: `${operationKey}:customer`,
  });
}

/** One test payment of the given kind, as a customer of the account would make it (a direct charge). */
/**
 * `settled`: a successful payment's funds are available at once (Stripe's `pm_card_bypassPending` test card), as
 * for payments taken days ago: the seeded history then has an available balance to pay out.
 */
export async function createTestPayment(
  accountId: string,
  kind: TestPaymentKind,
  operationKey: string,
  index = 0,
  { settled = false }: { settled?: boolean } = {},
): Promise<TestPaymentResult> {
  const currency = getPlatformConfig().connectedAccounts.defaultCurrency;
  const amount = 1_000 + ((index * 3_779) % 24_000);
  const customer = await createTestCustomer(accountId, operationKey, index);
  try {
    const intent = await callStripe(
      (options) =>
        getStripe().paymentIntents.create(
          {
            amount,
            currency,
            customer: customer.id,
            description: `Test ${kind} payment`,
            payment_method: settled && kind === "succeeded" ? "pm_card_bypassPending" : paymentMethods[kind],
            automatic_payment_methods: { enabled: true, allow_redirects: "never" },
            capture_method: kind === "uncaptured" ? "manual" : "automatic",
            confirm: true,
            metadata: { portico_test_data: kind },
          },
          options,
        ),
      { ...actingFor(accountId), idempotencyKey: `${operationKey}:payment` },
    );
    return {
      kind,
      paymentIntentId: intent.id,
      status: intent.status,
      amount,
      currency,
      declineMessage: null,
    };
  } catch (error) {
    if (error instanceof Stripe.errors.StripeCardError) {
      const intentId = typeof error.payment_intent?.id === "string" ? error.payment_intent.id : null;
      return {
        kind,
        paymentIntentId: intentId,
        status: "declined",
        amount,
        currency,
        declineMessage: error.message,
      };
    }
    throw error;
  }
}

/** A standard payout of `amount` from the account's available balance. */
export async function createTestPayout(
  accountId: string,
  amount: number,
  operationKey: string,
): Promise<Stripe.Payout> {
  const currency = getPlatformConfig().connectedAccounts.defaultCurrency;
  return callStripe(
    (options) =>
      getStripe().payouts.create(
        { amount, currency, description: "Test payout", metadata: { portico_test_data: "payout" } },
        options,
      ),
    { ...actingFor(accountId), idempotencyKey: `${operationKey}:payout` },
  );
}
