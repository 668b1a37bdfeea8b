import "server-only";
import Stripe from "stripe";
import { callStripe, StripeUnavailableError } from "../stripe/call";
import { getStripe } from "../stripe/client";
import { actingFor } from "../connect/accounts-api";
import { isAbandonedCheckout } from "./payment-status";

/**
 * What the console shows live from Stripe about one connected account, fetched with the platform key (the account
 * itself, and its balance, payments and payouts with the Stripe-Account header). Each part fails on its own, so one
 * slow or failing call degrades only its own section of the page.
 */

export type LiveResult<T> =
  { ok: true; data: T } | { ok: false; reason: "unavailable" | "not_found" | "error"; message: string };

/** Recent payments: charge attempts only, with how many abandoned checkouts of the same window were left out. */
export interface LivePayments {
  items: Stripe.PaymentIntent[];
  abandoned: number;
}

export interface LiveAccountData {
  account: LiveResult<Stripe.Account>;
  balance: LiveResult<Stripe.Balance>;
  payments: LiveResult<LivePayments>;
  payouts: LiveResult<Stripe.Payout[]>;
}

const DEADLINE_MS = 4_000;
const PAYMENTS_SHOWN = 10;
/** Looked at to find the recent payments among checkouts nobody paid (a public checkout page makes many). */
const PAYMENTS_SCANNED = 30;

async function attempt<T>(run: () => Promise<T>): Promise<LiveResult<T>> {
  try {
    return { ok: true, data: await run() };
  } catch (error) {
    if (error instanceof StripeUnavailableError) {
      return { ok: false, reason: "unavailable", message: `Stripe did not answer in time (${error.kind}).` };
    }
    if (error instanceof Stripe.errors.StripeError) {
      return {
        ok: false,
        reason: error.statusCode === 404 ? "not_found" : "error",
        message: error.message,
      };
    }
    return { ok: false, reason: "error", message: "Unexpected error while asking Stripe." };
  }
}

export async function fetchLiveAccountData(accountId: string): Promise<LiveAccountData> {
  const stripe = getStripe();
  const scoped = { deadlineMs: DEADLINE_MS, ...actingFor(accountId) };
  const [account, balance, payments, payouts] = await Promise.all([
    attempt(() =>
      callStripe((options) => stripe.accounts.retrieve(accountId, {}, options), { deadlineMs: DEADLINE_MS }),
    ),
    attempt(() => callStripe((options) => stripe.balance.retrieve({}, options), scoped)),
    attempt(() =>
      callStripe(
        (options) =>
          stripe.paymentIntents.list({ limit: PAYMENTS_SCANNED, expand: ["data.latest_charge"] }, options),
        scoped,
      ).then((l) => {
        const attempted = l.data.filter((intent) => !isAbandonedCheckout(intent));
        return { items: attempted.slice(0, PAYMENTS_SHOWN), abandoned: l.data.length - attempted.length };
      }),
    ),
    attempt(() =>
      callStripe((options) => stripe.payouts.list({ limit: 10 }, options), scoped).then((l) => l.data),
    ),
  ]);
  return { account, balance, payments, payouts };
}
