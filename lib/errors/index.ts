/**
 * Errors that domain code throws: a stable code, a message a person can act on, and what the caller may need
 * (which field, when to retry). Domain code never picks HTTP statuses; the transport maps codes to them
 * (lib/http/error-conversion.ts), so pages, route handlers and scripts can each answer in their own way.
 */
export const appErrorCodes = [
  "unauthenticated",
  "forbidden",
  "not_found",
  /** A staff member viewing an account tried to change something. */
  "read_only_view",
  /** The console is closed while its staff member views an account. */
  "viewing_account",
  "no_membership",
  "no_stripe_account",
  "account_disconnected",
  "reauthentication_failed",
  /** Too many failed attempts at one account's password: locked for a while. */
  "locked_out",
  "too_many_requests",
  "invalid_request",
  "conflict",
  /** A second factor is due before this session may do anything else. */
  "second_factor_required",
  /** Something Portico depends on (Stripe, the identity provider) is down: try again later. */
  "unavailable",
] as const;
export type AppErrorCode = (typeof appErrorCodes)[number];

export interface AppErrorDetails {
  /** A more specific, stable code for clients (e.g. "last_owner" under "conflict"). */
  reason?: string;
  /** Field name → message, for forms. */
  fields?: Record<string, string>;
  retryAfterSeconds?: number;
}

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details: AppErrorDetails = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}
