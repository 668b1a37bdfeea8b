import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { getStripe } from "@/lib/stripe/client";
import { stripeDeliveryRoute } from "@/lib/webhooks/delivery-route";
import { receiveThinEvent } from "@/lib/webhooks/receive";

/**
 * The thin-event destination of an Accounts v2 platform (docs/deploy.md registers it): `v2.core.account*` events
 * and thin `v1.payout.*` / `v1.charge.dispute.*` from connected accounts, authenticated by their signature
 * (STRIPE_EVENT_DESTINATION_SECRET). Events go into the same store and per-account queue as snapshot events.
 */

export const dynamic = "force-dynamic";

export const POST = stripeDeliveryRoute("webhooks.stripe_events", (body, signature, log) => {
  const env = getEnv();
  return receiveThinEvent(body, signature, {
    db: getDb(),
    stripe: getStripe(),
    eventDestinationSecret: env.stripe.eventDestinationSecret,
    mode: env.stripe.mode,
    log,
  });
});
