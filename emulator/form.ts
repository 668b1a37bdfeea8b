import { invalid } from "./errors";

/** Decoded form value: strings nested in objects and arrays, as Stripe's bracket syntax allows. */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    throw invalid("Invalid URL-encoded request body.");
  }
}

/** Splits `a[b][]` into ["a", "b", ""]. */
function segments(key: string): string[] {
  const open = key.indexOf("[");
  if (open <= 0) return [key];
  const parts = [key.slice(0, open)];
  const re = /\[([^\]]*)\]/g;
  let m: RegExpExecArray | null;
  let last = open;
  while ((m = re.exec(key)) !== null) {
    if (m.index !== last) throw invalid(`Invalid parameter name: ${key}`);
    parts.push(m[1] ?? "");
    last = re.lastIndex;
  }
  if (last !== key.length) throw invalid(`Invalid parameter name: ${key}`);
  return parts;
}

function assign(target: FormObject | FormValue[], path: string[], value: string, fullKey: string): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (Array.isArray(target)) {
    if (head !== "") throw invalid(`Invalid array: ${fullKey}`);
    if (rest.length === 0) {
      target.push(value);
      return;
    }
    // `a[][b]=1`: each new `b` starts a new element, as Rack/qs do.
    const lastEl = target[target.length - 1];
    const nextKey = rest[0] ?? "";
    if (
      lastEl !== undefined &&
      typeof lastEl === "object" &&
      !Array.isArray(lastEl) &&
      !(nextKey in lastEl)
    ) {
      assign(lastEl, rest, value, fullKey);
    } else {
      const el: FormObject = {};
      target.push(el);
      assign(el, rest, value, fullKey);
    }
    return;
  }
  if (rest.length === 0) {
    if (head in target && typeof target[head] !== "string") throw invalid(`Invalid parameter: ${fullKey}`);
    target[head] = value;
    return;
  }
  const wantArray = rest[0] === "";
  let child = target[head];
  if (child === undefined) {
    child = wantArray ? [] : {};
    target[head] = child;
  }
  if (typeof child === "string") throw invalid(`Invalid parameter: ${fullKey}`);
  if (wantArray !== Array.isArray(child)) throw invalid(`Invalid array: ${fullKey}`);
  assign(child, rest, value, fullKey);
}

/** Parses `application/x-www-form-urlencoded` (body or query string) into nested objects. */
export function parseForm(text: string): FormObject {
  const out: FormObject = {};
  if (!text) return out;
  for (const pair of text.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? "" : pair.slice(eq + 1);
    const key = decode(rawKey);
    assign(out, segments(key), decode(rawValue), key);
  }
  return out;
}
