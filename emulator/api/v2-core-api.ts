/** API v2 `/v2/core/*`: Accounts, Account Links, Event Destinations and Events. */
import type Stripe from "stripe";
import { applyAccountInput, mutateAccount, newAccountRecord } from "../accounts";
import { StripeError, invalid, missing } from "../errors";
import { newId, now, randomChars } from "../ids";
import type { JsonObject } from "../json";
import { paramsAs, type ApiRequest, type Router } from "../router";
import { echoParams, mergeGiven } from "../schema/echo-params";
import {
  accountRelated,
  appliedConfigurations,
  iso,
  renderV2Account,
  v2Controller,
  v2Input,
  V2_TRANSLATED,
  type Configuration,
} from "../v2/account-v2";
import { renderThinEvent } from "../v2/thin-events";
import { pageState, v2Page } from "../v2/v2-list";
import type { EventDestinationRecord, WebhookDispatcher } from "../webhooks";
import { connectedAccount } from "./accounts-api";

function platformOnly(req: ApiRequest, what: string): void {
  if (req.onBehalf)
    throw new StripeError(403, {
      type: "permission_error",
      message: `Only the platform can ${what}.`,
    });
}

function openAccount(req: ApiRequest, id: string) {
  const rec = connectedAccount(req, id);
  if (rec.v2?.closed)
    throw new StripeError(400, {
      type: "invalid_request_error",
      code: "account_closed",
      message: `The account '${rec.id}' is closed and can no longer be changed.`,
    });
  return rec;
}

/** The account's v2 facts, starting from what its v1 capabilities amount to for a v1-created account. */
function ensureV2(rec: ReturnType<typeof connectedAccount>) {
  if (!rec.v2) {
    const applied = appliedConfigurations(rec);
    rec.v2 = {
      configurations: {
        customer: applied.includes("customer"),
        merchant: applied.includes("merchant"),
        recipient: applied.includes("recipient"),
      },
      locales: [],
      closed: false,
    };
  }
  return rec.v2;
}

export function registerV2CoreRoutes(r: Router, dispatcher: WebhookDispatcher): void {
  // ---------- Accounts ----------
  r.on("POST", "/v2/core/accounts", (req) => {
    platformOnly(req, "create accounts");
    const p = paramsAs<Stripe.V2.Core.AccountCreateParams>(req);
    const { input, configurations, locales } = v2Input(p);
    const rec = newAccountRecord({
      ...(p.identity?.country ? { country: p.identity.country } : {}),
      controller: v2Controller(p.dashboard, p.defaults?.responsibilities),
    });
    rec.v2 = {
      configurations: {
        customer: configurations.customer ?? false,
        merchant: configurations.merchant ?? false,
        recipient: configurations.recipient ?? false,
      },
      locales: locales ?? [],
      closed: false,
      given: echoParams("V2.Core.Account", req.params, V2_TRANSLATED),
    };
    applyAccountInput(rec, input);
    const { state } = req.ctx;
    state.accounts.add(rec);
    state.dirty = true;
    state.emitThin("v2.core.account.created", { related: accountRelated(rec) });
    return renderV2Account(rec, p.include ?? []);
  });

  r.on("GET", "/v2/core/accounts", (req) => {
    platformOnly(req, "list its accounts");
    const p = paramsAs<Stripe.V2.Core.AccountListParams & { page?: string }>(req);
    const page = pageState(p, {
      ...(p.applied_configurations ? { applied_configurations: p.applied_configurations } : {}),
      ...(p.closed !== undefined ? { closed: p.closed } : {}),
    });
    const wanted = page.filters.applied_configurations as Configuration[] | undefined;
    const closed = page.filters.closed === true;
    const items = [...req.ctx.state.accounts.descending()].filter(
      (a) =>
        (a.v2?.closed ?? false) === closed &&
        (!wanted || appliedConfigurations(a).some((c) => wanted.includes(c))),
    );
    return v2Page(items, page, "/v2/core/accounts", (a) => renderV2Account(a));
  });

  r.on("GET", "/v2/core/accounts/:id", (req) => {
    const p = paramsAs<Stripe.V2.Core.AccountRetrieveParams>(req);
    return renderV2Account(connectedAccount(req, req.path.id ?? ""), p.include ?? []);
  });

  r.on("POST", "/v2/core/accounts/:id", (req) => {
    const rec = openAccount(req, req.path.id ?? "");
    const p = paramsAs<Stripe.V2.Core.AccountUpdateParams>(req);
    const { input, configurations, locales } = v2Input(p);
    mutateAccount(req.ctx.state, rec, () => {
      const facts = ensureV2(rec);
      for (const [c, on] of Object.entries(configurations)) facts.configurations[c as Configuration] = on;
      if (locales) facts.locales = locales;
      facts.given = mergeGiven(facts.given ?? {}, echoParams("V2.Core.Account", req.params, V2_TRANSLATED));
      if (p.dashboard || p.defaults?.responsibilities) {
        const next = v2Controller(p.dashboard ?? rec.controller.dashboard, {
          fees_collector: rec.controller.fees_payer === "account" ? "stripe" : rec.controller.fees_payer,
          losses_collector: rec.controller.losses_payments,
          ...p.defaults?.responsibilities,
        });
        rec.controller = next;
      }
      applyAccountInput(rec, input);
    });
    return renderV2Account(rec, p.include ?? []);
  });

  r.on("POST", "/v2/core/accounts/:id/close", (req) => {
    platformOnly(req, "close accounts");
    const rec = openAccount(req, req.path.id ?? "");
    if (rec.id === req.ctx.state.platform.id) throw invalid("You cannot close the platform account.");
    const p = paramsAs<Stripe.V2.Core.AccountCloseParams>(req);
    const applied = appliedConfigurations(rec);
    if (p.applied_configurations) {
      const missingConfig = applied.find((c) => !p.applied_configurations?.includes(c));
      if (missingConfig)
        throw invalid(
          `All configurations applied to the account must be passed in applied_configurations; '${missingConfig}' is missing.`,
          "applied_configurations",
          "invalid_value",
        );
    }
    const facts = ensureV2(rec);
    facts.closed = true;
    req.ctx.state.dirty = true;
    req.ctx.state.emitThin("v2.core.account.closed", { related: accountRelated(rec) });
    return renderV2Account(rec);
  });

  // ---------- Account links: the emulator's hosted onboarding page ----------
  r.on("POST", "/v2/core/account_links", (req) => {
    platformOnly(req, "create account links");
    const p = paramsAs<Stripe.V2.Core.AccountLinkCreateParams>(req);
    const rec = req.ctx.state.accounts.get(p.account);
    if (!rec) throw missing("account", p.account, "account");
    if (rec.v2?.closed) throw invalid(`The account '${rec.id}' is closed.`, "account", "invalid_value");
    const useCase = p.use_case;
    const details = useCase.type === "account_update" ? useCase.account_update : useCase.account_onboarding;
    if (!details)
      throw invalid(
        `Missing required field: use_case.${useCase.type}.`,
        `use_case[${useCase.type}]`,
        "parameter_missing",
      );
    const token = randomChars(24);
    const created = now();
    const expires = created + 300;
    req.ctx.state.accountLinks.set(token, {
      account: rec.id,
      return_url: details.return_url ?? "",
      refresh_url: details.refresh_url,
      expires_at: expires,
      v2: { use_case: useCase.type, configurations: appliedConfigurations(rec) },
    });
    const link: JsonObject = {
      object: "v2.core.account_link",
      account: rec.id,
      created: iso(created),
      expires_at: iso(expires),
      livemode: false,
      url: `${req.baseUrl}/_sandbox/onboarding/${token}`,
      use_case: {
        type: useCase.type,
        [useCase.type]: {
          ...(details.collection_options
            ? { collection_options: details.collection_options as JsonObject }
            : {}),
          refresh_url: details.refresh_url,
          ...(details.return_url ? { return_url: details.return_url } : {}),
        },
      },
    };
    return link;
  });

  // ---------- Event destinations ----------
  const destination = (id: string): EventDestinationRecord => {
    const d = dispatcher.destinations.find((x) => x.id === id);
    if (!d) throw missing("event destination", id, "id");
    return d;
  };
  const renderDestination = (d: EventDestinationRecord, include: readonly string[] = []): JsonObject => ({
    id: d.id,
    object: "v2.core.event_destination",
    created: iso(d.created),
    description: d.description,
    enabled_events: d.enabled_events,
    event_payload: d.event_payload,
    events_from: d.events_from,
    livemode: false,
    metadata: d.metadata,
    name: d.name,
    ...(d.snapshot_api_version ? { snapshot_api_version: d.snapshot_api_version } : {}),
    status: d.status,
    ...(d.status === "disabled" ? { status_details: { disabled: { reason: "user" } } } : {}),
    type: "webhook_endpoint",
    updated: iso(d.updated),
    webhook_endpoint: {
      ...(include.includes("webhook_endpoint.signing_secret") ? { signing_secret: d.secret } : {}),
      ...(include.includes("webhook_endpoint.url") ? { url: d.url } : {}),
    },
  });

  r.on("POST", "/v2/core/event_destinations", (req) => {
    platformOnly(req, "manage event destinations");
    const p = paramsAs<Stripe.V2.Core.EventDestinationCreateParams>(req);
    if (p.type !== "webhook_endpoint")
      throw invalid(
        "The sandbox delivers to webhook endpoints only (type: webhook_endpoint).",
        "type",
        "invalid_value",
      );
    if (!p.webhook_endpoint?.url)
      throw invalid(
        "Missing required field: webhook_endpoint.url.",
        "webhook_endpoint[url]",
        "parameter_missing",
      );
    const created = now();
    const d = addDestination(dispatcher, {
      name: p.name,
      description: p.description ?? "",
      url: p.webhook_endpoint.url,
      enabled_events: p.enabled_events,
      event_payload: p.event_payload,
      events_from: p.events_from ?? ["self"],
      metadata: stringMetadata(p.metadata),
      snapshot_api_version: p.event_payload === "snapshot" ? (p.snapshot_api_version ?? null) : null,
      created,
    });
    return renderDestination(d, p.include ?? []);
  });

  r.on("GET", "/v2/core/event_destinations", (req) => {
    platformOnly(req, "manage event destinations");
    const p = paramsAs<Stripe.V2.Core.EventDestinationListParams & { page?: string }>(req);
    const page = pageState(p, { include: p.include ?? [] });
    const include = (page.filters.include as string[] | undefined) ?? [];
    return v2Page([...dispatcher.destinations].reverse(), page, "/v2/core/event_destinations", (d) =>
      renderDestination(d, include),
    );
  });

  r.on("GET", "/v2/core/event_destinations/:id", (req) => {
    const p = paramsAs<Stripe.V2.Core.EventDestinationRetrieveParams>(req);
    return renderDestination(destination(req.path.id ?? ""), p.include ?? []);
  });

  r.on("POST", "/v2/core/event_destinations/:id", (req) => {
    const d = destination(req.path.id ?? "");
    const p = paramsAs<Stripe.V2.Core.EventDestinationUpdateParams>(req);
    if (p.name !== undefined) d.name = p.name;
    if (p.description !== undefined) d.description = p.description;
    if (p.enabled_events) d.enabled_events = p.enabled_events;
    if (p.webhook_endpoint?.url) d.url = p.webhook_endpoint.url;
    if (p.metadata) {
      for (const [k, v] of Object.entries(p.metadata)) {
        if (v === null || v === "") delete d.metadata[k];
        else d.metadata[k] = String(v);
      }
    }
    d.updated = now();
    return renderDestination(d, p.include ?? []);
  });

  r.on("DELETE", "/v2/core/event_destinations/:id", (req) => {
    const d = destination(req.path.id ?? "");
    dispatcher.destinations = dispatcher.destinations.filter((x) => x.id !== d.id);
    return { id: d.id, object: "v2.core.event_destination" };
  });

  for (const action of ["enable", "disable"] as const)
    r.on("POST", `/v2/core/event_destinations/:id/${action}`, (req) => {
      const d = destination(req.path.id ?? "");
      d.status = action === "enable" ? "enabled" : "disabled";
      d.updated = now();
      return renderDestination(d);
    });

  r.on("POST", "/v2/core/event_destinations/:id/ping", (req) => {
    const d = destination(req.path.id ?? "");
    const event = req.ctx.state.recordThin("v2.core.event_destination.ping", {
      related: { id: d.id, type: "v2.core.event_destination", url: `/v2/core/event_destinations/${d.id}` },
    });
    dispatcher.dispatchThin(event, d);
    return renderThinEvent(event);
  });

  // ---------- Events ----------
  r.on("GET", "/v2/core/events", (req) => {
    const p = paramsAs<Stripe.V2.Core.EventListParams & { page?: string }>(req);
    const page = pageState(p, {
      ...(p.object_id ? { object_id: p.object_id } : {}),
      ...(p.types ? { types: p.types } : {}),
      ...(p.created ? { created: p.created } : {}),
    });
    const f = page.filters as { object_id?: string; types?: string[]; created?: Stripe.RangeQueryParam };
    const context = req.onBehalf ? req.ctx.accountId : undefined;
    const items = [...req.ctx.state.v2Events.values()]
      .filter(
        (e) =>
          e.context === context &&
          (!f.object_id || e.related_object?.id === f.object_id) &&
          (!f.types || f.types.includes(e.type)) &&
          inCreated(e.createdUnix, f.created),
      )
      .reverse();
    return v2Page(items, page, "/v2/core/events", renderThinEvent);
  });

  r.on("GET", "/v2/core/events/:id", (req) => {
    const e = req.ctx.state.v2Events.get(req.path.id ?? "");
    const context = req.onBehalf ? req.ctx.accountId : undefined;
    if (!e || e.context !== context) throw missing("event", req.path.id ?? "", "id");
    return renderThinEvent(e);
  });
}

function inCreated(t: number, r: Stripe.RangeQueryParam | undefined): boolean {
  if (!r) return true;
  const v = (x: unknown) => (typeof x === "string" ? Math.floor(Date.parse(x) / 1000) : Number(x));
  if (r.gt !== undefined && !(t > v(r.gt))) return false;
  if (r.gte !== undefined && !(t >= v(r.gte))) return false;
  if (r.lt !== undefined && !(t < v(r.lt))) return false;
  if (r.lte !== undefined && !(t <= v(r.lte))) return false;
  return true;
}

function stringMetadata(m: Stripe.MetadataParam | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m ?? {})) if (v !== null && v !== "") out[k] = String(v);
  return out;
}

/** Adds a destination with a fresh signing secret (the API's create, the control API and the CLI's environment). */
export function addDestination(
  dispatcher: WebhookDispatcher,
  p: {
    name: string;
    description?: string;
    url: string;
    secret?: string;
    enabled_events: string[];
    event_payload: "thin" | "snapshot";
    events_from?: string[];
    metadata?: Record<string, string>;
    snapshot_api_version?: string | null;
    created?: number;
  },
): EventDestinationRecord {
  const created = p.created ?? now();
  const d: EventDestinationRecord = {
    id: newId("ed"),
    name: p.name,
    description: p.description ?? "",
    url: p.url,
    secret: p.secret ?? `whsec_${randomChars(32)}`,
    enabled_events: p.enabled_events,
    event_payload: p.event_payload,
    events_from: p.events_from ?? ["self"],
    status: "enabled",
    metadata: p.metadata ?? {},
    snapshot_api_version: p.snapshot_api_version ?? null,
    created,
    updated: created,
  };
  dispatcher.destinations.push(d);
  return d;
}
