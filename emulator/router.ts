import type { IncomingHttpHeaders } from "node:http";
import type { JsonValue } from "./json";
import type { Ctx } from "./payments";
import type { ValidParams } from "./schema/validate-params";

export type ApiRequest = {
  ctx: Ctx;
  /** The request's params, validated against the operation's generated parameters and coerced to their types. */
  params: ValidParams;
  path: Record<string, string>;
  /** Request path without the query string, used as a list's `url`. */
  url: string;
  method: string;
  headers: IncomingHttpHeaders;
  /** True when the call carries a `Stripe-Account` header. */
  onBehalf: boolean;
  baseUrl: string;
};
export type Handler = (req: ApiRequest) => JsonValue;

type Route = { method: string; pattern: string; re: RegExp; names: string[]; handler: Handler };

export class Router {
  private routes: Route[] = [];

  on(method: string, pattern: string, handler: Handler): void {
    const names: string[] = [];
    const re = new RegExp(
      "^" +
        pattern.replace(/:([a-z_]+)/g, (_m, name: string) => {
          names.push(name);
          return "([^/]+)";
        }) +
        "$",
    );
    this.routes.push({ method, pattern, re, names, handler });
  }

  /** Every registered `METHOD pattern`, in registration order. */
  list(): { method: string; pattern: string }[] {
    return this.routes.map(({ method, pattern }) => ({ method, pattern }));
  }

  match(
    method: string,
    path: string,
  ):
    { handler: Handler; pattern: string; params: Record<string, string> } | "method_not_allowed" | undefined {
    let pathMatched = false;
    for (const r of this.routes) {
      const m = r.re.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (r.method !== method) continue;
      const params: Record<string, string> = {};
      r.names.forEach((n, i) => {
        params[n] = decodeURIComponent(m[i + 1] ?? "");
      });
      return { handler: r.handler, pattern: r.pattern, params };
    }
    return pathMatched ? "method_not_allowed" : undefined;
  }
}

/**
 * The validated params as the stripe package's type for the operation (e.g. `Stripe.PayoutCreateParams`): the
 * generated description they were checked against is derived from the same declarations.
 */
export function paramsAs<T>(req: ApiRequest): T {
  return req.params as T;
}
