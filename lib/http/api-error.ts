/** The error body every Portico route answers with, read safely on the client. */
export interface ApiError {
  code: string;
  message: string;
  fields?: Record<string, string>;
  retryAfterSeconds?: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** Portico's `{ error: { code, message } }`, or better-auth's own `{ code, message }` (its 401s and 403s). */
export function parseApiError(data: unknown): ApiError | null {
  if (!isRecord(data)) return null;
  const error = isRecord(data.error) ? data.error : data;
  const { code, message, fields, retryAfterSeconds } = error;
  if (typeof code !== "string" || typeof message !== "string") return null;
  const parsedFields = isRecord(fields)
    ? Object.fromEntries(
        Object.entries(fields).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
      )
    : undefined;
  return {
    code,
    message,
    ...(parsedFields ? { fields: parsedFields } : {}),
    ...(typeof retryAfterSeconds === "number" ? { retryAfterSeconds } : {}),
  };
}
