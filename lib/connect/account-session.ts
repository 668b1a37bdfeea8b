import "server-only";
import type { Logger } from "pino";
import Stripe from "stripe";
import type { TenantAccess } from "../access/context";
import { usesPreview, type ComponentsParam } from "../access/account-session-plan";
import type { AccountSessionPlan } from "../access/dashboard";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { asHttpError } from "../http/error-conversion";
import { HttpError } from "../http/errors";
import { auditImpersonatedSession, type RequestMeta } from "../impersonation";
import { callStripe, StripeUnavailableError } from "../stripe/call";
import { getStripe } from "../stripe/client";
import { hitThrottle } from "../throttle";

export interface MintedSession {
  clientSecret: string;
  expiresAt: number;
  components: ComponentsParam;
}

/** Stripe's preview components are created only under the pinned version with the embedded beta suffix. */
export const PREVIEW_API_VERSION = `${Stripe.API_VERSION}; embedded_connect_beta=v2`;

/** Session creation must answer well inside a page load; rate-limit waits get a shorter budget (then 503). */
const ACCOUNT_SESSION_DEADLINE_MS = 10_000;
const RATE_LIMIT_BUDGET_MS = 1_500;

/** Maps a Stripe failure to a generic, stable error: never Stripe's message, another account's id or a secret. */
export function toHttpError(error: unknown): HttpError {
  const known = asHttpError(error);
  if (known) return known;
  if (error instanceof StripeUnavailableError) {
    if (error.kind === "rate_limited") {
      return new HttpError(503, "stripe_rate_limited", "Stripe is busy. Try again in a moment.", {
        "retry-after": String(error.retryAfterSeconds),
      });
    }
    if (error.kind === "timeout") {
      return new HttpError(504, "stripe_timeout", "Stripe did not answer in time. Try again.", {
        "retry-after": "5",
      });
    }
    return new HttpError(503, "stripe_unavailable", "Stripe is unavailable. Try again.", {
      "retry-after": "5",
    });
  }
  if (error instanceof Stripe.errors.StripeError) {
    return new HttpError(502, "stripe_request_failed", "The request to Stripe failed.");
  }
  return new HttpError(500, "internal_error", "Something went wrong. Try again.");
}

/**
 * Creates one new Account Session for the request's plan (never cached, never stored, never logged), after the
 * per-user throttle — which answers before any Stripe call. Sessions minted while staff view an account are audited,
 * with the page they were for.
 */
export async function mintAccountSession(
  access: TenantAccess,
  plan: AccountSessionPlan,
  log: Logger,
  meta: RequestMeta = { ip: null, userAgent: null },
  page: string | null = null,
): Promise<MintedSession> {
  const { accountSessionLimitPerMinute } = getEnv();
  const throttle = await hitThrottle(
    `account-session:${access.user.id}`,
    accountSessionLimitPerMinute,
    60_000,
  );
  if (!throttle.allowed) {
    log.warn(
      { event: "connect.account_session.throttled", tenantId: plan.tenantId },
      "account session throttled",
    );
    throw new AppError("too_many_requests", "Too many requests. Try again shortly.", {
      retryAfterSeconds: throttle.retryAfterSeconds,
    });
  }
  const preview = usesPreview(plan.components);
  try {
    const session = await callStripe(
      (options) =>
        getStripe().accountSessions.create(
          { account: plan.accountId, components: plan.components },
          preview ? { ...options, apiVersion: PREVIEW_API_VERSION } : options,
        ),
      { deadlineMs: ACCOUNT_SESSION_DEADLINE_MS, rateLimitBudgetMs: RATE_LIMIT_BUDGET_MS },
    );
    const enabled = [...plan.enabled];
    if (access.impersonation) {
      await auditImpersonatedSession(access.session, access.impersonation, enabled, meta, page);
    }
    log.info(
      {
        event: "connect.account_session.created",
        accountId: plan.accountId,
        tenantId: plan.tenantId,
        profile: access.profile,
        impersonationId: access.impersonation?.id,
        components: enabled,
      },
      "account session created",
    );
    return {
      clientSecret: session.client_secret,
      expiresAt: session.expires_at,
      components: plan.components,
    };
  } catch (error) {
    const httpError = toHttpError(error);
    log.error(
      {
        event: "connect.account_session.failed",
        code: httpError.code,
        errorName: error instanceof Error ? error.name : typeof error,
        cause:
          error instanceof StripeUnavailableError && error.cause instanceof Error
            ? error.cause.name
            : undefined,
        stripeType: error instanceof Stripe.errors.StripeError ? error.type : undefined,
        stripeCode: error instanceof Stripe.errors.StripeError ? error.code : undefined,
        stripeRequestId: error instanceof Stripe.errors.StripeError ? error.requestId : undefined,
      },
      "account session failed",
    );
    throw httpError;
  }
}
