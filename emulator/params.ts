import { z } from "zod";
import { invalid, StripeError } from "./errors";

/** Stripe-style parameter path: `a[b][0]`. */
export function paramName(path: readonly PropertyKey[]): string {
  const [first, ...rest] = path.map(String);
  return (first ?? "") + rest.map((p) => `[${p}]`).join("");
}

/** Numeric-keyed objects (`a[0]=x&a[1]=y`, as stripe-node encodes arrays) become arrays. */
function toArray(v: unknown): unknown {
  if (typeof v === "object" && v !== null && !Array.isArray(v)) {
    const keys = Object.keys(v);
    if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
      const rec = v as Record<string, unknown>;
      return keys.sort((a, b) => Number(a) - Number(b)).map((k) => rec[k]);
    }
  }
  if (v === "") return [];
  return v;
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
/** Metadata: string values; an empty string as a whole or as a value unsets, as in Stripe. */
export const zMetadata = z.union([z.literal(""), z.record(z.string(), z.string({ error: "string" }))], {
  error: "metadata",
});
export function zArr<T extends z.ZodType>(of: T) {
  return z.preprocess(toArray, z.array(of, { error: "array" }));
}
export const zExpand = zArr(z.string());
export const zRange = z.union(
  [
    zInt,
    z.strictObject({ gt: zInt.optional(), gte: zInt.optional(), lt: zInt.optional(), lte: zInt.optional() }),
  ],
  { error: "range" },
);
export function zEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values);
}
export const listParams = {
  limit: zInt.optional(),
  starting_after: zStr.optional(),
  ending_before: zStr.optional(),
  expand: zExpand.optional(),
};

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

/** Stripe objects keep metadata as string→string; "" removes a key (or everything). */
export function mergeMetadata(
  current: Record<string, string>,
  update: "" | Record<string, string> | undefined,
): Record<string, string> {
  if (update === undefined) return current;
  if (update === "") return {};
  const next = { ...current };
  for (const [k, v] of Object.entries(update)) {
    if (v === "") delete next[k];
    else next[k] = v;
  }
  return next;
}

/** Stripe's address hash, all fields optional (accounts, persons, customers). */
export const zAddress = z.strictObject({
  line1: zStr.optional(),
  line2: zStr.optional(),
  city: zStr.optional(),
  state: zStr.optional(),
  postal_code: zStr.optional(),
  country: zStr.optional(),
});
