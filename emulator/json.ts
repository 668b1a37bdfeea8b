/** Plain JSON values: every Stripe object the emulator stores is one of these. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Drops `undefined` (zod output for absent optional params) so the value is plain JSON. */
export function toJsonObject(value: unknown): JsonObject {
  const out: unknown = JSON.parse(JSON.stringify(value ?? {}));
  return isJsonObject(out) ? out : {};
}
