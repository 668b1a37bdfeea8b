import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { renderAccount } from "./account-model";
import { applyAccountInput, fillTestData, mutateAccount } from "./accounts";
import { evidenceStrings, applyConfirm, zEvidence, zPaymentMethodData } from "./api/payments-api";
import {
  zBusinessProfile,
  zCompany,
  zIndividual,
  zPayoutInterval,
  zWeeklyAnchor,
} from "./browser-account-params";
import { payoutTransactions } from "./api/money-api";
import { buildStandins } from "./browser/build";
import { componentFramePage, overlayFramePage } from "./browser/frame-pages";
import { accountDocuments } from "./documents";
import { StripeError } from "./errors";
import { newId, now, randomChars } from "./ids";
import { isJsonObject, toJsonObject, type JsonObject, type JsonValue } from "./json";
import { availableFor, renderBalance } from "./ledger";
import type { Collection, Listed } from "./collection";
import { inRange, listCollection, type ListParams } from "./list";
import type { Charge, PaymentIntent, StripeList, TaxRegistration, TaxSettings } from "./objects";
import { zBool, zEnum, zInt, zPositiveInt, zRange, zStr, parseParams } from "./params";
import { parseForm } from "./form";
import {
  cancelPaymentIntent,
  capturePaymentIntent,
  closeDispute,
  createRefund,
  findCharge,
  updateDispute,
  type Ctx,
} from "./payments";
import { addBankAccount, createPayout } from "./payouts";
import { readBody, sendJson, type Emulator } from "./server";
import type { ConnectToken } from "./state";
import { taxSettingsOf } from "./tax";

class BrowserError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: JsonObject = {},
  ) {
    super(message);
  }
}

const ANY = "*";

function corsHeaders(origin: string | undefined): Record<string, string> {
  if (!origin) return {};
  return { "access-control-allow-origin": origin, vary: "Origin" };
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  if (!text.trim()) return {};
  const type = req.headers["content-type"] ?? "";
  if (type.includes("application/x-www-form-urlencoded")) return parseForm(text);
  try {
    return JSON.parse(text);
  } catch {
    throw new BrowserError(400, "parameter_invalid", "Body must be JSON.");
  }
}

function parseBody<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  try {
    return parseParams(schema, value);
  } catch (err) {
    if (err instanceof StripeError)
      throw new BrowserError(
        400,
        "parameter_invalid",
        err.body.message,
        err.body.param ? { param: err.body.param } : {},
      );
    throw err;
  }
}

/** Runs a core operation and maps Stripe errors onto the browser API's error shape. */
function op<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof StripeError) {
      const { type: _t, message, code, ...rest } = err.body;
      throw new BrowserError(
        err.status,
        code ?? "parameter_invalid",
        message,
        toJsonObject({ ...rest, type: err.body.type }),
      );
    }
    throw err;
  }
}

function htmlPage(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1a1a2e}
.badge{display:inline-block;background:#ffd166;border-radius:4px;padding:2px 8px;font-size:12px;font-weight:600}
button{background:#635bff;color:#fff;border:0;border-radius:6px;padding:10px 16px;font-size:15px;cursor:pointer}</style>
</head><body><span class="badge">Sandbox</span>${body}</body></html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Stripe's Payments list status filter values (connect-js `PaymentsListDefaultFilters`). */
export function porticoStatus(c: Charge, pi: PaymentIntent | undefined): string {
  if (c.status === "failed") return "failed";
  if (c.disputed) return "disputed";
  if (pi?.status === "canceled" || (!c.captured && c.refunded)) return "canceled";
  if (!c.captured) return "uncaptured";
  if (c.refunded) return "refunded";
  if (c.amount_refunded > 0) return "partially_refunded";
  if (c.status === "pending") return "pending";
  return "successful";
}

/** Cursor params of the browser lists (no `expand`: the browser API answers fixed shapes). */
const pageParams = {
  limit: zInt.optional(),
  starting_after: zStr.optional(),
  ending_before: zStr.optional(),
};

/** A Stripe list of the account's objects at `/_sandbox/connect/v1/<path>`, errors in the browser API's shape. */
function page<T extends Listed>(
  coll: Collection<T>,
  p: ListParams,
  path: string,
  filter: (item: T) => boolean,
): StripeList<T> {
  return op(() => listCollection(coll, p, `/_sandbox/connect/v1/${path}`, filter));
}

export class BrowserApi {
  constructor(private emu: Emulator) {}

  async handle(req: IncomingMessage, res: ServerResponse, pathname: string, query: string): Promise<void> {
    const origin = req.headers.origin;
    const method = (req.method ?? "GET").toUpperCase();
    const requestId = `req_${randomChars(14)}`;
    // The app's origins, and the sandbox's own (its component frames call the API from there).
    const host = req.headers.host;
    const own = host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
    const allowed = origin === undefined || own || this.emu.config.appOrigins.includes(origin);
    const headers: Record<string, string> = {
      "request-id": requestId,
      "cache-control": "no-store",
      ...(allowed ? corsHeaders(origin) : {}),
    };
    try {
      // Pages opened by redirects (account links, login links) are top-level navigations, not CORS calls.
      if (pathname.startsWith("/_sandbox/onboarding/") || pathname.startsWith("/_sandbox/express/")) {
        await this.pages(req, res, pathname, method);
        return;
      }
      // The connect.js stand-in's frames: navigations of the app's page, not CORS calls.
      if (
        method === "GET" &&
        (pathname === "/_sandbox/connect/frame" || pathname === "/_sandbox/connect/overlay")
      ) {
        await this.framePage(res, pathname, new URLSearchParams(query));
        return;
      }
      if (!allowed)
        throw new BrowserError(
          403,
          "origin_not_allowed",
          `Origin ${origin ?? ""} is not allowed to call the sandbox.`,
        );
      // Fault rules aimed at `/_sandbox/…` paths (global rules are for the Stripe API only).
      const rules = this.emu.faults
        .matching(method, pathname)
        .filter((r) => r.path_prefix?.startsWith("/_sandbox"));
      const delay = this.emu.faults.latency(rules);
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      const fault = this.emu.faults.outcome(rules);
      if (fault.kind === "hang") {
        this.emu.holdOpen(res);
        return;
      }
      if (fault.kind === "error") throw new BrowserError(fault.status, "api_error", "Injected fault.");
      if (fault.kind === "rate_limit" || fault.kind === "lock_timeout")
        throw new BrowserError(429, "rate_limit", "Too many requests. Slow down.");
      if (method === "OPTIONS") {
        res.writeHead(204, {
          ...headers,
          "access-control-allow-headers": "authorization, content-type, stripe-account",
          "access-control-allow-methods": "GET, POST, OPTIONS",
          "access-control-max-age": "600",
        });
        res.end();
        return;
      }
      if (pathname === "/_sandbox/connect.js" || pathname === "/_sandbox/stripe.js") {
        await this.script(res, pathname, headers);
        return;
      }
      let body: JsonValue;
      if (pathname.startsWith("/_sandbox/connect/v1/")) {
        body = await this.connect(req, method, pathname.slice("/_sandbox/connect/v1/".length), query);
      } else if (pathname.startsWith("/_sandbox/js/v1/")) {
        body = await this.stripeJs(req, method, pathname.slice("/_sandbox/js/v1/".length), query);
      } else {
        throw new BrowserError(404, "resource_missing", `Unknown sandbox endpoint: ${method} ${pathname}`);
      }
      sendJson(res, 200, body, headers);
    } catch (err) {
      if (err instanceof BrowserError) {
        const type =
          err.code === "card_declined" || err.extra.type === "card_error"
            ? "card_error"
            : err.code === "rate_limit"
              ? "rate_limit_error"
              : "invalid_request_error";
        sendJson(
          res,
          err.status,
          { error: { ...err.extra, type, code: err.code, message: err.message } },
          headers,
        );
      } else {
        const message = err instanceof Error ? err.message : String(err);
        sendJson(res, 500, { error: { type: "api_error", code: "internal", message } }, headers);
      }
    }
  }

  private async framePage(res: ServerResponse, pathname: string, query: URLSearchParams): Promise<void> {
    const origins = this.emu.config.appOrigins;
    const page =
      pathname === "/_sandbox/connect/overlay"
        ? overlayFramePage(query, origins)
        : componentFramePage(query, origins, (await buildStandins()).connectFrameJs);
    res.writeHead(page.status, page.headers);
    res.end(page.body);
  }

  private async script(
    res: ServerResponse,
    pathname: string,
    headers: Record<string, string>,
  ): Promise<void> {
    let text: string;
    try {
      const s = await buildStandins();
      text = pathname === "/_sandbox/connect.js" ? s.connectJs : s.stripeJs;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      sendJson(
        res,
        500,
        {
          error: {
            type: "api_error",
            code: "standin_build_failed",
            message: `Could not build the sandbox script: ${message}`,
          },
        },
        headers,
      );
      return;
    }
    res.writeHead(200, {
      ...headers,
      "content-type": "application/javascript; charset=utf-8",
      "cache-control": "no-cache",
    });
    res.end(text);
  }

  private rateLimit(key: string): void {
    if (this.emu.limiter.hit(`browser:${key}`))
      throw new BrowserError(429, "rate_limit", "Too many requests. Slow down.");
  }

  // ---------- Connect embedded components ----------

  private token(req: IncomingMessage): ConnectToken {
    const auth = req.headers.authorization ?? "";
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    const t = m?.[1] ? this.emu.state.connectTokens.get(m[1]) : undefined;
    if (!t || t.revoked)
      throw new BrowserError(401, "session_invalid", "The session is not valid. Obtain a new client secret.");
    if (t.expires_at <= now())
      throw new BrowserError(
        401,
        "session_expired",
        "The account session has expired. Obtain a new client secret.",
      );
    this.rateLimit(t.token);
    return t;
  }

  private need(t: ConnectToken, components: string[], feature?: string): void {
    const enabled = components[0] === ANY ? Object.keys(t.components) : components;
    const on = enabled.filter((c) => {
      const comp = t.components[c];
      return isJsonObject(comp) && comp.enabled === true;
    });
    if (on.length === 0)
      throw new BrowserError(
        403,
        "component_not_enabled",
        `This requires one of these components to be enabled: ${components.join(", ")}.`,
      );
    if (!feature) return;
    const has = on.some((c) => {
      const comp = t.components[c];
      const features = isJsonObject(comp) ? comp.features : undefined;
      return isJsonObject(features) && features[feature] === true;
    });
    if (!has)
      throw new BrowserError(
        403,
        "feature_not_enabled",
        `The \`${feature}\` feature is not enabled for this session.`,
      );
  }

  private async connect(
    req: IncomingMessage,
    method: string,
    path: string,
    query: string,
  ): Promise<JsonValue> {
    const state = this.emu.state;
    if (method === "POST" && path === "claim") {
      const p = parseBody(z.strictObject({ client_secret: zStr }), await jsonBody(req));
      const session = state.accountSessions.get(p.client_secret);
      if (!session) throw new BrowserError(401, "session_invalid", "Unknown client secret.");
      if (session.expires_at <= now())
        throw new BrowserError(401, "session_expired", "The account session has expired.");
      if (session.claimed)
        throw new BrowserError(
          401,
          "session_used",
          "This client secret has already been used. Obtain a new one.",
        );
      const rec = state.accounts.get(session.account);
      if (!rec) throw new BrowserError(401, "session_invalid", "The account no longer exists.");
      session.claimed = true;
      const token: ConnectToken = {
        token: `ecs_${randomChars(40)}`,
        account: rec.id,
        components: session.components,
        expires_at: session.expires_at,
        revoked: false,
      };
      state.connectTokens.set(token.token, token);
      state.dirty = true;
      const account = renderAccount(rec);
      return {
        token: token.token,
        expires_at: token.expires_at,
        account: {
          id: rec.id,
          business_name: isJsonObject(account.business_profile)
            ? (account.business_profile.name ?? null)
            : null,
          country: rec.country,
          default_currency: rec.default_currency,
          controller: account.controller ?? null,
        },
        components: session.components,
      };
    }
    const t = this.token(req);
    const rec = state.accounts.get(t.account);
    if (!rec) throw new BrowserError(401, "session_invalid", "The account no longer exists.");
    const ctx: Ctx = { state, config: this.emu.config, accountId: rec.id };
    const d = state.dataFor(rec.id);
    const q = parseForm(query);
    // The id is whichever segment looks like an object id (`tax/registrations/:id/expire` has it third).
    const seg = path.split("/");
    const idAt = seg.findIndex((s, i) => i > 0 && /^(ch|py|pi|dp|po|taxreg)_/.test(s));
    const route = `${method} ${seg.map((s, i) => (i === idAt ? ":id" : s)).join("/")}`;
    const id = idAt >= 0 ? (seg[idAt] ?? "") : "";
    const ONBOARD = ["account_onboarding", "account_management", "notification_banner"];
    const PAYMENTS_ANY = ["payments", "disputes_list", "payment_disputes"];
    switch (route) {
      case "POST logout":
        t.revoked = true;
        state.dirty = true;
        return { ok: true };
      case "GET account":
        this.need(t, [ANY]);
        return this.accountView(rec.id);
      case "POST account": {
        this.need(t, ONBOARD);
        const p = parseBody(
          z.strictObject({
            business_type: zEnum(["individual", "company", "non_profit", "government_entity"]).optional(),
            business_profile: zBusinessProfile.optional(),
            company: zCompany.optional(),
            individual: zIndividual.optional(),
            email: zStr.optional(),
            tos_acceptance: z.strictObject({ accepted: zBool }).optional(),
          }),
          await jsonBody(req),
        );
        op(() =>
          mutateAccount(state, rec, () =>
            applyAccountInput(rec, {
              ...(p.business_type ? { business_type: p.business_type } : {}),
              ...(p.business_profile ? { business_profile: toJsonObject(p.business_profile) } : {}),
              ...(p.company ? { company: toJsonObject(p.company) } : {}),
              ...(p.individual ? { individual: toJsonObject(p.individual) } : {}),
              ...(p.email ? { email: p.email } : {}),
              ...(p.tos_acceptance?.accepted
                ? {
                    tos_acceptance: {
                      accepted: true,
                      date: now(),
                      ip: "127.0.0.1",
                      user_agent: req.headers["user-agent"] ?? "sandbox",
                    },
                  }
                : {}),
            }),
          ),
        );
        return this.accountView(rec.id);
      }
      case "POST account/external_accounts": {
        this.need(t, [...ONBOARD, "payouts", "balances"], "external_account_collection");
        const p = parseBody(
          z.strictObject({
            country: zStr.optional(),
            currency: zStr.optional(),
            routing_number: zStr.optional(),
            account_number: zStr,
            account_holder_name: zStr.optional(),
            account_holder_type: zEnum(["individual", "company"]).optional(),
          }),
          await jsonBody(req),
        );
        let ba: JsonValue = null;
        op(() =>
          mutateAccount(state, rec, () => {
            ba = addBankAccount(rec, p, true);
          }),
        );
        return ba;
      }
      case "GET payments": {
        this.need(t, ["payments"]);
        const p = parseBody(
          z.strictObject({
            ...pageParams,
            status: zStr.optional(),
            created: zRange.optional(),
            amount: zRange.optional(),
            payment_method_type: zStr.optional(),
          }),
          q,
        );
        const statuses = p.status?.split(",");
        const l = page(d.charges, p, "payments", (c) => {
          if (!inRange(c.created, p.created) || !inRange(c.amount, p.amount)) return false;
          if (p.payment_method_type && c.payment_method_details?.type !== p.payment_method_type) return false;
          if (!statuses) return true;
          return statuses.includes(
            porticoStatus(c, c.payment_intent ? d.paymentIntents.get(c.payment_intent) : undefined),
          );
        });
        return { ...l, data: l.data.map((c) => this.paymentView(rec.id, c)) };
      }
      case "GET payments/:id": {
        this.need(t, ["payments", "payment_details"]);
        const c = findCharge(d, id);
        if (!c) throw new BrowserError(404, "resource_missing", `No such payment: '${id}'`);
        return this.paymentDetail(rec.id, c);
      }
      case "POST payments/:id/refund": {
        this.need(t, ["payments", "payment_details", "disputes_list"], "refund_management");
        const c = findCharge(d, id);
        if (!c) throw new BrowserError(404, "resource_missing", `No such payment: '${id}'`);
        const p = parseBody(
          z.strictObject({
            amount: zPositiveInt.optional(),
            reason: zEnum(["duplicate", "fraudulent", "requested_by_customer"]).optional(),
          }),
          await jsonBody(req),
        );
        return op(() =>
          createRefund(ctx, c, {
            ...(p.amount !== undefined ? { amount: p.amount } : {}),
            ...(p.reason ? { reason: p.reason } : {}),
          }),
        );
      }
      case "POST payments/:id/capture": {
        this.need(t, ["payments", "payment_details"], "capture_payments");
        const c = findCharge(d, id);
        const pi = c?.payment_intent ? d.paymentIntents.get(c.payment_intent) : undefined;
        if (!c || !pi) throw new BrowserError(404, "resource_missing", `No such payment: '${id}'`);
        const p = parseBody(
          z.strictObject({ amount_to_capture: zPositiveInt.optional() }),
          await jsonBody(req),
        );
        op(() => capturePaymentIntent(ctx, pi, p.amount_to_capture));
        return c;
      }
      case "POST payments/:id/cancel": {
        this.need(t, ["payments", "payment_details"], "capture_payments");
        const c = findCharge(d, id);
        const pi = c?.payment_intent ? d.paymentIntents.get(c.payment_intent) : undefined;
        if (!c || !pi) throw new BrowserError(404, "resource_missing", `No such payment: '${id}'`);
        op(() => cancelPaymentIntent(ctx, pi, "requested_by_customer"));
        return c;
      }
      case "GET disputes": {
        this.need(t, PAYMENTS_ANY);
        const p = parseBody(
          z.strictObject({
            ...pageParams,
            payment: zStr.optional(),
          }),
          q,
        );
        const charge = p.payment ? findCharge(d, p.payment) : undefined;
        if (p.payment && !charge)
          return { object: "list", data: [], has_more: false, url: "/_sandbox/connect/v1/disputes" };
        return page(d.disputes, p, "disputes", (dp) => !charge || dp.charge === charge.id);
      }
      case "POST disputes/:id": {
        this.need(t, PAYMENTS_ANY, "dispute_management");
        const dp = d.disputes.get(id);
        if (!dp) throw new BrowserError(404, "resource_missing", `No such dispute: '${id}'`);
        const p = parseBody(
          z.strictObject({ evidence: zEvidence.optional(), submit: zBool.optional() }),
          await jsonBody(req),
        );
        return op(() =>
          updateDispute(ctx, dp, {
            ...(p.evidence ? { evidence: evidenceStrings(p.evidence) } : {}),
            submit: p.submit ?? false,
          }),
        );
      }
      case "POST disputes/:id/close": {
        this.need(t, PAYMENTS_ANY, "dispute_management");
        const dp = d.disputes.get(id);
        if (!dp) throw new BrowserError(404, "resource_missing", `No such dispute: '${id}'`);
        return op(() => closeDispute(ctx, dp));
      }
      case "GET balance": {
        this.need(t, ["payouts", "balances", "instant_payouts_promotion"]);
        const b = renderBalance(d, rec.default_currency);
        const currencies =
          Object.keys(d.balance).length > 0 ? Object.keys(d.balance) : [rec.default_currency];
        b.instant_available = currencies.map((c) => {
          const amount = Math.max(0, availableFor(d, c));
          return { amount, currency: c, source_types: { card: amount } };
        });
        return b;
      }
      case "GET payouts": {
        this.need(t, ["payouts", "payouts_list"]);
        const p = parseBody(
          z.strictObject({
            ...pageParams,
            status: zStr.optional(),
          }),
          q,
        );
        return page(d.payouts, p, "payouts", (po) => !p.status || po.status === p.status);
      }
      case "GET payouts/:id": {
        this.need(t, ["payouts", "payouts_list", "payout_details"]);
        const po = d.payouts.get(id);
        if (!po) throw new BrowserError(404, "resource_missing", `No such payout: '${id}'`);
        const ids = payoutTransactions(d, po.id);
        const txns = d.balanceTransactions
          .toArray()
          .filter((x) => ids.has(x.id))
          .reverse();
        return { ...structuredClone(po), balance_transactions: txns };
      }
      case "POST payouts": {
        const p = parseBody(
          z.strictObject({
            amount: zPositiveInt,
            currency: zStr,
            method: zEnum(["standard", "instant"]).optional(),
          }),
          await jsonBody(req),
        );
        this.need(
          t,
          ["payouts", "balances", "instant_payouts_promotion"],
          p.method === "instant" ? "instant_payouts" : "standard_payouts",
        );
        return op(() =>
          createPayout(ctx, {
            amount: p.amount,
            currency: p.currency.toLowerCase(),
            method: p.method ?? "standard",
          }),
        );
      }
      case "POST payout_schedule": {
        this.need(t, ["payouts", "balances"], "edit_payout_schedule");
        const p = parseBody(
          z.strictObject({
            interval: zPayoutInterval,
            weekly_anchor: zWeeklyAnchor.optional(),
            monthly_anchor: zInt.optional(),
            delay_days: zInt.optional(),
          }),
          await jsonBody(req),
        );
        op(() => mutateAccount(state, rec, () => applyAccountInput(rec, { payout_schedule: p })));
        return this.accountView(rec.id);
      }
      case "GET balance_transactions": {
        this.need(t, [
          "balance_report",
          "payout_reconciliation_report",
          "payouts",
          "balances",
          "reporting_chart",
        ]);
        const p = parseBody(
          z.strictObject({
            ...pageParams,
            payout: zStr.optional(),
            created: zRange.optional(),
            type: zStr.optional(),
          }),
          q,
        );
        const inPayout = p.payout ? payoutTransactions(d, p.payout) : undefined;
        return page(
          d.balanceTransactions,
          p,
          "balance_transactions",
          (x) =>
            inRange(x.created, p.created) &&
            (!p.type || x.type === p.type) &&
            (!inPayout || inPayout.has(x.id)),
        );
      }
      case "GET documents":
        this.need(t, ["documents"]);
        return { object: "list", data: accountDocuments(rec, now()) };
      case "GET tax/settings":
        this.need(t, ["tax_settings"]);
        return this.taxSettings(rec.id);
      case "POST tax/settings": {
        this.need(t, ["tax_settings"]);
        const p = parseBody(
          z.strictObject({
            defaults: z
              .strictObject({
                tax_behavior: zEnum(["inclusive", "exclusive", "inferred_by_currency"]).optional(),
                tax_code: zStr.optional(),
              })
              .optional(),
            head_office: z
              .strictObject({
                address: z.strictObject({
                  line1: zStr.optional(),
                  line2: zStr.optional(),
                  city: zStr.optional(),
                  state: zStr.optional(),
                  postal_code: zStr.optional(),
                  country: zStr,
                }),
              })
              .optional(),
          }),
          await jsonBody(req),
        );
        const s = this.taxSettings(rec.id);
        if (p.defaults?.tax_behavior) s.defaults.tax_behavior = p.defaults.tax_behavior;
        if (p.defaults?.tax_code) s.defaults.tax_code = p.defaults.tax_code;
        if (p.head_office) {
          const a = p.head_office.address;
          s.head_office = {
            address: {
              city: a.city ?? null,
              country: a.country,
              line1: a.line1 ?? null,
              line2: a.line2 ?? null,
              postal_code: a.postal_code ?? null,
              state: a.state ?? null,
            },
          };
        }
        s.status = s.head_office ? "active" : "pending";
        s.status_details =
          s.status === "active" ? { active: {} } : { pending: { missing_fields: ["head_office"] } };
        state.emit(rec.id, "tax.settings.updated", s);
        return s;
      }
      case "GET tax/registrations": {
        this.need(t, ["tax_registrations"]);
        const p = parseBody(
          z.strictObject({
            ...pageParams,
            status: zStr.optional(),
          }),
          q,
        );
        return page(
          d.taxRegistrations,
          p,
          "tax/registrations",
          (r) => !p.status || p.status === "all" || r.status === p.status,
        );
      }
      case "POST tax/registrations": {
        this.need(t, ["tax_registrations"]);
        const p = parseBody(
          z.strictObject({
            country: zStr,
            country_options: z.record(zStr, z.record(zStr, zStr)).optional(),
            active_from: z.union([z.literal("now"), zInt]).optional(),
            expires_at: zInt.optional(),
          }),
          await jsonBody(req),
        );
        const at = p.active_from === undefined || p.active_from === "now" ? now() : p.active_from;
        const lc = p.country.toLowerCase();
        const options: Record<string, Record<string, string>> = p.country_options ?? {
          [lc]: { type: "standard" },
        };
        const us = options.us;
        if (us && !us.state) {
          // A US registration is for one state (Stripe requires it): the account's own, unless one is named.
          const own = [rec.company, rec.individual]
            .map((o) => (isJsonObject(o.address) ? o.address.state : undefined))
            .find((v): v is string => typeof v === "string" && v !== "");
          if (!own)
            throw new BrowserError(
              400,
              "parameter_missing",
              "Missing required param: country_options[us][state].",
            );
          us.state = own;
        }
        const reg: TaxRegistration = {
          id: newId("taxreg", 14),
          object: "tax.registration",
          active_from: at,
          country: p.country.toUpperCase(),
          country_options: toJsonObject(options),
          created: now(),
          expires_at: p.expires_at ?? null,
          livemode: false,
          status: at > now() ? "scheduled" : "active",
        };
        d.taxRegistrations.add(reg);
        state.dirty = true;
        return reg;
      }
      case "POST tax/registrations/:id/expire": {
        this.need(t, ["tax_registrations"]);
        const reg = d.taxRegistrations.get(id);
        if (!reg) throw new BrowserError(404, "resource_missing", `No such registration: '${id}'`);
        reg.expires_at = now();
        reg.status = "expired";
        state.dirty = true;
        return reg;
      }
      default:
        throw new BrowserError(
          404,
          "resource_missing",
          `Unknown sandbox endpoint: ${method} /_sandbox/connect/v1/${path}`,
        );
    }
  }

  private taxSettings(accountId: string): TaxSettings {
    return taxSettingsOf(this.emu.state.dataFor(accountId));
  }

  private accountView(accountId: string): JsonObject {
    const rec = this.emu.state.accounts.get(accountId);
    if (!rec) throw new BrowserError(404, "resource_missing", "No such account");
    const a = renderAccount(rec);
    const settings = isJsonObject(a.settings) ? a.settings : {};
    const payouts = isJsonObject(settings.payouts) ? settings.payouts : {};
    const keys = [
      "id",
      "object",
      "business_type",
      "business_profile",
      "company",
      "individual",
      "email",
      "country",
      "default_currency",
      "charges_enabled",
      "payouts_enabled",
      "details_submitted",
      "requirements",
      "future_requirements",
      "capabilities",
      "external_accounts",
      "tos_acceptance",
      "controller",
    ];
    const out: JsonObject = {};
    for (const k of keys) {
      const v = a[k];
      if (v !== undefined) out[k] = v;
    }
    out.settings = { payouts: { schedule: payouts.schedule ?? null } };
    return out;
  }

  /** A list row: the customer is expanded, as Stripe's dashboard shows its name or email. */
  private paymentView(accountId: string, c: Charge): JsonObject {
    const d = this.emu.state.dataFor(accountId);
    const pi = c.payment_intent ? d.paymentIntents.get(c.payment_intent) : undefined;
    const cus = c.customer ? d.customers.get(c.customer) : undefined;
    return {
      ...toJsonObject(c),
      customer: cus ? toJsonObject(cus) : null,
      dispute: d.chargeDispute.get(c.id) ?? null,
      portico_status: porticoStatus(c, pi),
    };
  }

  private paymentDetail(accountId: string, c: Charge): JsonObject {
    const d = this.emu.state.dataFor(accountId);
    const out = this.paymentView(accountId, c);
    const pi = c.payment_intent ? d.paymentIntents.get(c.payment_intent) : undefined;
    out.payment_intent = pi ? toJsonObject(pi) : null;
    const txn = c.balance_transaction ? d.balanceTransactions.get(c.balance_transaction) : undefined;
    out.balance_transaction = txn ? toJsonObject(txn) : null;
    const refunds = d.refunds
      .toArray()
      .filter((r) => r.charge === c.id)
      .reverse();
    out.refunds = { object: "list", data: refunds, has_more: false, url: `/v1/charges/${c.id}/refunds` };
    out.disputes = d.disputes
      .toArray()
      .filter((x) => x.charge === c.id)
      .reverse();
    return out;
  }

  // ---------- Stripe.js ----------

  private async stripeJs(
    req: IncomingMessage,
    method: string,
    path: string,
    query: string,
  ): Promise<JsonValue> {
    const state = this.emu.state;
    const auth = req.headers.authorization ?? "";
    const key = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
    if (!key || key !== this.emu.config.publishableKey)
      throw new BrowserError(
        401,
        "api_key_invalid",
        `Invalid API Key provided: ${key ? `${key.slice(0, 8)}…` : "(none)"}`,
      );
    this.rateLimit(key);
    const header = req.headers["stripe-account"];
    const stripeAccount = Array.isArray(header) ? header[0] : header;
    if (stripeAccount && !state.accounts.has(stripeAccount))
      throw new BrowserError(
        403,
        "account_invalid",
        `The provided key does not have access to account '${stripeAccount}' (or that account does not exist).`,
      );
    const accountId = stripeAccount ?? state.platform.id;
    const ctx: Ctx = { state, config: this.emu.config, accountId };
    const d = state.dataFor(accountId);
    const m = /^payment_intents\/([^/]+)(\/confirm)?$/.exec(path);
    if (!m)
      throw new BrowserError(
        404,
        "resource_missing",
        `Unknown sandbox endpoint: ${method} /_sandbox/js/v1/${path}`,
      );
    const id = m[1] ?? "";
    const pi = d.paymentIntents.get(id);
    if (!pi) throw new BrowserError(404, "resource_missing", `No such payment_intent: '${id}'`);
    if (method === "GET" && !m[2]) {
      const secret = new URLSearchParams(query).get("client_secret");
      if (secret !== pi.client_secret)
        throw new BrowserError(
          400,
          "resource_missing",
          "The client_secret provided does not match the client_secret associated with the PaymentIntent.",
          { param: "client_secret" },
        );
      return clientPaymentIntent(pi);
    }
    if (method === "POST" && m[2]) {
      const p = parseBody(
        z.strictObject({
          client_secret: zStr,
          payment_method_data: zPaymentMethodData,
          return_url: zStr.optional(),
        }),
        await jsonBody(req),
      );
      if (p.client_secret !== pi.client_secret)
        throw new BrowserError(
          400,
          "resource_missing",
          "The client_secret provided does not match the client_secret associated with the PaymentIntent.",
          { param: "client_secret" },
        );
      try {
        applyConfirm(ctx, pi, { payment_method_data: p.payment_method_data });
      } catch (err) {
        if (err instanceof StripeError && err.body.type === "card_error") {
          const { message, code, decline_code } = err.body;
          throw new BrowserError(402, code ?? "card_declined", message, {
            type: "card_error",
            ...(decline_code ? { decline_code } : {}),
            ...(err.body.param ? { param: err.body.param } : {}),
            payment_intent: clientPaymentIntent(pi),
          });
        }
        return op(() => {
          throw err;
        });
      }
      return clientPaymentIntent(pi);
    }
    throw new BrowserError(405, "resource_missing", `Method ${method} not allowed here.`);
  }

  // ---------- Hosted pages behind account links and login links ----------

  private async pages(
    req: IncomingMessage,
    res: ServerResponse,
    pathname: string,
    method: string,
  ): Promise<void> {
    const state = this.emu.state;
    const onboarding = /^\/_sandbox\/onboarding\/([A-Za-z0-9]+)$/.exec(pathname);
    if (onboarding) {
      const link = state.accountLinks.get(onboarding[1] ?? "");
      const rec = link ? state.accounts.get(link.account) : undefined;
      if (!link || !rec) {
        res.writeHead(404, { "content-type": "text/html; charset=utf-8" });
        res.end(htmlPage("Link not found", "<h1>This onboarding link is not valid.</h1>"));
        return;
      }
      if (link.expires_at < now()) {
        res.writeHead(303, { location: link.refresh_url || "/" });
        res.end();
        return;
      }
      if (method === "POST") {
        await readBody(req);
        mutateAccount(state, rec, () => {
          fillTestData(rec);
          rec.details_submitted = true;
        });
        state.accountLinks.delete(onboarding[1] ?? "");
        res.writeHead(303, { location: link.return_url || "/" });
        res.end();
        return;
      }
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(
        htmlPage(
          "Portico Stripe sandbox onboarding",
          `<h1>Onboarding for ${escapeHtml(rec.id)}</h1><p>This is the Portico Stripe sandbox's stand-in for Stripe-hosted onboarding. Continuing fills every requirement with Stripe's test data.</p>
<form method="post"><button type="submit">Fill test data and continue</button></form>`,
        ),
      );
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(
      htmlPage(
        "Express dashboard (sandbox)",
        `<h1>Express dashboard</h1><p>The Portico Stripe sandbox has no Express dashboard; this page stands in for it.</p>`,
      ),
    );
  }
}

function clientPaymentIntent(pi: PaymentIntent): JsonObject {
  return {
    id: pi.id,
    object: "payment_intent",
    amount: pi.amount,
    capture_method: pi.capture_method,
    created: pi.created,
    currency: pi.currency,
    status: pi.status,
    client_secret: pi.client_secret,
    livemode: false,
    last_payment_error: pi.last_payment_error
      ? toJsonObject({
          ...pi.last_payment_error,
          payment_method: pi.last_payment_error.payment_method?.id ?? null,
        })
      : null,
    next_action: null,
    payment_method: pi.payment_method,
  };
}
