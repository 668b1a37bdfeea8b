import { AppError, type AppErrorCode } from "../errors";
import { HttpError } from "./errors";

/** The one place domain error codes become HTTP statuses (domain code never chooses a status). */
const statusOf: Record<AppErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  read_only_view: 403,
  viewing_account: 403,
  no_membership: 403,
  no_stripe_account: 403,
  account_disconnected: 403,
  reauthentication_failed: 403,
  locked_out: 429,
  too_many_requests: 429,
  invalid_request: 400,
  conflict: 409,
  second_factor_required: 403,
  unavailable: 503,
};

/** The wire code clients branch on: the specific reason when there is one. */
export function wireCode(error: AppError): string {
  return error.details.reason ?? error.code;
}

export function appErrorToHttp(error: AppError): HttpError {
  const { retryAfterSeconds, fields } = error.details;
  const headers: Record<string, string> =
    retryAfterSeconds !== undefined ? { "retry-after": String(retryAfterSeconds) } : {};
  const extra: Record<string, unknown> = {
    ...(fields ? { fields } : {}),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  };
  return new HttpError(statusOf[error.code], wireCode(error), error.message, headers, extra);
}

/** Any error a handler threw, as the HTTP error to answer with (null: an unexpected error, answered as a 500). */
export function asHttpError(error: unknown): HttpError | null {
  if (error instanceof HttpError) return error;
  if (error instanceof AppError) return appErrorToHttp(error);
  return null;
}
