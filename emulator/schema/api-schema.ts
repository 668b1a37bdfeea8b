/** The API description `scripts/stripe-schema.ts` derives from the pinned `stripe` package, typed for its readers. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { operationKey } from "./operation-key";

type Flags = { emptyable?: boolean; nullable?: boolean };
export type SchemaNode = Flags &
  (
    | { type: "string" | "integer" | "number" | "boolean" | "metadata" | "unknown" }
    | { type: "enum"; values: string[]; open?: boolean }
    | { type: "array"; items: SchemaNode }
    | { type: "list"; items: SchemaNode }
    | {
        type: "object";
        properties: Record<string, SchemaNode>;
        required?: string[];
        optional?: string[];
        /** API v2: an optional field may also be null (unset, or not included). */
        optionalNull?: boolean;
        additional?: SchemaNode;
      }
    | { type: "anyOf"; anyOf: SchemaNode[] }
    | { type: "ref"; ref: string }
    | { type: "expandable"; refs: string[] }
    | { $ref: string; type?: undefined }
  );
export type ObjectNode = Extract<SchemaNode, { type: "object" }>;

export type Operation = { resource: string; method: string; params: SchemaNode; returns: SchemaNode };

type ApiSchema = {
  stripeVersion: string;
  served: string[];
  operations: Record<string, Operation>;
  objects: Record<string, SchemaNode>;
  defs: Record<string, SchemaNode>;
};

/** Read on first use (not imported: the generator itself loads the routes before the file exists). */
let loaded: ApiSchema | undefined;
export function apiSchema(): ApiSchema {
  loaded ??= JSON.parse(readFileSync(path.join(__dirname, "stripe-api.generated.json"), "utf8")) as ApiSchema;
  return loaded;
}

/** A node with shared shapes (`$ref`) and named objects (`ref`) looked up. */
export function resolve(node: SchemaNode): Exclude<SchemaNode, { $ref: string }> {
  let n: SchemaNode = node;
  for (let i = 0; i < 50; i++) {
    if ("$ref" in n && n.$ref !== undefined) {
      const def = apiSchema().defs[n.$ref];
      if (!def) throw new Error(`unknown shape ${n.$ref}`);
      n = {
        ...def,
        ...(node.nullable ? { nullable: true } : {}),
        ...(node.emptyable ? { emptyable: true } : {}),
      };
      continue;
    }
    if (n.type === "ref") {
      const obj = apiSchema().objects[n.ref];
      if (!obj) throw new Error(`unknown object ${n.ref}`);
      n = { ...obj, ...(node.nullable ? { nullable: true } : {}) };
      continue;
    }
    return n as Exclude<SchemaNode, { $ref: string }>;
  }
  throw new Error("schema reference loop");
}

export { operationKey };

export function operationFor(method: string, pattern: string): Operation | undefined {
  return apiSchema().operations[operationKey(method, pattern)];
}

/** The values a parameter's enum lists (`["excluded_payment_method_types"]` walks into array items). */
export function paramEnumValues(method: string, pattern: string, path: readonly string[]): string[] {
  const op = operationFor(method, pattern);
  if (!op) throw new Error(`no operation ${method} ${pattern}`);
  let n = resolve(op.params);
  for (const key of path) {
    if (n.type === "array") n = resolve(n.items);
    if (n.type !== "object") throw new Error(`${key}: not an object parameter`);
    const child = n.properties[key];
    if (!child) throw new Error(`${key}: not a parameter of ${method} ${pattern}`);
    n = resolve(child);
  }
  if (n.type === "array") n = resolve(n.items);
  if (n.type !== "enum") throw new Error(`${path.join(".")}: not an enum`);
  return n.values;
}
