import { randomBytes } from "node:crypto";

/** Short, URL-safe, prefixed ids (`ten_…`, `mem_…`), in the spirit of Stripe's. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString("base64url")}`;
}
