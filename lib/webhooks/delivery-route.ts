import "server-only";
import { after, type NextRequest } from "next/server";
import type { Logger } from "pino";
import { readBodyText, WEBHOOK_BODY_LIMIT } from "../http/body";
import { errorBody, HttpError } from "../http/errors";
import { json } from "../http/route";
import { requestLogger } from "../log";
import type { ReceiveOutcome } from "./receive";
import { processAccountInBackground } from "./sweeper";

/**
 * The POST handler of a Stripe delivery endpoint (snapshot webhooks, the thin-event destination). These are the only
 * routes exempt from the session and Origin checks (not wrapped by lib/http/route.ts): the signature over the raw
 * body, checked by `receive`, is their authentication.
 */
export function stripeDeliveryRoute(
  route: string,
  receive: (body: string, signature: string | null, log: Logger) => Promise<ReceiveOutcome>,
): (req: NextRequest) => Promise<Response> {
  return async (req) => {
    // Our own id: API routes skip proxy.ts, so an incoming x-request-id would be the sender's choice.
    const requestId = crypto.randomUUID();
    const log = requestLogger(requestId, { route });
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
      const outcome = await receive(body, req.headers.get("stripe-signature"), log);
      if (!outcome.ok) {
        // The header itself is never logged: only that it failed.
        log.warn({ event: "webhook.rejected", reason: outcome.reason }, "delivery rejected");
        return respond(json(errorBody(outcome.reason, "The webhook signature is invalid."), { status: 400 }));
      }
      const accountId = outcome.accountId;
      if (outcome.status === "pending" && accountId) {
        // Answer now; process after the response is sent. A duplicate triggers it too (harmless: events are
        // claimed), in case the first delivery's instance stopped; the sweeper catches anything left.
        after(() => processAccountInBackground(accountId));
      }
      return respond(json({ received: true, duplicate: outcome.duplicate }, { status: 200 }));
    } catch (error) {
      // Not recorded (e.g. the database is down): a 5xx makes Stripe deliver it again later.
      log.error({ event: "webhook.record_failed", err: error }, "webhook event could not be recorded");
      return respond(json(errorBody("internal_error", "The event could not be recorded."), { status: 500 }));
    }
  };
}
