/**
 * Derives the emulator's API description from the pinned `stripe` package: for every `/v1` operation the emulator
 * serves, the request parameters (names, nesting, types, enums, required) and the fields of the objects it answers
 * with. Output: `emulator/schema/stripe-api.generated.json` (run `npm run stripe:schema` after bumping `stripe` or
 * adding a route; `tests/unit/stripe-schema-fresh.test.ts` fails while the file is stale).
 *
 * Sources: each `*Resource` class in `node_modules/stripe/cjs/resources/*.d.ts`, `resources/Tax/*.d.ts` and
 * `resources/V2/Core/*.d.ts` (method → params type and return type) and the matching `.js` (method →
 * `_makeRequest('<METHOD>', '<path>')`, the HTTP path).
 *
 * Rules:
 * - A union of string literals is a closed enum; with `OtherString` (`string & Record<never, never>`) or `string`
 *   in it, an open one (any string accepted, the literals listed as the known values).
 * - `''` in a parameter's union is `Emptyable<T>`: the empty string unsets the field.
 * - The declarations only say `number`. A number is an integer when its documentation or name says it is an amount
 *   in the smallest currency unit, a count, a Unix timestamp, a day/month/year, a limit or an integer; everything
 *   else (percentages, rates, decimals) stays a number. See `isInteger`.
 * - Object fields declared without `?` are always present (`| null` marks the nullable ones); fields with `?` are
 *   conditional (includable, expansion-only or depending on the account's controller) and may be absent.
 * - `string | X` where X is a top-level object is an expandable reference (an id, or X when expanded); `ApiList<X>`
 *   is a list object.
 * - Object shapes that occur more than once are stored once under `defs` and referenced as `{ "$ref": "<name>" }`.
 * - API v2 (`/v2/...`): its objects are named `V2.<dir>.<Interface>` (`V2.Core.Account`) so they never collide with
 *   v1's; `V2ListPromise<X>` answers `{ data, next_page_url, previous_page_url }` and its operation takes the `page`
 *   token `next_page_url` carries; methods on declared objects (`fetchRelatedObject()`) are not fields. v2 answers
 *   an unset or not-included optional field as null, so v2 object nodes carry `optionalNull`.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { servedOperations } from "../emulator/schema/served-routes";

const ROOT = path.resolve(__dirname, "..");
const STRIPE_DIR = path.join(ROOT, "node_modules/stripe");
const RESOURCES = path.join(STRIPE_DIR, "cjs/resources");
export const OUTPUT = path.join(ROOT, "emulator/schema/stripe-api.generated.json");
export const GENERATOR = path.join(ROOT, "scripts/stripe-schema.ts");

type Node = { [key: string]: unknown };

/** `/v1/accounts/${encodeURIComponent(id)}` → `/v1/accounts/{}`. */
function normalisePath(p: string): string {
  return p.replace(/\$\{encodeURIComponent\([a-zA-Z]+\)\}/g, "{}");
}

/** method name → `METHOD path` for each `_makeRequest` in one resource `.js` (a method may branch into two). */
function jsOperations(jsText: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const methodRe = /^ {4}([a-zA-Z]+)\([^)]*\) \{$/gm;
  const starts: { name: string; index: number }[] = [];
  let m: RegExpExecArray | null;
  while ((m = methodRe.exec(jsText)) !== null) starts.push({ name: m[1] ?? "", index: m.index });
  starts.forEach((s, i) => {
    const body = jsText.slice(s.index, starts[i + 1]?.index ?? jsText.length);
    const calls = [...body.matchAll(/_makeRequest\('([A-Z]+)', [`']([^`']+)[`']/g)].map(
      (c) => `${c[1] ?? ""} ${normalisePath(c[2] ?? "")}`,
    );
    if (calls.length > 0) out.set(s.name, calls);
  });
  return out;
}

function docOf(sym: ts.Symbol, checker: ts.TypeChecker): string {
  return ts.displayPartsToString(sym.getDocumentationComment(checker));
}

const INTEGER_DOC =
  /smallest currency unit|in cents|\bcents\b|minor unit|unix epoch|seconds since|unix timestamp|\bnumber of\b|\bcount\b|how many|\binteger\b|\bdays?\b|\bmonth\b|\byear\b|\bminutes?\b|\bhours?\b|two-digit number|four-digit number|\bzero-decimal\b|^(the )?amount\b|time at which|\btimestamp\b|date (on|at|by|after) which/i;
const INTEGER_NAME =
  /(^|_)(amount|amounts|count|limit|created|date|day|days|month|year|anchor|at|exp_month|exp_year|seconds|minutes|hours|sequence|balance|worker_count|annual_revenue|quantity|index|attempts|reached|gt|gte|lt|lte|end|start|before|until|deadline|by|on|available|pending)$|^amount_|^(bank_account|card|fpx|cash|current)$/;
const FRACTION = /percent|\brate\b|decimal|fraction|ratio/i;

/** The rule in the header: integers are documented amounts, counts, timestamps, calendar parts and limits. */
function isInteger(name: string, doc: string): boolean {
  if (FRACTION.test(name) || (/percent(age)?\b/i.test(doc) && !/cents/i.test(doc))) return false;
  return INTEGER_DOC.test(doc) || INTEGER_NAME.test(name);
}

class Generator {
  readonly program: ts.Program;
  readonly checker: ts.TypeChecker;
  readonly objects: Record<string, Node> = {};
  private pendingObjects = new Map<string, ts.Type>();
  /** Describing an API v2 shape: its optional fields are v2's nullable ones (`optionalNull`). */
  v2 = false;

  constructor(files: string[]) {
    this.program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
    });
    this.checker = this.program.getTypeChecker();
  }

  /** A top-level (not namespaced) exported interface of a resource file: becomes a named object. */
  private topLevelName(t: ts.Type): string | undefined {
    const sym = t.aliasSymbol ?? t.getSymbol();
    if (!sym || !(sym.flags & ts.SymbolFlags.Interface)) return undefined;
    const decl = sym.declarations?.[0];
    if (!decl || !ts.isSourceFile(decl.parent)) return undefined;
    const file = decl.getSourceFile().fileName;
    if (!file.includes("/cjs/resources/")) return undefined;
    const v2 = /\/cjs\/resources\/(V2(?:\/[A-Za-z]+)*)\/[A-Za-z]+\.d\.ts$/.exec(file);
    return v2 ? `${(v2[1] ?? "").replace(/\//g, ".")}.${sym.name}` : sym.name;
  }

  private isOtherString(t: ts.Type): boolean {
    return (
      !!(t.flags & ts.TypeFlags.Intersection) &&
      (t as ts.IntersectionType).types.some((x) => !!(x.flags & ts.TypeFlags.String))
    );
  }

  /** Splits a union into what the rules care about. */
  private members(t: ts.Type) {
    const all = t.isUnion() ? t.types : [t];
    let nullable = false;
    let emptyable = false;
    let open = false;
    let bool = false;
    let str = false;
    let num = false;
    const literals: string[] = [];
    const rest: ts.Type[] = [];
    for (const x of all) {
      if (x.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)) continue;
      if (x.flags & ts.TypeFlags.Null) nullable = true;
      else if (x.isStringLiteral()) {
        if (x.value === "") emptyable = true;
        else literals.push(x.value);
      } else if (x.flags & (ts.TypeFlags.BooleanLiteral | ts.TypeFlags.Boolean)) bool = true;
      else if (x.flags & ts.TypeFlags.String) str = true;
      else if (this.isOtherString(x)) open = true;
      else if (x.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) num = true;
      else rest.push(x);
    }
    return { nullable, emptyable, open, bool, str, num, literals, rest };
  }

  private arrayElement(t: ts.Type): ts.Type | undefined {
    if (this.checker.isArrayType(t)) return this.checker.getTypeArguments(t as ts.TypeReference)[0];
    return undefined;
  }

  private scalarNodes(m: ReturnType<Generator["members"]>, name: string, doc: string): Node[] {
    const out: Node[] = [];
    if (m.literals.length > 0) {
      const values = [...new Set(m.literals)].sort();
      out.push(m.open || m.str ? { type: "enum", values, open: true } : { type: "enum", values });
    } else if (m.str || m.open) out.push({ type: "string" });
    if (m.num) out.push({ type: isInteger(name, doc) ? "integer" : "number" });
    if (m.bool) out.push({ type: "boolean" });
    return out;
  }

  // ---- request parameters ----

  param(t: ts.Type, name: string, doc: string, depth: number): Node {
    if (depth > 30) throw new Error(`parameter nesting too deep at ${name}`);
    const m = this.members(t);
    const alts = this.scalarNodes(m, name, doc);
    for (const x of m.rest) {
      const sym = x.aliasSymbol ?? x.getSymbol();
      const el = this.arrayElement(x);
      if (el) alts.push({ type: "array", items: this.param(el, name, doc, depth + 1) });
      else if (sym?.name === "MetadataParam") alts.push({ type: "metadata" });
      else if (sym?.name === "Decimal") alts.push({ type: "string" });
      else alts.push(this.paramObject(x, depth));
    }
    let node: Node;
    if (alts.length === 1) node = alts[0] ?? {};
    else if (alts.length === 0) node = { type: "string" };
    else node = { type: "anyOf", anyOf: alts };
    if (m.emptyable) node = { ...node, emptyable: true };
    return node;
  }

  private paramObject(t: ts.Type, depth: number): Node {
    const properties: Record<string, Node> = {};
    const required: string[] = [];
    for (const p of this.checker.getPropertiesOfType(t)) {
      const decl = p.valueDeclaration ?? p.declarations?.[0];
      if (!decl) continue;
      const pt = this.checker.getTypeOfSymbolAtLocation(p, decl);
      properties[p.name] = this.param(pt, p.name, docOf(p, this.checker), depth + 1);
      if (!(p.flags & ts.SymbolFlags.Optional)) required.push(p.name);
    }
    const index = this.checker.getIndexInfoOfType(t, ts.IndexKind.String);
    const node: Node = { type: "object", properties: sortKeys(properties) };
    if (required.length > 0) node.required = required.sort();
    if (index) node.additional = this.param(index.type, "", "", depth + 1);
    return node;
  }

  // ---- object fields ----

  field(t: ts.Type, name: string, doc: string, depth: number): Node {
    if (depth > 30) throw new Error(`field nesting too deep at ${name}`);
    const m = this.members(t);
    const alts = this.scalarNodes(m, name, doc);
    const objects = m.rest.filter((x) => !this.arrayElement(x));
    const expandable =
      m.str && objects.length > 0 && objects.every((x) => this.topLevelName(x) !== undefined);
    if (expandable) {
      // `string | Customer | DeletedCustomer`: an id, or the object when expanded.
      return withNull(
        { type: "expandable", refs: objects.map((x) => this.topLevelName(x) ?? "").sort() },
        m.nullable,
      );
    }
    for (const x of m.rest) {
      const el = this.arrayElement(x);
      const sym = x.aliasSymbol ?? x.getSymbol();
      const top = this.topLevelName(x);
      if (el) alts.push({ type: "array", items: this.field(el, name, doc, depth + 1) });
      else if (sym?.name === "Metadata")
        alts.push({ type: "object", properties: {}, additional: { type: "string" } });
      else if (sym?.name === "ApiList") {
        const item = this.checker.getTypeArguments(x as ts.TypeReference)[0];
        alts.push({ type: "list", items: item ? this.field(item, name, doc, depth + 1) : {} });
      } else if (sym?.name === "Decimal") alts.push({ type: "string" });
      else if (top) {
        this.requireObject(top, x);
        alts.push({ type: "ref", ref: top });
      } else alts.push(this.fieldObject(x, depth));
    }
    let node: Node;
    if (alts.length === 1) node = alts[0] ?? {};
    else if (alts.length === 0) node = { type: "unknown" };
    else node = { type: "anyOf", anyOf: alts };
    return withNull(node, m.nullable);
  }

  fieldObject(t: ts.Type, depth: number): Node {
    const properties: Record<string, Node> = {};
    const optional: string[] = [];
    for (const p of this.checker.getPropertiesOfType(t)) {
      const decl = p.valueDeclaration ?? p.declarations?.[0];
      if (!decl) continue;
      const pt = this.checker.getTypeOfSymbolAtLocation(p, decl);
      if (pt.flags & ts.TypeFlags.Void) continue; // `deleted?: void` on live objects
      if (p.getName() === "lastResponse") continue;
      if (p.flags & ts.SymbolFlags.Method) continue; // `fetchRelatedObject()` on v2 events
      properties[p.name] = this.field(pt, p.name, docOf(p, this.checker), depth + 1);
      if (p.flags & ts.SymbolFlags.Optional) optional.push(p.name);
    }
    const node: Node = { type: "object", properties: sortKeys(properties) };
    if (optional.length > 0) node.optional = optional.sort();
    if (optional.length > 0 && this.v2) node.optionalNull = true;
    const index = this.checker.getIndexInfoOfType(t, ts.IndexKind.String);
    if (index) node.additional = this.field(index.type, "", "", depth + 1);
    return node;
  }

  requireObject(name: string, t: ts.Type): void {
    if (!(name in this.objects) && !this.pendingObjects.has(name)) this.pendingObjects.set(name, t);
  }

  /** Objects referenced by value (not only as expandable ids) are described too. */
  drainObjects(): void {
    for (;;) {
      const next = this.pendingObjects.entries().next();
      if (next.done) return;
      const [name, t] = next.value;
      this.pendingObjects.delete(name);
      this.v2 = name.startsWith("V2.");
      this.objects[name] = {};
      this.objects[name] = this.fieldObject(t, 0);
    }
  }
}

function withNull(node: Node, nullable: boolean): Node {
  return nullable ? { ...node, nullable: true } : node;
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Stores every object shape that occurs more than once under `defs`, so create/update/confirm share them. */
function intern(root: Node): { root: Node; defs: Record<string, Node> } {
  const counts = new Map<string, number>();
  const canon = (n: unknown): string => JSON.stringify(n);
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(visit);
    if (typeof n !== "object" || n === null) return;
    const o = n as Node;
    if (o.type === "object" && Object.keys((o.properties as Node | undefined) ?? {}).length > 1) {
      const k = canon(o);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    Object.values(o).forEach(visit);
  };
  visit(root);
  const names = new Map<string, string>();
  const defs: Record<string, Node> = {};
  const rewrite = (n: unknown): unknown => {
    if (Array.isArray(n)) return n.map(rewrite);
    if (typeof n !== "object" || n === null) return n;
    const o = n as Node;
    const k = o.type === "object" ? canon(o) : undefined;
    if (k !== undefined && (counts.get(k) ?? 0) > 1) {
      let name = names.get(k);
      if (!name) {
        name = createHash("sha256").update(k).digest("hex").slice(0, 10);
        names.set(k, name);
        defs[name] = Object.fromEntries(Object.entries(o).map(([key, v]) => [key, rewrite(v)]));
      }
      return { $ref: name };
    }
    return Object.fromEntries(Object.entries(o).map(([key, v]) => [key, rewrite(v)]));
  };
  return { root: rewrite(root) as Node, defs: sortKeys(defs) };
}

/** The inputs whose content the committed file's `inputsHash` covers. */
export function inputsHash(inputs: string[], served: string[]): string {
  const h = createHash("sha256");
  const version = (
    JSON.parse(readFileSync(path.join(STRIPE_DIR, "package.json"), "utf8")) as { version: string }
  ).version;
  h.update(`stripe@${version}\n`);
  for (const f of [GENERATOR, ...inputs.map((i) => path.join(STRIPE_DIR, i))]) {
    h.update(`${path.relative(ROOT, f)}\n`);
    h.update(readFileSync(f));
  }
  h.update(served.join("\n"));
  return h.digest("hex");
}

function main(): void {
  const served = servedOperations();
  const wanted = new Set(served);
  const ops: Record<string, { resource: string; method: string; params: Node; returns: Node }> = {};
  // Which resource files define the served operations.
  const hits: { file: string; method: string; key: string }[] = [];
  // A method whose body branches (`retrieve` of a named or the current account) counts only for a path no
  // single-path method has (`retrieveCurrent` describes `GET /v1/account`).
  const branched: typeof hits = [];
  const resourceFiles = [
    ...ts.sys.readDirectory(RESOURCES, [".js"], undefined, undefined, 1),
    ...ts.sys.readDirectory(path.join(RESOURCES, "V2/Core"), [".js"], undefined, undefined, 1),
    ...ts.sys.readDirectory(path.join(RESOURCES, "Tax"), [".js"], undefined, undefined, 1),
  ];
  for (const f of resourceFiles) {
    for (const [method, keys] of jsOperations(readFileSync(f, "utf8")))
      for (const key of keys)
        if (wanted.has(key)) (keys.length === 1 ? hits : branched).push({ file: f, method, key });
  }
  for (const b of branched) if (!hits.some((h) => h.key === b.key)) hits.push(b);
  const missingOps = served.filter((k) => !hits.some((h) => h.key === k));
  if (missingOps.length > 0) throw new Error(`No stripe-node method for: ${missingOps.join(", ")}`);
  const dtsFiles = [...new Set(hits.map((h) => h.file.replace(/\.js$/, ".d.ts")))].sort();
  const gen = new Generator(dtsFiles);
  const checker = gen.checker;
  for (const hit of hits) {
    const sf = gen.program.getSourceFile(hit.file.replace(/\.js$/, ".d.ts"));
    if (!sf) throw new Error(`cannot load ${hit.file}`);
    let found: ts.MethodDeclaration | undefined;
    sf.forEachChild((n) => {
      if (ts.isClassDeclaration(n) && n.name?.text.endsWith("Resource"))
        for (const mem of n.members)
          if (ts.isMethodDeclaration(mem) && mem.name.getText(sf) === hit.method && !found) found = mem;
    });
    if (!found) throw new Error(`${hit.method} not declared in ${sf.fileName}`);
    const paramsDecl = found.parameters.find((p) => p.name.getText(sf) === "params");
    const params = paramsDecl?.type
      ? gen.param(checker.getTypeFromTypeNode(paramsDecl.type), "", "", 0)
      : { type: "object", properties: {} };
    // `Promise<Response<X>>` or `ApiListPromise<X>`.
    let rt = found.type;
    let list = false;
    let v2List = false;
    while (rt && ts.isTypeReferenceNode(rt) && rt.typeArguments?.length) {
      if (rt.typeName.getText(sf) === "ApiListPromise") list = true;
      if (rt.typeName.getText(sf) === "V2ListPromise") v2List = true;
      rt = rt.typeArguments[0];
    }
    if (!rt) throw new Error(`${hit.method}: no return type`);
    gen.v2 = hit.key.includes(" /v2/");
    const item = gen.field(checker.getTypeFromTypeNode(rt), "", "", 0);
    const returns = list
      ? { type: "list", items: item }
      : v2List
        ? {
            type: "object",
            properties: {
              data: { type: "array", items: item },
              next_page_url: { type: "string", nullable: true },
              previous_page_url: { type: "string", nullable: true },
            },
          }
        : item;
    if (v2List && params.type === "object")
      params.properties = sortKeys({
        ...(params.properties as Record<string, Node>),
        page: { type: "string" },
      });
    const resource = path.relative(RESOURCES, hit.file).replace(/\.js$/, "");
    if (ops[hit.key]) throw new Error(`two stripe-node methods for ${hit.key}`);
    ops[hit.key] = { resource, method: hit.method, params, returns };
  }
  gen.drainObjects();
  const inputs = [
    "package.json",
    "cjs/shared.d.ts",
    "cjs/lib.d.ts",
    ...gen.program
      .getSourceFiles()
      .map((s) => s.fileName)
      .filter((f) => f.startsWith(RESOURCES))
      .flatMap((f) => [f, f.replace(/\.d\.ts$/, ".js")])
      .map((f) => path.relative(STRIPE_DIR, f)),
  ]
    .filter((f, i, a) => a.indexOf(f) === i)
    .sort();
  const { root, defs } = intern({ operations: sortKeys(ops), objects: sortKeys(gen.objects) });
  const out = {
    comment: "Generated by scripts/stripe-schema.ts from the pinned stripe package. Do not edit.",
    stripeVersion: (
      JSON.parse(readFileSync(path.join(STRIPE_DIR, "package.json"), "utf8")) as { version: string }
    ).version,
    inputsHash: inputsHash(inputs, served),
    inputs,
    served,
    ...root,
    defs,
  };
  writeFileSync(OUTPUT, JSON.stringify(out) + "\n");
  console.log(
    `wrote ${path.relative(ROOT, OUTPUT)}: ${Object.keys(ops).length} operations, ${Object.keys(gen.objects).length} objects, ${Object.keys(defs).length} shared shapes`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) main();
