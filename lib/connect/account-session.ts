import "server-only";
import type { Logger } from "pino";
import Stripe from "stripe";
import { getMirroredAccount, upsertMirroredAccount } from "../accounts/mirror";
import type { CurrentSession } from "../auth/session";
import { getPlatformConfig } from "../config";
import { getEnv } from "../env";
import { HttpError } from "../http/errors";
import { auditImpersonatedSession, type ActiveImpersonation, type RequestMeta } from "../impersonation";
import { callStripe, StripeUnavailableError } from "../stripe/call";
import { getStripe } from "../stripe/client";
import { hitThrottle } from "../throttle";
import {
  componentsFor,
  enabledComponents,
  type AccountFacts,
  type ComponentsParam,
  type SessionProfile,
} from "./policy";

/** Who an Account Session is for: always derived from the server-side session (lib/connect/subject.ts). */
export interface SessionSubject {
  session: CurrentSession;
  tenantId: string;
  accountId: string;
  profile: SessionProfile;
  /** Set when platform staff view the account: the session is audited and never skips Stripe's sign-in step. */
  impersonation: ActiveImpersonation | null;
}

export interface MintedSession {
  clientSecret: string;
  expiresAt: number;
  components: ComponentsParam;
}

/** Session creation must answer well inside a page load; rate-limit waits get a shorter budget (then 503). */
const ACCOUNT_SESSION_DEADLINE_MS = 10_000;
const RATE_LIMIT_BUDGET_MS = 1_500;

/** What the policy needs to know of the account, from the mirror (fetched once from Stripe when missing). */
export async function accountFacts(accountId: string): Promise<AccountFacts & { deauthorized: boolean }> {
  const mirrored = await getMirroredAccount(accountId);
  if (mirrored) {
    return {
      requirementCollection: mirrored.requirementCollection,
      capabilities: mirrored.capabilities,
      deauthorized: mirrored.deauthorized,
    };
  }
  const account = await callStripe((options) => getStripe().accounts.retrieve(accountId, {}, options));
  await upsertMirroredAccount(account, Date.now());
  return {
    deauthorized: false,
    requirementCollection: account.controller?.requirement_collection ?? null,
    capabilities: Object.fromEntries(
      Object.entries(account.capabilities ?? {}).filter(
        (e): e is [string, string] => typeof e[1] === "string",
      ),
    ),
  };
}

/** Maps a Stripe failure to a generic, stable error: never Stripe's message, another account's id or a secret. */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
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
 * Creates one new Account Session for the subject (never cached, never stored, never logged), after the per-user
 * throttle — which answers before any Stripe call. Sessions minted while staff view an account are audited.
 */
export async function mintAccountSession(
  subject: SessionSubject,
  log: Logger,
  meta: RequestMeta = { ip: null, userAgent: null },
): Promise<MintedSession> {
  const { accountSessionLimitPerMinute } = getEnv();
  const throttle = await hitThrottle(
    `account-session:${subject.session.user.id}`,
    accountSessionLimitPerMinute,
    60_000,
  );
  if (!throttle.allowed) {
    log.warn(
      { event: "connect.account_session.throttled", tenantId: subject.tenantId },
      "account session throttled",
    );
    throw new HttpError(429, "too_many_requests", "Too many requests. Try again shortly.", {
      "retry-after": String(throttle.retryAfterSeconds),
    });
  }
  try {
    const facts = await accountFacts(subject.accountId);
    if (facts.deauthorized) {
      throw new HttpError(
        403,
        "account_disconnected",
        "This account is no longer connected to the platform.",
      );
    }
    const components = componentsFor(subject.profile, facts, getPlatformConfig().embeddedComponents, {
      impersonating: subject.impersonation !== null,
    });
    const session = await callStripe(
      (options) => getStripe().accountSessions.create({ account: subject.accountId, components }, options),
      { deadlineMs: ACCOUNT_SESSION_DEADLINE_MS, rateLimitBudgetMs: RATE_LIMIT_BUDGET_MS },
    );
    const enabled = [...enabledComponents(components)];
    if (subject.impersonation) {
      await auditImpersonatedSession(subject.session, subject.impersonation, enabled, meta);
    }
    log.info(
      {
        event: "connect.account_session.created",
        accountId: subject.accountId,
        tenantId: subject.tenantId,
        profile: subject.profile,
        impersonationId: subject.impersonation?.id,
        components: enabled,
      },
      "account session created",
    );
    return { clientSecret: session.client_secret, expiresAt: session.expires_at, components };
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
