import { after, type NextRequest } from "next/server";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { readBodyText, WEBHOOK_BODY_LIMIT } from "@/lib/http/body";
import { errorBody, HttpError } from "@/lib/http/errors";
import { json } from "@/lib/http/route";
import { requestLogger } from "@/lib/log";
import { getStripe } from "@/lib/stripe/client";
import { receiveThinEvent } from "@/lib/webhooks/receive";
import { processAccountInBackground } from "@/lib/webhooks/sweeper";

/**
 * The thin-event destination of an Accounts v2 platform (docs/deploy.md registers it): `v2.core.account*` events
 * and thin `v1.payout.*` / `v1.charge.dispute.*` from connected accounts. Like /api/webhooks/stripe it is exempt
 * from the session and Origin checks: the signature (STRIPE_EVENT_DESTINATION_SECRET) over the raw body is its
 * authentication. Events go into the same store and per-account queue as snapshot events.
 */

export const dynamic = "force-dynamic";

export async function POST(req: NextRequest): Promise<Response> {
  // Our own id: API routes skip proxy.ts, so an incoming x-request-id would be the sender's choice.
  const requestId = crypto.randomUUID();
  const log = requestLogger(requestId, { route: "webhooks.stripe_events" });
  const respond = (response: Response) => {
    response.headers.set("x-request-id", requestId);
    return response;
  };
  let body: string;
  try {
    // Read at most 1 MB, then stop: a larger (or endless chunked) body is refused without being held.
    body = await readBodyText(req, WEBHOOK_BODY_LIMIT);
  } catch (error) {
    if (error instanceof HttpError) {
      return respond(json(errorBody(error.code, error.message), { status: error.status }));
    }
    // The sender went away mid-body: nothing was recorded, so Stripe delivers it again.
    return respond(
      json(errorBody("unreadable_body", "The request body could not be read."), { status: 400 }),
    );
  }
  try {
    const env = getEnv();
    const outcome = await receiveThinEvent(body, req.headers.get("stripe-signature"), {
      db: getDb(),
      stripe: getStripe(),
      eventDestinationSecret: env.stripe.eventDestinationSecret,
      mode: env.stripe.mode,
      log,
    });
    if (!outcome.ok) {
      // The header itself is never logged: only that it failed.
      log.warn({ event: "webhook.rejected", reason: outcome.reason }, "thin event delivery rejected");
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
