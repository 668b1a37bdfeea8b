import "server-only";
import { randomUUID } from "node:crypto";
import Stripe from "stripe";
import { STRIPE_ATTEMPT_TIMEOUT_MS } from "./client";

/**
 * One logical Stripe operation, retried inside a deadline with a single idempotency key:
 * - connection errors, 409 and 5xx (unless Stripe says `Stripe-Should-Retry: false`) and 429 `lock_timeout`
 *   (`Stripe-Should-Retry: true`) are retried at once with a short, jittered backoff;
 * - a rate-limit 429 (which stripe-node never retries) is retried with backoff within `rateLimitBudgetMs`, then
 *   surfaces as `StripeUnavailableError` with `retryAfterSeconds`, so a route can answer 503 + Retry-After;
 * - the deadline bounds everything: a hung Stripe cannot hold a request past it.
 */

export type StripeFailureKind = "rate_limited" | "timeout" | "unavailable";

export class StripeUnavailableError extends Error {
  constructor(
    readonly kind: StripeFailureKind,
    readonly retryAfterSeconds: number,
    override readonly cause: unknown,
    readonly attempts: number,
  ) {
    super(`Stripe ${kind} after ${attempts} attempt(s)`);
    this.name = "StripeUnavailableError";
  }
}

export interface StripeCallOptions {
  deadlineMs?: number;
  rateLimitBudgetMs?: number;
  idempotencyKey?: string;
  /** Acts for a connected account with `Stripe-Account` (v1 platforms). */
  stripeAccount?: string;
  /** Acts for a connected account with `Stripe-Context` (Accounts v2 platforms). */
  stripeContext?: string;
}

export interface AttemptOptions {
  idempotencyKey: string;
  timeout: number;
  maxNetworkRetries: 0;
  stripeAccount?: string;
  stripeContext?: string;
}

function header(error: Stripe.errors.StripeError, name: string): string | undefined {
  return error.headers?.[name];
}

type Verdict = "retry" | "rate_limited" | "fail";

export function classifyStripeError(error: unknown): Verdict {
  if (!(error instanceof Stripe.errors.StripeError)) return "fail";
  const shouldRetry = header(error, "stripe-should-retry");
  if (shouldRetry === "false") return "fail";
  if (shouldRetry === "true") return "retry";
  if (error instanceof Stripe.errors.StripeConnectionError) return "retry";
  const status = error.statusCode ?? 0;
  if (status === 429) return "rate_limited";
  if (status === 409 || status >= 500) return "retry";
  return "fail";
}

function backoffMs(attempt: number, base: number, cap: number): number {
  const exponential = Math.min(cap, base * 2 ** attempt);
  return exponential / 2 + Math.random() * (exponential / 2);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function callStripe<T>(
  operation: (options: AttemptOptions) => Promise<T>,
  options: StripeCallOptions = {},
): Promise<T> {
  const started = Date.now();
  const deadline = started + (options.deadlineMs ?? 10_000);
  const rateLimitDeadline = started + (options.rateLimitBudgetMs ?? 1_500);
  const idempotencyKey = options.idempotencyKey ?? `portico-${randomUUID()}`;
  let attempt = 0;
  for (;;) {
    const remaining = deadline - Date.now();
    if (remaining <= 50) throw new StripeUnavailableError("timeout", 5, null, attempt);
    attempt += 1;
    try {
      const attemptOptions: AttemptOptions = {
        idempotencyKey,
        timeout: Math.min(STRIPE_ATTEMPT_TIMEOUT_MS, remaining),
        maxNetworkRetries: 0,
        ...(options.stripeAccount ? { stripeAccount: options.stripeAccount } : {}),
        ...(options.stripeContext ? { stripeContext: options.stripeContext } : {}),
      };
      return await withTimeout(operation(attemptOptions), remaining);
    } catch (error) {
      if (error instanceof DeadlineError) throw new StripeUnavailableError("timeout", 5, error, attempt);
      const verdict = classifyStripeError(error);
      if (verdict === "fail") {
        const status = error instanceof Stripe.errors.StripeError ? (error.statusCode ?? 0) : 0;
        if (status >= 400 && status < 500) throw error;
        throw new StripeUnavailableError("unavailable", 5, error, attempt);
      }
      if (verdict === "rate_limited") {
        const wait = backoffMs(attempt, 250, 1_000);
        if (Date.now() + wait >= Math.min(rateLimitDeadline, deadline)) {
          throw new StripeUnavailableError("rate_limited", 2, error, attempt);
        }
        await sleep(wait);
        continue;
      }
      const wait = backoffMs(attempt - 1, 100, 1_000);
      if (Date.now() + wait >= deadline) {
        throw new StripeUnavailableError(
          error instanceof Stripe.errors.StripeConnectionError ? "timeout" : "unavailable",
          5,
          error,
          attempt,
        );
      }
      await sleep(wait);
    }
  }
}

class DeadlineError extends Error {}

/** The SDK's own timeout covers one socket; this covers everything else (DNS, a stalled body, a slow parse). */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError("deadline")), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
