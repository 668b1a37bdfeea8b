/**
 * API v2 list paging: `{ data, next_page_url, previous_page_url }`. The `page` token carries the position and the
 * first request's filters and limit, so following `next_page_url` as given (what stripe-node's auto-paging does)
 * answers the next page of the same list.
 */
import { invalid } from "../errors";
import type { JsonValue } from "../json";

type PageState = { offset: number; limit: number; filters: Record<string, unknown> };

function encode(s: PageState): string {
  return Buffer.from(JSON.stringify(s)).toString("base64url");
}

function decode(token: string): PageState {
  try {
    const s = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as Partial<PageState>;
    if (
      typeof s.offset === "number" &&
      typeof s.limit === "number" &&
      typeof s.filters === "object" &&
      s.filters
    )
      return { offset: s.offset, limit: s.limit, filters: s.filters };
  } catch {
    // Falls through to the refusal below.
  }
  throw invalid("The page token is not valid.", "page", "invalid_value");
}

/**
 * The list's state: from the `page` token when following one, otherwise from the request's limit and filters.
 * `filters` are what the caller filters on (passed back so the page knows them).
 */
export function pageState(p: { limit?: number; page?: string }, filters: Record<string, unknown>): PageState {
  if (p.page) return decode(p.page);
  const limit = p.limit ?? 10;
  if (limit < 1 || limit > 100) throw invalid("limit must be between 1 and 100.", "limit", "invalid_value");
  return { offset: 0, limit, filters };
}

/** One page of `items` (already filtered and in list order). */
export function v2Page<T>(
  items: T[],
  state: PageState,
  path: string,
  render: (item: T) => JsonValue,
): { data: JsonValue[]; next_page_url: string | null; previous_page_url: string | null } {
  const { offset, limit } = state;
  const data = items.slice(offset, offset + limit).map(render);
  const next = offset + limit < items.length ? encode({ ...state, offset: offset + limit }) : null;
  const prev = offset > 0 ? encode({ ...state, offset: Math.max(0, offset - limit) }) : null;
  return {
    data,
    next_page_url: next ? `${path}?page=${next}` : null,
    previous_page_url: prev ? `${path}?page=${prev}` : null,
  };
}
