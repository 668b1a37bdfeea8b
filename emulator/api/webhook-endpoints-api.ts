import type Stripe from "stripe";
import { invalid, missing, StripeError } from "../errors";
import { newId, now, randomChars } from "../ids";
import type { JsonObject } from "../json";
import { list } from "../objects";
import { paramsAs, type Router } from "../router";
import { echoInto } from "../schema/echo-params";
import type { WebhookDispatcher } from "../webhooks";

type Endpoint = {
  id: string;
  object: "webhook_endpoint";
  api_version: string | null;
  application: null;
  created: number;
  description: string | null;
  enabled_events: string[];
  livemode: false;
  metadata: Record<string, string>;
  status: "enabled" | "disabled";
  url: string;
  connect: boolean;
  secret: string;
};

function checkUrl(url: string): void {
  if (!/^https?:\/\//.test(url))
    throw invalid("Invalid URL: URL must be publicly accessible.", "url", "url_invalid");
}

/** Stripe's `/v1/webhook_endpoints`, backed by the same dispatcher as the control API's endpoints. */
export function registerWebhookEndpointRoutes(r: Router, dispatcher: WebhookDispatcher): void {
  const endpoints = new Map<string, Endpoint>();
  // Every id ever managed here, so deleted endpoints also leave the dispatcher.
  const managed = new Set<string>();
  const view = (e: Endpoint, withSecret = false): JsonObject => {
    const { secret, connect: _connect, ...rest } = e;
    return withSecret ? { ...rest, secret } : { ...rest };
  };
  const sync = () => {
    for (const id of endpoints.keys()) managed.add(id);
    const others = dispatcher.endpoints.filter((e) => !managed.has(e.id));
    dispatcher.endpoints = others;
    for (const e of endpoints.values())
      if (e.status === "enabled")
        dispatcher.addEndpoint(
          { url: e.url, secret: e.secret, connect: e.connect, enabledEvents: e.enabled_events },
          e.id,
        );
  };
  const platformOnly = (onBehalf: boolean) => {
    if (onBehalf)
      throw new StripeError(403, {
        type: "invalid_request_error",
        message: "Webhook endpoints belong to the platform.",
      });
  };

  r.on("POST", "/v1/webhook_endpoints", (req) => {
    platformOnly(req.onBehalf);
    const p = paramsAs<Stripe.WebhookEndpointCreateParams>(req);
    checkUrl(p.url);
    const e: Endpoint = {
      id: newId("we"),
      object: "webhook_endpoint",
      api_version: null,
      application: null,
      created: now(),
      description: null,
      enabled_events: p.enabled_events,
      livemode: false,
      metadata: {},
      status: "enabled",
      url: p.url,
      connect: p.connect ?? false,
      secret: `whsec_${randomChars(32)}`,
    };
    echoInto("WebhookEndpoint", e, req.params);
    endpoints.set(e.id, e);
    sync();
    return view(e, true);
  });
  r.on("GET", "/v1/webhook_endpoints", (req) => {
    platformOnly(req.onBehalf);
    const p = paramsAs<Stripe.WebhookEndpointListParams>(req);
    const all = [...endpoints.values()].reverse();
    const limit = p.limit ?? 10;
    return list(
      all.slice(0, limit).map((e) => view(e)),
      "/v1/webhook_endpoints",
      all.length > limit,
    );
  });
  r.on("GET", "/v1/webhook_endpoints/:id", (req) => {
    platformOnly(req.onBehalf);
    const e = endpoints.get(req.path.id ?? "");
    if (!e) throw missing("webhook endpoint", req.path.id ?? "", "id");
    return view(e);
  });
  r.on("POST", "/v1/webhook_endpoints/:id", (req) => {
    platformOnly(req.onBehalf);
    const e = endpoints.get(req.path.id ?? "");
    if (!e) throw missing("webhook endpoint", req.path.id ?? "", "id");
    const p = paramsAs<Stripe.WebhookEndpointUpdateParams>(req);
    if (p.url !== undefined) checkUrl(p.url);
    if (p.disabled !== undefined) e.status = p.disabled ? "disabled" : "enabled";
    echoInto("WebhookEndpoint", e, req.params);
    sync();
    return view(e);
  });
  r.on("DELETE", "/v1/webhook_endpoints/:id", (req) => {
    platformOnly(req.onBehalf);
    const e = endpoints.get(req.path.id ?? "");
    if (!e) throw missing("webhook endpoint", req.path.id ?? "", "id");
    endpoints.delete(e.id);
    sync();
    return { id: e.id, object: "webhook_endpoint", deleted: true };
  });
}
