export type StripeErrorType =
  | "invalid_request_error"
  | "api_error"
  | "card_error"
  | "idempotency_error"
  | "rate_limit_error"
  | "authentication_error"
  | "permission_error";

export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
  doc_url?: string;
  request_log_url?: string;
  payment_intent?: unknown;
  charge?: string;
}

/** An error answered in Stripe's `{ error: {...} }` format. */
export class StripeError extends Error {
  readonly status: number;
  readonly body: StripeErrorBody;
  /** Whether an idempotent replay stores this answer (Stripe skips validation failures). */
  readonly persist: boolean;
  readonly headers: Record<string, string>;
  constructor(
    status: number,
    body: StripeErrorBody,
    opts: { persist?: boolean; headers?: Record<string, string> } = {},
  ) {
    super(body.message);
    this.status = status;
    this.body = body;
    this.persist = opts.persist ?? true;
    this.headers = opts.headers ?? {};
  }
}

export function invalid(message: string, param?: string, code?: string): StripeError {
  return new StripeError(
    400,
    { type: "invalid_request_error", message, ...(param ? { param } : {}), ...(code ? { code } : {}) },
    { persist: false },
  );
}

export function missing(objectName: string, id: string, param?: string): StripeError {
  return new StripeError(404, {
    type: "invalid_request_error",
    code: "resource_missing",
    message: `No such ${objectName}: '${id}'`,
    ...(param ? { param } : {}),
  });
}

/** A state error (e.g. refunding an uncaptured charge): stored for idempotent replay like Stripe does. */
export function stateError(message: string, code: string, param?: string): StripeError {
  return new StripeError(400, {
    type: "invalid_request_error",
    code,
    message,
    ...(param ? { param } : {}),
  });
}
