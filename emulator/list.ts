import type { Collection, Listed } from "./collection";
import { invalid } from "./errors";
import { list, type StripeList } from "./objects";
import type Stripe from "stripe";

export type Range = Stripe.RangeQueryParam | number;

export function inRange(value: number, r: Range | undefined): boolean {
  if (r === undefined) return true;
  if (typeof r === "number") return value === r;
  if (r.gt !== undefined && !(value > r.gt)) return false;
  if (r.gte !== undefined && !(value >= r.gte)) return false;
  if (r.lt !== undefined && !(value < r.lt)) return false;
  if (r.lte !== undefined && !(value <= r.lte)) return false;
  return true;
}

export type ListParams = Stripe.PaginationParams;

/** Stripe cursor pagination over a collection (newest first). */
export function listCollection<T extends Listed>(
  coll: Collection<T>,
  p: ListParams,
  url: string,
  filter: (item: T) => boolean = () => true,
): StripeList<T> {
  const limit = p.limit ?? 10;
  if (limit < 1 || limit > 100)
    throw invalid("This value must be greater than or equal to 1 and less than or equal to 100.", "limit");
  if (p.starting_after && p.ending_before)
    throw invalid(
      "You may only specify one of these parameters: ending_before, starting_after.",
      "ending_before",
    );
  const out: T[] = [];
  if (p.ending_before) {
    const idx = coll.indexOf(p.ending_before);
    if (idx < 0) throw invalid(`No such object: '${p.ending_before}'`, "ending_before", "resource_missing");
    for (const item of coll.ascending(idx)) {
      if (!filter(item)) continue;
      out.push(item);
      if (out.length > limit) break;
    }
    const hasMore = out.length > limit;
    return list(out.slice(0, limit).reverse(), url, hasMore);
  }
  let from: number | undefined;
  if (p.starting_after) {
    from = coll.indexOf(p.starting_after);
    if (from < 0)
      throw invalid(`No such object: '${p.starting_after}'`, "starting_after", "resource_missing");
  }
  for (const item of coll.descending(from)) {
    if (!filter(item)) continue;
    out.push(item);
    if (out.length > limit) break;
  }
  const hasMore = out.length > limit;
  return list(out.slice(0, limit), url, hasMore);
}
