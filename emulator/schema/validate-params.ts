/**
 * Checks a decoded form against an operation's parameters from the generated API description and coerces it to
 * the types Stripe's declarations give (integers, booleans, arrays), refusing with Stripe's wording.
 */
import { invalid, type StripeError } from "../errors";
import type { FormValue } from "../form";
import { resolve, type SchemaNode } from "./api-schema";

/** Params after validation: shaped like the stripe package's `…Params` types. */
export type ValidParams = { [key: string]: unknown };

function name(path: readonly string[]): string {
  const [first, ...rest] = path;
  return (first ?? "") + rest.map((p) => `[${p}]`).join("");
}

function shown(v: FormValue): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

/** `a[0]=x&a[1]=y` (stripe-node's array encoding) arrives as a numeric-keyed object. */
function asArray(v: FormValue): FormValue[] | undefined {
  if (Array.isArray(v)) return v;
  if (typeof v === "object") {
    const keys = Object.keys(v);
    if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k)))
      return keys.sort((a, b) => Number(a) - Number(b)).map((k) => v[k] ?? "");
  }
  return undefined;
}

function check(node: SchemaNode, v: FormValue, path: string[]): unknown {
  const n = resolve(node);
  const param = name(path);
  if (v === "" && n.emptyable) return "";
  switch (n.type) {
    case "string":
    case "unknown":
      if (typeof v !== "string")
        throw invalid(`Invalid string: ${shown(v)}`, param, "parameter_invalid_string");
      return v;
    case "integer":
      if (typeof v !== "string" || !/^-?\d+$/.test(v))
        throw invalid(`Invalid integer: ${shown(v)}`, param, "parameter_invalid_integer");
      return Number(v);
    case "number":
      if (typeof v !== "string" || !/^-?\d+(\.\d+)?$/.test(v))
        throw invalid(`Invalid decimal: ${shown(v)}`, param);
      return Number(v);
    case "boolean":
      if (v !== "true" && v !== "false")
        throw invalid(`Invalid boolean: ${shown(v)}`, param, "parameter_invalid_boolean");
      return v === "true";
    case "enum":
      if (typeof v !== "string")
        throw invalid(`Invalid string: ${shown(v)}`, param, "parameter_invalid_string");
      if (!n.open && !n.values.includes(v))
        throw invalid(
          `Invalid ${param}: must be one of ${n.values.join(", ")}`,
          param,
          "parameter_invalid_enum",
        );
      return v;
    case "metadata": {
      if (v === "") return "";
      if (typeof v !== "object" || Array.isArray(v)) throw invalid("Invalid metadata", param);
      const out: Record<string, string> = {};
      for (const [k, x] of Object.entries(v)) {
        if (typeof x !== "string")
          throw invalid(`Invalid string: ${shown(x)}`, name([...path, k]), "parameter_invalid_string");
        out[k] = x;
      }
      return out;
    }
    case "array":
    case "list": {
      if (v === "") return [];
      const items = asArray(v);
      if (!items) throw invalid("Invalid array", param, "parameter_invalid_array");
      return items.map((x, i) => check(n.items, x, [...path, String(i)]));
    }
    case "object": {
      if (typeof v !== "object" || Array.isArray(v))
        throw invalid("Invalid object", param, "parameter_invalid_object");
      const out: ValidParams = {};
      for (const [k, x] of Object.entries(v)) {
        const child = n.properties[k] ?? n.additional;
        if (!child) {
          const unknown = name([...path, k]);
          throw invalid(`Received unknown parameter: ${unknown}`, unknown, "parameter_unknown");
        }
        out[k] = check(child, x, [...path, k]);
      }
      for (const k of n.required ?? [])
        if (!(k in v)) {
          const missingName = name([...path, k]);
          throw invalid(`Missing required param: ${missingName}.`, missingName, "parameter_missing");
        }
      return out;
    }
    case "anyOf": {
      // The alternative matching the value's shape decides (`string | {…}`, `RangeQueryParam | number`).
      let first: StripeError | undefined;
      for (const alt of n.anyOf) {
        try {
          return check(alt, v, path);
        } catch (e) {
          if (!(e instanceof Error) || !("status" in e)) throw e;
          const alternative = resolve(alt);
          const fits = typeof v === "string" ? isScalar(alternative.type) : !isScalar(alternative.type);
          if (fits && !first) first = e as StripeError;
        }
      }
      throw first ?? invalid(`Invalid ${param}`, param);
    }
    case "ref":
    case "expandable":
      throw new Error(`object reference in parameters at ${param}`);
  }
}

function isScalar(t: string | undefined): boolean {
  return t === "string" || t === "integer" || t === "number" || t === "boolean" || t === "enum";
}

/** Validates a whole request's params; the result follows the operation's `…Params` type. */
export function validateParams(node: SchemaNode, form: { [key: string]: FormValue }): ValidParams {
  return check(node, form, []) as ValidParams;
}
