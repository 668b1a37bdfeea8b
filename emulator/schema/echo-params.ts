/**
 * Stripe keeps a request parameter and shows it back wherever the answered object has a field at the same path
 * (`shipping[address][line1]` → `shipping.address.line1`); parameters with no such field (`confirm`,
 * `payment_method_data`, `external_account`) only act. This module does that for every served create and update,
 * from the generated API description, so the handlers only write what their own behaviour decides:
 *
 * - `echoParams` projects validated params onto an object's fields, coerced to the field's type; write-only
 *   params and the fields in `OWNED` (set by hand-written behaviour) are left out.
 * - `mergeEcho` merges a projection into a full stored object as Stripe's updates do: nested hashes merge, arrays
 *   are replaced, `""` unsets (null, `{}` or `[]`), `metadata[key]=""` removes one key. A sub-object given where the
 *   object had none starts with every always-present field of its shape (null where nullable).
 * - `mergeGiven` keeps a projection in a sparse store (params as given, `""` deleting), for objects rendered on
 *   demand (accounts): `overlayGiven` lays such a store over the rendered object.
 */
import { isJsonObject, type JsonObject, type JsonValue } from "../json";
import { apiSchema, resolve, type SchemaNode } from "./api-schema";

type Resolved = ReturnType<typeof resolve>;

/**
 * Fields whose value hand-written behaviour decides, though a parameter of the same path exists: the generic echo
 * never writes them (the handler does, from the same parameter or from state). Paths are dotted; a path covers
 * everything under it.
 */
export const OWNED: Record<string, readonly string[]> = {
  Account: [
    // Decided at creation from `type`/`controller` (validated together) and kept in the record's typed fields.
    "type",
    "controller",
    "country",
    "default_currency",
    "business_type",
    "email",
    "metadata",
    // Onboarding: accepting the terms submits the account (`details_submitted`), dates default to now.
    "tos_acceptance.date",
    "tos_acceptance.ip",
    "tos_acceptance.user_agent",
    // The schedule automatic payouts run on (`delay_days=minimum` becomes a number of days).
    "settings.payouts.schedule.interval",
    "settings.payouts.schedule.delay_days",
    "settings.payouts.schedule.weekly_anchor",
    "settings.payouts.schedule.monthly_anchor",
    // Kept in their own stores: they also decide requirements (see `renderAccount`).
    "business_profile",
    "company",
    "individual",
  ],
  PaymentIntent: [
    // A test token (`pm_card_visa`) becomes a new PaymentMethod id.
    "payment_method",
    // Off unless asked for once an explicit list of types is given (`enabled=false` answers null).
    "automatic_payment_methods",
    // Lowercased; amounts are checked against it.
    "currency",
  ],
  Payout: [
    // The bank account chosen (or the default for the currency), the speed that sets `arrival_date`.
    "destination",
    "method",
    "currency",
  ],
  Refund: [
    // The refunded charge decides them: its payment intent, currency and customer; the amount defaults to what
    // remains.
    "charge",
    "payment_intent",
    "amount",
    "currency",
    "customer",
  ],
  BankAccount: [
    // One default per currency: setting it moves it from the others.
    "default_for_currency",
  ],
  Customer: [
    // Only shown when expanded or included: not part of the stored customer.
    "cash_balance",
    "tax",
  ],
};

function isOwned(owned: readonly string[], path: string): boolean {
  return owned.some((o) => path === o || path.startsWith(`${o}.`));
}

function kindOf(v: unknown): "object" | "array" | "string" | "number" | "boolean" | "null" | "other" {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (isJsonObject(v)) return "object";
  const t = typeof v;
  return t === "string" || t === "number" || t === "boolean" ? t : "other";
}

/** The node an object-valued param merges into: an object shape (possibly a map), through unions. */
function objectShape(n: Resolved): Extract<Resolved, { type: "object" }> | undefined {
  if (n.type === "object") return n;
  if (n.type === "anyOf")
    for (const alt of n.anyOf) {
      const r = resolve(alt);
      if (r.type === "object") return r;
    }
  return undefined;
}

function isMap(n: Extract<Resolved, { type: "object" }>): boolean {
  return Object.keys(n.properties).length === 0 && n.additional !== undefined;
}

/**
 * A param value as the field shows it, or undefined where the field cannot hold it (an id given for an embedded
 * object, a list of line items, a value outside a closed enum). `""` is kept: it unsets.
 */
function project(
  node: SchemaNode,
  v: unknown,
  path: string,
  owned: readonly string[],
): JsonValue | undefined {
  if (isOwned(owned, path)) return undefined;
  const n = resolve(node);
  // `""` (v1) and null (v2) unset.
  if (v === "" || v === null) return "";
  switch (n.type) {
    case "unknown":
      return isJsonValue(v) ? v : undefined;
    case "string":
      if (typeof v === "string") return v;
      if (typeof v === "number" || typeof v === "boolean") return String(v);
      return undefined;
    case "integer":
      if (typeof v === "number" && Number.isInteger(v)) return v;
      if (typeof v === "string" && /^-?\d+$/.test(v)) return Number(v);
      return undefined;
    case "number":
      if (typeof v === "number") return v;
      if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
      return undefined;
    case "boolean":
      if (typeof v === "boolean") return v;
      if (v === "true" || v === "false") return v === "true";
      return undefined;
    case "enum":
      if (typeof v !== "string") return undefined;
      return n.values.length === 0 || n.values.includes(v) ? v : undefined;
    case "metadata":
      return typeof v === "string" ? v : undefined;
    case "expandable":
      // An id; an expanded object is never a param.
      return typeof v === "string" ? v : undefined;
    case "array": {
      if (!Array.isArray(v)) return undefined;
      const out: JsonValue[] = [];
      for (const x of v) {
        const p = project(n.items, x, path, []);
        if (p === undefined || p === "") return undefined;
        out.push(p);
      }
      return out;
    }
    case "list":
      // Line items and the like become objects of their own (ids, a list): behaviour, not an echo.
      return undefined;
    case "object": {
      if (!isJsonObject(v)) return undefined;
      const out: JsonObject = {};
      for (const [k, x] of Object.entries(v)) {
        const child = n.properties[k] ?? n.additional;
        if (!child) continue;
        const p = project(child, x, path ? `${path}.${k}` : k, owned);
        if (p !== undefined) out[k] = p;
      }
      return Object.keys(out).length > 0 || Object.keys(v).length === 0 ? out : undefined;
    }
    case "anyOf": {
      const want = kindOf(v);
      for (const alt of n.anyOf) {
        const r = resolve(alt);
        const fits =
          want === "object"
            ? r.type === "object"
            : want === "array"
              ? r.type === "array"
              : r.type !== "object" && r.type !== "array" && r.type !== "list";
        if (!fits) continue;
        const p = project(alt, v, path, owned);
        if (p !== undefined) return p;
      }
      return undefined;
    }
    case "ref":
      return undefined;
  }
}

function isJsonValue(v: unknown): v is JsonValue {
  const k = kindOf(v);
  if (k === "other") return false;
  if (k === "array") return (v as unknown[]).every(isJsonValue);
  if (k === "object") return Object.values(v as object).every(isJsonValue);
  return true;
}

function typeNode(typeName: string): SchemaNode {
  if (!apiSchema().objects[typeName])
    throw new Error(`${typeName}: not an object of the generated description`);
  return { type: "ref", ref: typeName };
}

/**
 * The params (validated, typed) that `typeName` has at the same path, coerced to its field types: what a create or
 * update stores and shows back. Paths in `OWNED[typeName]` and in `alsoOwned` are left to the handler.
 */
export function echoParams(
  typeName: string,
  params: { [key: string]: unknown },
  alsoOwned: readonly string[] = [],
): JsonObject {
  const owned = [...(OWNED[typeName] ?? []), ...alsoOwned, "expand", "include"];
  const out = project(typeNode(typeName), params, "", owned);
  return isJsonObject(out) ? out : {};
}

/** What `""` leaves in a field: null where nullable, an empty map or array; undefined where nothing is allowed. */
function unsetValue(n: Resolved): JsonValue | undefined {
  if (n.nullable) return null;
  if (n.type === "array") return [];
  if (n.type === "metadata") return "";
  const shape = objectShape(n);
  if (shape && isMap(shape)) return {};
  if (n.type === "string") return "";
  return undefined;
}

/** A value for a field nothing was given for: null where nullable, empty containers, a type's zero value. */
function blankField(node: SchemaNode): JsonValue {
  const n = resolve(node);
  if (n.nullable) return null;
  switch (n.type) {
    case "object":
      return blankObject(n);
    case "array":
      return [];
    case "metadata":
    case "string":
      return "";
    case "integer":
    case "number":
      return 0;
    case "boolean":
      return false;
    case "enum":
      return n.values[0] ?? "";
    case "anyOf": {
      const first = n.anyOf[0];
      return first ? blankField(first) : null;
    }
    default:
      return null;
  }
}

/** An object of a shape with every always-present field blank (optional ones left out). */
export function blankObject(n: Extract<Resolved, { type: "object" }>): JsonObject {
  const optional = new Set(n.optional ?? []);
  const out: JsonObject = {};
  for (const [k, child] of Object.entries(n.properties)) if (!optional.has(k)) out[k] = blankField(child);
  return out;
}

/** One value merged into a field: objects merge, maps merge by key, arrays of objects get their full shape. */
function mergeValue(node: SchemaNode, current: JsonValue | undefined, v: JsonValue): JsonValue | undefined {
  const n = resolve(node);
  if (v === "") {
    const unset = unsetValue(n);
    return unset === undefined ? current : unset;
  }
  if (isJsonObject(v)) {
    const shape = objectShape(n);
    if (!shape) return v;
    if (isMap(shape)) {
      const next: JsonObject = isJsonObject(current) ? { ...current } : {};
      for (const [k, x] of Object.entries(v)) {
        if (x === "" || x === null) delete next[k];
        else next[k] = x;
      }
      return next;
    }
    const target = isJsonObject(current) ? current : blankObject(shape);
    mergeInto(shape, target, v);
    return target;
  }
  if (Array.isArray(v) && n.type === "array") {
    const items = resolve(n.items);
    return items.type === "object" && !isMap(items)
      ? v.map((x) => (isJsonObject(x) ? mergeInto(items, blankObject(items), x) : x))
      : v;
  }
  return v;
}

function mergeInto(
  shape: Extract<Resolved, { type: "object" }>,
  target: JsonObject,
  echo: JsonObject,
): JsonObject {
  for (const [k, v] of Object.entries(echo)) {
    const child = shape.properties[k] ?? shape.additional;
    if (!child) continue;
    const next = mergeValue(child, target[k], v);
    if (next !== undefined) target[k] = next;
  }
  return target;
}

/** Merges a projection (`echoParams`) into a stored object of `typeName`, in place; returns it. */
export function mergeEcho<T extends object>(typeName: string, target: T, echo: JsonObject): T {
  const shape = resolve(typeNode(typeName));
  if (shape.type !== "object") throw new Error(`${typeName}: not an object shape`);
  mergeInto(shape, target as JsonObject, echo);
  return target;
}

/** `echoParams` then `mergeEcho`: what a create or update handler calls once its own behaviour has run. */
export function echoInto<T extends object>(
  typeName: string,
  target: T,
  params: { [key: string]: unknown },
  alsoOwned: readonly string[] = [],
): T {
  return mergeEcho(typeName, target, echoParams(typeName, params, alsoOwned));
}

/** Params kept as given (a sparse store): nested hashes merge, `""` deletes the key, arrays are replaced. */
export function mergeGiven(store: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = { ...store };
  for (const [k, v] of Object.entries(patch)) {
    if (v === "" || v === null) delete out[k];
    else if (isJsonObject(v)) {
      const merged = mergeGiven(isJsonObject(out[k]) ? out[k] : {}, v);
      if (Object.keys(merged).length > 0) out[k] = merged;
      else delete out[k];
    } else out[k] = v;
  }
  return out;
}

/**
 * A rendered object with a sparse store laid over it: every stored param the object has at the same path (as
 * `echoParams` projects it) replaces the rendered default. `owned` paths keep what the renderer decided.
 */
export function overlayGiven<T extends JsonObject>(
  typeName: string,
  rendered: T,
  given: JsonObject,
  owned: readonly string[] = [],
): T {
  const echo = project(typeNode(typeName), given, "", owned);
  return isJsonObject(echo) ? mergeEcho(typeName, rendered, echo) : rendered;
}
