/** An error a route handler answers with as `{ error: { code, message, ...extra } }` and the given status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export const unauthorized = () => new HttpError(401, "unauthenticated", "Sign in to continue.");
export const forbidden = (message = "You do not have access to this.") =>
  new HttpError(403, "forbidden", message);
export const notFound = () => new HttpError(404, "not_found", "Not found.");

export function errorBody(code: string, message: string, extra: Record<string, unknown> = {}) {
  return { error: { code, message, ...extra } };
}
