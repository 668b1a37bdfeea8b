/** The error body every Portico route answers with, read safely on the client. */
export interface ApiError {
  code: string;
  message: string;
  fields?: Record<string, string>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

export function parseApiError(data: unknown): ApiError | null {
  if (!isRecord(data) || !isRecord(data.error)) return null;
  const { code, message, fields } = data.error;
  if (typeof code !== "string" || typeof message !== "string") return null;
  const parsedFields = isRecord(fields)
    ? Object.fromEntries(
        Object.entries(fields).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
      )
    : undefined;
  return { code, message, ...(parsedFields ? { fields: parsedFields } : {}) };
}
