import "server-only";
import Stripe from "stripe";
import { markAccountDeauthorized, upsertMirroredAccount } from "../accounts/mirror";
import { V2_ACCOUNT_INCLUDE } from "../accounts/v2-account-facts";
import { callStripe } from "../stripe/call";
import {
  disputeCreatedNotice,
  disputeSchema,
  noticeAndMails,
  payoutFailedNotice,
  payoutSchema,
  resolveAccount,
  type HandlerContext,
  type HandlerOutcome,
} from "./handlers";
import { handlerFor, thinEventAccount, type ThinEvent } from "./routing";

const FETCH = { deadlineMs: 15_000, rateLimitBudgetMs: 5_000 };

/**
 * Applies one thin event (Accounts v2 destination). A thin event says only what changed: the related object is
 * fetched explicitly — the account with the `include` the mirror needs, a payout or dispute as the connected account
 * (`Stripe-Context`, the event's context). Runs inside the same per-account queue as snapshot events, so each event
 * is processed once, in `created` order per account. Throws on a transient failure, so the event is retried.
 */
export async function handleThinEvent(event: ThinEvent, ctx: HandlerContext): Promise<HandlerOutcome> {
  const kind = handlerFor(event.type);
  const accountId = thinEventAccount(event);
  if (!kind || !accountId) return { status: "ignored", note: "not handled" };
  const resolved = await resolveAccount(ctx.db, accountId);
  if (!resolved.known) {
    ctx.log.warn(
      { event: "webhook.unknown_account", eventId: event.id, type: event.type, accountId },
      "thin event for an account this platform does not know",
    );
    return { status: "ignored", note: "unknown account" };
  }
  const versionMs = Date.parse(event.created);
  const related = event.related_object;

  switch (kind) {
    case "v2_account_changed": {
      // One change fires several events at once; a read started after this event already holds its effect.
      if (resolved.versionMs !== null && resolved.versionMs >= versionMs + 1000) {
        return { status: "processed", note: "mirror already newer" };
      }
      const fetchedAt = Date.now();
      const account = await callStripe(
        (options) =>
          ctx.stripe().v2.core.accounts.retrieve(accountId, { include: V2_ACCOUNT_INCLUDE }, options),
        FETCH,
      );
      if (account.id !== accountId) return { status: "ignored", note: "fetched a different account" };
      await upsertMirroredAccount(account, fetchedAt, { tenantId: resolved.tenantId, db: ctx.db });
      return { status: "processed" };
    }

    case "payout_failed": {
      if (!resolved.tenantId) return { status: "ignored", note: "no tenant to notify" };
      if (related?.type !== "payout") return { status: "ignored", note: "related object is not a payout" };
      const fetched = await fetchAsAccount(() =>
        callStripe((options) => ctx.stripe().payouts.retrieve(related.id, {}, options), {
          ...FETCH,
          stripeContext: accountId,
        }),
      );
      const payout = payoutSchema.safeParse(fetched);
      if (!payout.success) return { status: "ignored", note: "the related payout could not be read" };
      await noticeAndMails(ctx, resolved.tenantId, event.id, versionMs, payoutFailedNotice(payout.data));
      return { status: "processed" };
    }

    case "dispute_created": {
      if (!resolved.tenantId) return { status: "ignored", note: "no tenant to notify" };
      if (related?.type !== "dispute") return { status: "ignored", note: "related object is not a dispute" };
      const fetched = await fetchAsAccount(() =>
        callStripe((options) => ctx.stripe().disputes.retrieve(related.id, {}, options), {
          ...FETCH,
          stripeContext: accountId,
        }),
      );
      const dispute = disputeSchema.safeParse(fetched);
      if (!dispute.success) return { status: "ignored", note: "the related dispute could not be read" };
      await noticeAndMails(ctx, resolved.tenantId, event.id, versionMs, disputeCreatedNotice(dispute.data));
      return { status: "processed" };
    }

    case "account_deauthorized":
      await markAccountDeauthorized(accountId, Math.max(versionMs, Date.now()));
      return { status: "processed" };

    default:
      return { status: "ignored", note: "not a thin event type" };
  }
}

/** A related object that no longer exists (404) is nothing to notify about; anything else is retried. */
async function fetchAsAccount<T>(fetch: () => Promise<T>): Promise<T | null> {
  try {
    return await fetch();
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404) return null;
    throw error;
  }
}
