import type Stripe from "stripe";
import { checkPreviewVersion, resolveComponents } from "../account-sessions";
import { invalid, missing } from "../errors";
import { newId, now, randomChars } from "../ids";
import { toJsonObject, type JsonObject } from "../json";
import { inRange, listCollection } from "../list";
import { newCustomer, type Customer } from "../objects";
import { resolvePaymentMethod } from "../payments";
import { paramsAs, type Router } from "../router";
import { echoInto } from "../schema/echo-params";
import { listRoute, pathObject, retrieveRoute, type PickCollection } from "./route-helpers";

function checkEmail(email: string | undefined): void {
  if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
    throw invalid(`Invalid email address: ${email}`, "email", "email_invalid");
}

const customers: PickCollection<Customer> = (d) => d.customers;

export function registerCoreRoutes(r: Router): void {
  r.on("POST", "/v1/account_sessions", (req) => {
    const { state, config } = req.ctx;
    const p = paramsAs<Stripe.AccountSessionCreateParams>(req);
    const rec = state.accounts.get(p.account);
    if (!rec || req.onBehalf) throw invalid(`No such account: '${p.account}'`, "account", "resource_missing");
    const version = req.headers["stripe-version"];
    checkPreviewVersion({ ...p.components }, Array.isArray(version) ? version[0] : version);
    const components = resolveComponents(rec, { ...p.components });
    const session = {
      account: rec.id,
      client_secret: `accs_secret__${randomChars(48)}`,
      components,
      expires_at: now() + config.accountSessionTtlSeconds,
      claimed: false,
    };
    state.accountSessions.set(session.client_secret, session);
    state.dirty = true;
    const body: JsonObject = {
      object: "account_session",
      account: session.account,
      client_secret: session.client_secret,
      components,
      expires_at: session.expires_at,
      livemode: false,
    };
    return body;
  });

  r.on("POST", "/v1/customers", (req) => {
    const p = paramsAs<Stripe.CustomerCreateParams>(req);
    checkEmail(p.email);
    const id = newId("cus", 14);
    const c = newCustomer({ id, created: now(), invoice_prefix: randomChars(8).toUpperCase() });
    echoInto("Customer", c, req.params);
    if (p.payment_method) {
      const pm = resolvePaymentMethod(req.ctx, p.payment_method);
      pm.customer = id;
    }
    req.ctx.state.dataFor(req.ctx.accountId).customers.add(c);
    req.ctx.state.emit(req.ctx.accountId, "customer.created", c);
    return c;
  });

  listRoute(r, "/v1/customers", customers, ["email"]);
  retrieveRoute(r, "/v1/customers", customers, "customer");

  r.on("POST", "/v1/customers/:id", (req) => {
    const c = pathObject(req, customers, "customer");
    const p = paramsAs<Stripe.CustomerUpdateParams>(req);
    checkEmail(p.email);
    const before = structuredClone(c);
    echoInto("Customer", c, req.params);
    const prev: JsonObject = {};
    for (const [k, v] of Object.entries(before)) {
      if (JSON.stringify(v) !== JSON.stringify((c as Record<string, unknown>)[k]))
        prev[k] = toJsonObject({ v }).v ?? null;
    }
    req.ctx.state.emit(req.ctx.accountId, "customer.updated", c, prev);
    return c;
  });

  r.on("DELETE", "/v1/customers/:id", (req) => {
    const c = pathObject(req, customers, "customer");
    req.ctx.state.dataFor(req.ctx.accountId).customers.delete(c.id);
    req.ctx.state.emit(req.ctx.accountId, "customer.deleted", c);
    return { id: c.id, object: "customer", deleted: true };
  });

  // Events: the last 30 days, as Stripe keeps them.
  r.on("GET", "/v1/events", (req) => {
    const p = paramsAs<Stripe.EventListParams>(req);
    const cutoff = now() - 30 * 86400;
    const match = (t: string) => {
      const pat = p.type;
      if (!pat) return true;
      return pat.endsWith("*") ? t.startsWith(pat.slice(0, -1)) : t === pat;
    };
    return listCollection(
      req.ctx.state.dataFor(req.ctx.accountId).events,
      p,
      "/v1/events",
      (e) =>
        e.created >= cutoff &&
        match(e.type) &&
        (!p.types || p.types.includes(e.type)) &&
        inRange(e.created, p.created),
    );
  });
  r.on("GET", "/v1/events/:id", (req) => {
    const e = req.ctx.state.dataFor(req.ctx.accountId).events.get(req.path.id ?? "");
    if (!e || e.created < now() - 30 * 86400) throw missing("event", req.path.id ?? "", "id");
    return e;
  });

  r.on("GET", "/v1/payment_methods/:id", (req) => {
    const pm = req.ctx.state.dataFor(req.ctx.accountId).paymentMethods.get(req.path.id ?? "");
    if (!pm) throw missing("payment_method", req.path.id ?? "", "id");
    return pm;
  });
}
