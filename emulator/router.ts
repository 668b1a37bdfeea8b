import type { IncomingHttpHeaders } from "node:http";
import type { FormObject } from "./form";
import type { JsonValue } from "./json";
import type { Ctx } from "./payments";

export type ApiRequest = {
  ctx: Ctx;
  params: FormObject;
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

type Route = { method: string; re: RegExp; names: string[]; handler: Handler };

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
    this.routes.push({ method, re, names, handler });
  }

  match(
    method: string,
    path: string,
  ): { handler: Handler; params: Record<string, string> } | "method_not_allowed" | undefined {
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
      return { handler: r.handler, params };
    }
    return pathMatched ? "method_not_allowed" : undefined;
  }
}
