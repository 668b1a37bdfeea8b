import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { getStripe } from "@/lib/stripe/client";
import { stripeDeliveryRoute } from "@/lib/webhooks/delivery-route";
import { receiveWebhook } from "@/lib/webhooks/receive";

/** Stripe Connect webhooks (snapshot events); authenticated by their signature, not a session. */

export const dynamic = "force-dynamic";

export const POST = stripeDeliveryRoute("webhooks.stripe", (body, signature, log) => {
  const env = getEnv();
  return receiveWebhook(body, signature, {
    db: getDb(),
    stripe: getStripe(),
    webhookSecret: env.stripe.webhookSecret,
    mode: env.stripe.mode,
    log,
  });
});
