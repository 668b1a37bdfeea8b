import { z } from "zod";
import { invalid, StripeError } from "./errors";

// Zod schemas for the emulator's own browser endpoints (`browser-api.ts`); `/v1` params are checked against the
// generated API description instead (`schema/validate-params.ts`).

/** Stripe-style parameter path: `a[b][0]`. */
export function paramName(path: readonly PropertyKey[]): string {
  const [first, ...rest] = path.map(String);
  return (first ?? "") + rest.map((p) => `[${p}]`).join("");
}

export const zInt = z.union(
  [
    z.number().int(),
    z
      .string()
      .regex(/^-?\d+$/)
      .transform(Number),
  ],
  {
    error: "integer",
  },
);
export const zPositiveInt = zInt.refine((n) => n >= 0, { error: "nonnegative" });
export const zBool = z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")], {
  error: "boolean",
});
export const zStr = z.string({ error: "string" });
export const zRange = z.union(
  [
    zInt,
    z.strictObject({ gt: zInt.optional(), gte: zInt.optional(), lt: zInt.optional(), lte: zInt.optional() }),
  ],
  { error: "range" },
);
export function zArr<T extends z.ZodType>(of: T) {
  return z.array(of, { error: "array" });
}
export function zEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values);
}
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur = input;
  for (const p of path) {
    if (typeof cur !== "object" || cur === null) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}

/** Turns the first zod issue into Stripe's wording ("Received unknown parameter", "Invalid integer", …). */
function toStripeError(error: z.ZodError, input: unknown): StripeError {
  const issue = error.issues[0];
  if (!issue) return invalid("Invalid request.");
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0] ?? "";
    const name = paramName([...issue.path, key]);
    return invalid(`Received unknown parameter: ${name}`, name, "parameter_unknown");
  }
  const name = paramName(issue.path);
  const raw = valueAt(input, issue.path);
  if (raw === undefined) return invalid(`Missing required param: ${name}.`, name, "parameter_missing");
  const shown = typeof raw === "string" ? raw : JSON.stringify(raw);
  switch (issue.message) {
    case "integer":
      return invalid(`Invalid integer: ${shown}`, name, "parameter_invalid_integer");
    case "nonnegative":
      return invalid(
        `Invalid ${name}: must be greater than or equal to 0`,
        name,
        "parameter_invalid_integer",
      );
    case "boolean":
      return invalid(`Invalid boolean: ${shown}`, name, "parameter_invalid_boolean");
    case "string":
      return invalid(`Invalid string: ${shown}`, name, "parameter_invalid_string");
    case "array":
      return invalid(`Invalid array`, name, "parameter_invalid_array");
    default:
      break;
  }
  if (issue.code === "invalid_value") {
    const values = issue.values.map(String).join(", ");
    return invalid(`Invalid ${name}: must be one of ${values}`, name, "parameter_invalid_enum");
  }
  if (issue.code === "invalid_type" && issue.expected === "object") {
    return invalid(`Invalid object`, name, "parameter_invalid_object");
  }
  return invalid(issue.message ? `Invalid ${name}: ${issue.message}` : `Invalid ${name}`, name);
}

export function parseParams<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw toStripeError(result.error, input);
  return result.data;
}

/** Amounts Stripe refuses below zero, with its wording. */
export function nonNegative(value: number | undefined, param: string): void {
  if (value !== undefined && value < 0)
    throw invalid(`Invalid ${param}: must be greater than or equal to 0`, param, "parameter_invalid_integer");
}

/**
 * The declarations keep most enums open (`OtherString`) so newer values type-check; where the emulator acts on the
 * value it accepts the values Stripe lists and refuses the rest with Stripe's enum wording.
 */
export function known<const K extends string>(
  value: string | undefined,
  values: readonly K[],
  param: string,
): K | undefined {
  if (value === undefined) return undefined;
  const found = values.find((v) => v === value);
  if (found === undefined)
    throw invalid(`Invalid ${param}: must be one of ${values.join(", ")}`, param, "parameter_invalid_enum");
  return found;
}
