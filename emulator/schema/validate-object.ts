/**
 * Checks an object the emulator serves against the fields the generated API description gives its type: every
 * always-present field there, nullable only where declared, enums within their documented values, no field the version
 * does not have.
 */
import { apiSchema, resolve, type SchemaNode } from "./api-schema";

function kind(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

function check(node: SchemaNode, v: unknown, at: string, out: string[]): void {
  const n = resolve(node);
  if (v === null) {
    if (!n.nullable && n.type !== "unknown") out.push(`${at}: null, not nullable`);
    return;
  }
  switch (n.type) {
    case "unknown":
      return;
    case "string":
    case "metadata":
      if (typeof v !== "string") out.push(`${at}: ${kind(v)}, expected string`);
      return;
    case "integer":
      if (!Number.isInteger(v)) out.push(`${at}: ${JSON.stringify(v)}, expected integer`);
      return;
    case "number":
      if (typeof v !== "number") out.push(`${at}: ${kind(v)}, expected number`);
      return;
    case "boolean":
      if (typeof v !== "boolean") out.push(`${at}: ${kind(v)}, expected boolean`);
      return;
    case "enum":
      if (typeof v !== "string") out.push(`${at}: ${kind(v)}, expected one of ${n.values.join("|")}`);
      // Open enums (`| OtherString`) let Stripe add values later; the emulator still only sends documented ones.
      else if (!n.values.includes(v) && n.values.length > 0)
        out.push(
          `${at}: ${v}, expected one of ${n.values.join("|")}${n.open ? " (open, but documented values only)" : ""}`,
        );
      return;
    case "array":
      if (!Array.isArray(v)) out.push(`${at}: ${kind(v)}, expected array`);
      else v.forEach((x, i) => check(n.items, x, `${at}[${i}]`, out));
      return;
    case "list": {
      if (kind(v) !== "object") {
        out.push(`${at}: ${kind(v)}, expected list`);
        return;
      }
      const l = v as Record<string, unknown>;
      if (l.object !== "list" || typeof l.has_more !== "boolean" || typeof l.url !== "string")
        out.push(`${at}: not a list object`);
      if (!Array.isArray(l.data)) out.push(`${at}.data: expected array`);
      else l.data.forEach((x, i) => check(n.items, x, `${at}.data[${i}]`, out));
      return;
    }
    case "object": {
      if (kind(v) !== "object") {
        out.push(`${at}: ${kind(v)}, expected object`);
        return;
      }
      const o = v as Record<string, unknown>;
      const optional = new Set(n.optional ?? []);
      for (const [k, child] of Object.entries(n.properties)) {
        const p = at ? `${at}.${k}` : k;
        if (!(k in o)) {
          if (!optional.has(k)) out.push(`${p}: missing`);
        } else if (!(o[k] === null && n.optionalNull && optional.has(k))) check(child, o[k], p, out);
      }
      for (const k of Object.keys(o))
        if (!(k in n.properties)) {
          const p = at ? `${at}.${k}` : k;
          if (n.additional) check(n.additional, o[k], p, out);
          else out.push(`${p}: not a field of this version`);
        }
      return;
    }
    case "anyOf": {
      let best: string[] | undefined;
      for (const alt of n.anyOf) {
        const errs: string[] = [];
        check(alt, v, at, errs);
        if (errs.length === 0) return;
        if (!best || errs.length < best.length) best = errs;
      }
      out.push(...(best ?? [`${at}: matches no alternative`]));
      return;
    }
    case "expandable":
      if (typeof v === "string") return;
      check({ type: "anyOf", anyOf: n.refs.map((ref) => ({ type: "ref" as const, ref })) }, v, at, out);
      return;
    case "ref":
      // resolve() follows refs; unreachable.
      return;
  }
}

/** Problems of `value` as an instance of the named object (`Charge`, `PaymentIntent`, …); empty when it conforms. */
export function objectProblems(typeName: string, value: unknown): string[] {
  if (!apiSchema().objects[typeName]) return [`${typeName}: not an object of the generated description`];
  const out: string[] = [];
  check({ type: "ref", ref: typeName }, value, typeName, out);
  return out;
}

/** Problems of an operation's answer (`POST /v1/payouts/{}/cancel` → a Payout). */
export function responseProblems(operationKey: string, value: unknown): string[] {
  const op = apiSchema().operations[operationKey];
  if (!op) return [`${operationKey}: not an operation of the generated description`];
  const out: string[] = [];
  check(op.returns, value, operationKey, out);
  return out;
}
