import type Stripe from "stripe";

/** A connected account whose platform collects requirements and takes losses (Portico's own setup). */
export const PLATFORM_CONTROLLED: Stripe.AccountCreateParams = {
  controller: {
    fees: { payer: "application" },
    losses: { payments: "application" },
    stripe_dashboard: { type: "none" },
    requirement_collection: "application",
  },
  capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
  country: "US",
};
