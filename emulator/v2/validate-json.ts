/**
 * Checks an API v2 JSON body against an operation's parameters from the generated API description. Unlike v1's
 * form bodies nothing is coerced: integers must be JSON integers, booleans JSON booleans, decimals strings. Refusals
 * name the field in v2's dotted notation; the server answers them in v2's `invalid_fields` shape.
 */
import { invalid } from "../errors";
import { resolve, type SchemaNode } from "../schema/api-schema";
import type { ValidParams } from "../schema/validate-params";

function kind(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

function check(node: SchemaNode, v: unknown, path: string[]): unknown {
  const n = resolve(node);
  const field = path.join(".");
  const wrong = (expected: string) =>
    invalid(`Invalid type for ${field}: expected ${expected}, got ${kind(v)}.`, field, "invalid_type");
  if (v === "" && n.emptyable) return "";
  switch (n.type) {
    case "string":
    case "unknown":
      if (typeof v !== "string") throw wrong("string");
      return v;
    case "integer":
      if (typeof v !== "number" || !Number.isInteger(v)) throw wrong("integer");
      return v;
    case "number":
      if (typeof v !== "number") throw wrong("number");
      return v;
    case "boolean":
      if (typeof v !== "boolean") throw wrong("boolean");
      return v;
    case "enum":
      if (typeof v !== "string") throw wrong("string");
      if (!n.open && !n.values.includes(v))
        throw invalid(
          `Invalid value for ${field}: must be one of ${n.values.join(", ")}.`,
          field,
          "invalid_value",
        );
      return v;
    case "metadata": {
      if (typeof v !== "object" || v === null || Array.isArray(v)) throw wrong("object");
      for (const [k, x] of Object.entries(v))
        if (x !== null && typeof x !== "string" && typeof x !== "number")
          throw invalid(`Invalid type for ${field}.${k}: expected string.`, `${field}.${k}`, "invalid_type");
      return v;
    }
    case "array":
    case "list":
      if (!Array.isArray(v)) throw wrong("array");
      return v.map((x, i) => check(n.items, x, [...path, String(i)]));
    case "object": {
      if (typeof v !== "object" || v === null || Array.isArray(v)) throw wrong("object");
      const out: ValidParams = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        const child = n.properties[k] ?? n.additional;
        const name = [...path, k].join(".");
        if (!child) throw invalid(`Unknown field: ${name}.`, name, "unknown_field");
        if (x === null) {
          // v2 clears an optional field with null.
          out[k] = null;
          continue;
        }
        out[k] = check(child, x, [...path, k]);
      }
      for (const k of n.required ?? [])
        if (!(k in (v as object))) {
          const name = [...path, k].join(".");
          throw invalid(`Missing required field: ${name}.`, name, "required");
        }
      return out;
    }
    case "anyOf": {
      let first: unknown;
      for (const alt of n.anyOf) {
        try {
          return check(alt, v, path);
        } catch (e) {
          first ??= e;
        }
      }
      throw first instanceof Error ? first : wrong("a valid value");
    }
    case "ref":
    case "expandable":
      throw new Error(`object reference in parameters at ${field}`);
  }
}

/** Validates a whole v2 JSON body; the result follows the operation's `V2.…Params` type. */
export function validateJsonParams(node: SchemaNode, body: unknown): ValidParams {
  return check(node, body, []) as ValidParams;
}

/** v1-style param codes (from query strings, checked by the v1 validator) → v2's per-field codes. */
const FIELD_CODES: Record<string, string> = {
  parameter_unknown: "unknown_field",
  parameter_missing: "required",
  parameter_invalid_integer: "invalid_type",
  parameter_invalid_string: "invalid_type",
  parameter_invalid_boolean: "invalid_type",
  parameter_invalid_array: "invalid_type",
  parameter_invalid_object: "invalid_type",
  parameter_invalid_enum: "invalid_value",
  unknown_field: "unknown_field",
  required: "required",
  invalid_type: "invalid_type",
  invalid_value: "invalid_value",
};

/** The per-field code of a validation refusal, or undefined for other errors. */
export function fieldErrorCode(code: string | undefined): string | undefined {
  return code === undefined ? undefined : FIELD_CODES[code];
}

/** `a[b][0]` (a query string's name) → `a.b.0`. */
export function dottedField(param: string): string {
  return param.replace(/\[([^\]]*)\]/g, ".$1");
}
