import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../../emulator/index";
import { SANDBOX_SECRET_KEY } from "../../../emulator/sandbox-keys";
import { apiSchema, resolve, type SchemaNode } from "../../../emulator/schema/api-schema";
import { operationKey } from "../../../emulator/schema/operation-key";
import { servedOperations } from "../../../emulator/schema/served-routes";
import { enabledAccount, useEmulator } from "./helpers";

/**
 * Contract tests generated from the API description: per served operation, one request carrying every defined
 * parameter (values synthesised from the description), one with an undefined parameter and one with a mistyped one.
 * Path ids name nothing, so past validation the handlers answer 404 (or a state error) without side effects.
 * API v2 POSTs carry JSON bodies (typed values) and are refused in v2's `invalid_fields` shape.
 */

type Value = string | Value[] | { [key: string]: Value };

/** A valid value for every leaf: the first enum member, `1`, `true`, the object alternative of a union. */
function synthesise(node: SchemaNode, depth = 0): Value {
  const n = resolve(node);
  switch (n.type) {
    case "integer":
    case "number":
      return "1";
    case "boolean":
      return "true";
    case "enum":
      return n.values[0] ?? "x";
    case "metadata":
      return { order: "1" };
    case "array":
    case "list":
      return [synthesise(n.items, depth + 1)];
    case "object": {
      const out: { [key: string]: Value } = {};
      for (const [k, child] of Object.entries(n.properties)) out[k] = synthesise(child, depth + 1);
      return out;
    }
    case "anyOf": {
      const alts = n.anyOf.map(resolve);
      const pick = alts.find((a) => a.type === "object") ?? alts[0];
      return pick ? synthesise(pick, depth + 1) : "x";
    }
    default:
      return "x";
  }
}

/** The same value as JSON types, for API v2 bodies. */
function typed(node: SchemaNode, v: Value): unknown {
  const n = resolve(node);
  if (typeof v === "string") {
    // A deliberately wrong value ("nope") stays a string.
    if ((n.type === "integer" || n.type === "number") && /^-?\d+$/.test(v)) return Number(v);
    if (n.type === "boolean" && (v === "true" || v === "false")) return v === "true";
    if (n.type === "anyOf") {
      const scalar = n.anyOf.map(resolve).find((a) => a.type !== "object");
      return scalar ? typed(scalar, v) : v;
    }
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => typed(n.type === "array" ? n.items : { type: "unknown" }, x));
  const props = n.type === "object" ? n.properties : n.type === "anyOf" ? undefined : undefined;
  const objectAlt =
    n.type === "anyOf"
      ? n.anyOf.map(resolve).find((a) => a.type === "object")
      : n.type === "object"
        ? n
        : undefined;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const child = props?.[k] ?? (objectAlt?.type === "object" ? objectAlt.properties[k] : undefined);
    out[k] = child ? typed(child, x) : x;
  }
  return out;
}

/** Stripe's bracket encoding (arrays as `a[0]=`, like stripe-node). */
function encode(v: Value, prefix: string, out: string[]): void {
  if (typeof v === "string") out.push(`${encodeURIComponent(prefix)}=${encodeURIComponent(v)}`);
  else if (Array.isArray(v)) v.forEach((x, i) => encode(x, `${prefix}[${i}]`, out));
  else for (const [k, x] of Object.entries(v)) encode(x, prefix ? `${prefix}[${k}]` : k, out);
}

/** The first leaf a wrong value can be given to, with the wording Stripe refuses it with. */
function mistypable(
  node: SchemaNode,
  path: string[] = [],
): { path: string[]; code: string; message: RegExp } | undefined {
  const n = resolve(node);
  if (n.type === "integer")
    return { path, code: "parameter_invalid_integer", message: /^Invalid integer: nope$/ };
  if (n.type === "boolean")
    return { path, code: "parameter_invalid_boolean", message: /^Invalid boolean: nope$/ };
  if (n.type === "enum" && !n.open)
    return { path, code: "parameter_invalid_enum", message: /^Invalid .+: must be one of / };
  if (n.type === "object")
    for (const [k, child] of Object.entries(n.properties)) {
      const found = mistypable(child, [...path, k]);
      if (found) return found;
    }
  return undefined;
}

function nest(path: string[], leaf: Value): { [key: string]: Value } {
  const [head, ...rest] = path;
  if (head === undefined) return {};
  return { [head]: rest.length === 0 ? leaf : nest(rest, leaf) };
}

let emu: RunningEmulator;
let stripe: Stripe;
useEmulator((e, s) => {
  emu = e;
  stripe = s;
});

type ApiError = {
  code?: string;
  message?: string;
  param?: string;
  errors?: { code: string; field: string; message: string }[];
};

async function call(op: string, params: Value): Promise<{ status: number; error?: ApiError }> {
  const [method = "GET", pattern = ""] = op.split(" ");
  const path = pattern.replace(/\{\}/g, "missing_object");
  const json = method === "POST" && path.startsWith("/v2/");
  const form: string[] = [];
  encode(params, "", form);
  const body = json
    ? JSON.stringify(typed(apiSchema().operations[op]?.params ?? { type: "unknown" }, params))
    : form.join("&");
  const res = await fetch(`${emu.url}${path}${method === "POST" ? "" : `?${form.join("&")}`}`, {
    method,
    headers: {
      authorization: `Bearer ${SANDBOX_SECRET_KEY}`,
      "content-type": json ? "application/json" : "application/x-www-form-urlencoded",
    },
    body: method === "POST" ? body : null,
  });
  const answer = (await res.json()) as { error?: ApiError };
  return { status: res.status, ...(answer.error ? { error: answer.error } : {}) };
}

/** v1's `parameter_*` codes, as API v2 names the refused field (`invalid_fields` + per-field code). */
const V2_FIELD_CODE: Record<string, string> = {
  parameter_unknown: "unknown_field",
  parameter_invalid_integer: "invalid_type",
  parameter_invalid_boolean: "invalid_type",
  parameter_invalid_enum: "invalid_value",
};

function refusedAs(op: string, e: ApiError | undefined, code: string, field: string[]): boolean {
  if (!op.includes(" /v2/")) return e?.code === code;
  const f = e?.errors?.[0];
  return e?.code === "invalid_fields" && f?.code === V2_FIELD_CODE[code] && f?.field === field.join(".");
}

describe("every served operation against the generated description", () => {
  const served = servedOperations();

  it("each route has a generated operation", () => {
    expect(served.filter((k) => !apiSchema().operations[k])).toEqual([]);
    expect(operationKey("POST", "/v1/accounts/:id/capabilities/:cap")).toBe(
      "POST /v1/accounts/{}/capabilities/{}",
    );
    expect(served.length).toBeGreaterThan(50);
  });

  it("recognises every defined parameter", async () => {
    const refused: string[] = [];
    // Past validation: answered, or the fake path id is missing.
    let reachedHandler = 0;
    for (const op of served) {
      const operation = apiSchema().operations[op];
      if (!operation) continue;
      const r = await call(op, synthesise(operation.params));
      const code = r.error?.code ?? "";
      // v2: refused by the description (not by a handler's own check of a value).
      const schemaRefusal = r.error?.errors?.some((e) => ["unknown_field", "invalid_type"].includes(e.code));
      if (r.status >= 500 || code.startsWith("parameter_") || schemaRefusal)
        refused.push(`${op}: ${r.status} ${r.error?.code ?? ""} ${r.error?.message ?? ""}`);
      if (r.status === 200 || r.error?.code === "resource_missing") reachedHandler++;
    }
    expect(refused).toEqual([]);
    expect(reachedHandler).toBeGreaterThan(40);
  });

  it("refuses an undefined parameter and a mistyped one with Stripe's wording", async () => {
    const wrong: string[] = [];
    let mistyped = 0;
    for (const op of served) {
      const operation = apiSchema().operations[op];
      if (!operation) continue;
      const unknown = await call(op, { favourite_colour: "teal" });
      if (
        unknown.status !== 400 ||
        !refusedAs(op, unknown.error, "parameter_unknown", ["favourite_colour"]) ||
        (!op.includes(" /v2/") && unknown.error?.message !== "Received unknown parameter: favourite_colour")
      )
        wrong.push(`${op} unknown: ${unknown.status} ${JSON.stringify(unknown.error)}`);
      const target = mistypable(operation.params);
      if (!target) continue;
      mistyped++;
      const full = synthesise(operation.params);
      const bad = {
        ...(typeof full === "object" && !Array.isArray(full) ? full : {}),
        ...nest(target.path, "nope"),
      };
      const r = await call(op, bad);
      const param =
        target.path[0] +
        target.path
          .slice(1)
          .map((p) => `[${p}]`)
          .join("");
      const v1Wording =
        op.includes(" /v2/") && op.startsWith("POST") ? true : target.message.test(r.error?.message ?? "");
      if (r.status !== 400 || !refusedAs(op, r.error, target.code, target.path) || !v1Wording)
        wrong.push(`${op} ${param}: ${r.status} ${JSON.stringify(r.error)}`);
    }
    expect(wrong).toEqual([]);
    expect(mistyped).toBeGreaterThan(30);
  });
});

describe("parameters the objects have are stored and echoed", () => {
  it("keeps shipping, transfer_group and invoice settings, never write-only params", async () => {
    const a = await enabledAccount(stripe, emu.url);
    const opts = { stripeAccount: a };
    const shipping = { name: "Ada", address: { line1: "1 Main St", country: "US" }, carrier: "UPS" };
    const pi = await stripe.paymentIntents.create(
      { amount: 2000, currency: "usd", payment_method: "pm_card_visa", confirm: true, shipping },
      opts,
    );
    expect(pi.shipping?.address?.line1).toBe("1 Main St");
    expect(pi.shipping?.address?.city).toBeNull();
    expect(pi.shipping?.carrier).toBe("UPS");
    expect("confirm" in pi).toBe(false);
    const charge = await stripe.charges.update(String(pi.latest_charge), { transfer_group: "order_7" }, opts);
    expect(charge.shipping?.name).toBe("Ada");
    expect(charge.transfer_group).toBe("order_7");
    const customer = await stripe.customers.create(
      { invoice_settings: { custom_fields: [{ name: "PO", value: "42" }] } },
      opts,
    );
    expect(customer.invoice_settings.custom_fields).toEqual([{ name: "PO", value: "42" }]);
    const account = await stripe.accounts.update(a, {
      business_profile: {
        annual_revenue: { amount: 1_200_000, currency: "usd", fiscal_year_end: "2026-12-31" },
        estimated_worker_count: 12,
      },
    });
    expect(account.business_profile?.annual_revenue).toEqual({
      amount: 1_200_000,
      currency: "usd",
      fiscal_year_end: "2026-12-31",
    });
    expect(account.business_profile?.estimated_worker_count).toBe(12);
    expect((await stripe.accounts.retrieve(a)).business_profile?.annual_revenue?.amount).toBe(1_200_000);
  });

  it("coded errors link their documentation and the request in the sandbox's log", async () => {
    const res = await fetch(`${emu.url}/v1/payouts/po_missing`, {
      headers: { authorization: `Bearer ${SANDBOX_SECRET_KEY}` },
    });
    const body = (await res.json()) as { error: { code: string; doc_url: string; request_log_url: string } };
    expect(body.error.doc_url).toBe("https://stripe.com/docs/error-codes/resource-missing");
    const requestId = res.headers.get("request-id") ?? "";
    expect(body.error.request_log_url).toBe(`${emu.url}/_emulator/requests?request_id=${requestId}`);
    const log = (await (await fetch(body.error.request_log_url)).json()) as {
      data: { request_id: string; status: number; error: { code: string } | null }[];
    };
    expect(log.data).toMatchObject([
      { request_id: requestId, status: 404, error: { code: "resource_missing" } },
    ]);
  });
});
