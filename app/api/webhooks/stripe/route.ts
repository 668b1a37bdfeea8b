import { after, type NextRequest } from "next/server";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { errorBody } from "@/lib/http/errors";
import { json } from "@/lib/http/route";
import { requestLogger } from "@/lib/log";
import { getStripe } from "@/lib/stripe/client";
import { receiveWebhook } from "@/lib/webhooks/receive";
import { processAccountInBackground } from "@/lib/webhooks/sweeper";

/**
 * Stripe Connect webhooks. The only route exempt from the session and Origin checks (it is not wrapped by
 * lib/http/route.ts): the signature over the raw body is its authentication (WH-1, WH-6).
 */

export const dynamic = "force-dynamic";

/** Stripe's events are far smaller; anything bigger is not one of them. */
const MAX_BODY_BYTES = 1024 * 1024;

export async function POST(req: NextRequest): Promise<Response> {
  // Our own id: API routes skip proxy.ts, so an incoming x-request-id would be the sender's choice.
  const requestId = crypto.randomUUID();
  const log = requestLogger(requestId, { route: "webhooks.stripe" });
  const respond = (response: Response) => {
    response.headers.set("x-request-id", requestId);
    return response;
  };
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) {
    return respond(json(errorBody("payload_too_large", "The payload is too large."), { status: 413 }));
  }
  try {
    const body = await req.text();
    if (Buffer.byteLength(body) > MAX_BODY_BYTES) {
      return respond(json(errorBody("payload_too_large", "The payload is too large."), { status: 413 }));
    }
    const env = getEnv();
    const outcome = await receiveWebhook(body, req.headers.get("stripe-signature"), {
      db: getDb(),
      stripe: getStripe(),
      webhookSecret: env.stripe.webhookSecret,
      mode: env.stripe.mode,
      log,
    });
    if (!outcome.ok) {
      // The header itself is never logged: only that it failed.
      log.warn({ event: "webhook.rejected", reason: outcome.reason }, "webhook delivery rejected");
      return respond(json(errorBody(outcome.reason, "The webhook signature is invalid."), { status: 400 }));
    }
    const accountId = outcome.accountId;
    if (outcome.status === "pending" && accountId) {
      // Answer now; process after the response is sent. A duplicate triggers it too (harmless: events are claimed),
      // in case the first delivery's instance stopped; the sweeper catches anything left.
      after(() => processAccountInBackground(accountId));
    }
    return respond(json({ received: true, duplicate: outcome.duplicate }, { status: 200 }));
  } catch (error) {
    // Not recorded (e.g. the database is down): a 5xx makes Stripe deliver it again later.
    log.error({ event: "webhook.record_failed", err: error }, "webhook event could not be recorded");
    return respond(json(errorBody("internal_error", "The event could not be recorded."), { status: 500 }));
  }
}
