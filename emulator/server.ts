import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmulatorConfig } from "./config";
import { StripeError } from "./errors";
import { applyExpand } from "./expand";
import { Faults, RateLimiter } from "./faults";
import { parseForm, type FormObject, type FormValue } from "./form";
import { newId, now } from "./ids";
import type { JsonObject, JsonValue } from "./json";
import { runDue } from "./scheduler";
import { Router } from "./router";
import { operationFor } from "./schema/api-schema";
import { registerApiRoutes } from "./schema/served-routes";
import { validateParams } from "./schema/validate-params";
import { thinTypeFor } from "./v2/thin-events";
import { dottedField, fieldErrorCode, validateJsonParams } from "./v2/validate-json";
import { API_VERSION } from "./sandbox-keys";
import { State } from "./state";
import { WebhookDispatcher } from "./webhooks";

export type LoggedRequest = {
  request_id: string;
  time: number;
  method: string;
  path: string;
  /** The account acted for: `Stripe-Account`, or the last segment of `Stripe-Context`. */
  stripe_account: string | null;
  /** The form params (v1) or the JSON body (v2 POSTs). */
  params: FormObject | JsonObject;
  status: number;
  idempotency_key: string | null;
  idempotent_replayed: boolean;
  stripe_version: string | null;
  duration_ms: number;
  /** The error answered, if any (what `request_log_url` in an error body leads to). */
  error: { type: string; code: string | null; message: string; param: string | null } | null;
};

type StoredResponse = {
  fingerprint: string;
  status: number;
  body: string;
  requestId: string;
  createdMs: number;
};

const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;
const MAX_BODY = 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new StripeError(413, { type: "invalid_request_error", message: "Request body too large." }));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: JsonValue | string,
  headers: Record<string, string> = {},
): void {
  const text = typeof body === "string" ? body : JSON.stringify(body, null, 2);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function maskKey(key: string): string {
  return key.length > 12
    ? `${key.slice(0, 8)}${"*".repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`
    : key;
}

/** The Stripe API part of the emulator: protocol, state and the request pipeline. */
export class Emulator {
  readonly state = new State();
  readonly faults = new Faults();
  readonly limiter: RateLimiter;
  readonly router = new Router();
  readonly webhooks: WebhookDispatcher;
  log: LoggedRequest[] = [];
  private idempotency = new Map<string, StoredResponse>();
  baseUrl = "";
  private hung = new Set<ServerResponse>();

  constructor(readonly config: EmulatorConfig) {
    this.limiter = new RateLimiter(config.rateLimitPerSecond);
    this.webhooks = new WebhookDispatcher(
      config.webhookRetryDelaysMs,
      (id) => this.findEvent(id),
      (id) => this.state.v2Events.get(id),
    );
    this.state.onEvent = (e) => {
      this.webhooks.dispatch(e);
      // Connected accounts' activity also exists as thin `v1.*` events, made for the destinations that take them.
      const thin = thinTypeFor(e);
      if (thin && this.webhooks.wantsThin(thin.type, e.account !== undefined))
        this.state.emitThin(thin.type, {
          ...(e.account ? { context: e.account } : {}),
          ...(thin.related ? { related: thin.related } : {}),
        });
    };
    this.state.onThinEvent = (e) => this.webhooks.dispatchThin(e);
    registerApiRoutes(this.router, this.webhooks);
  }

  findEvent(id: string) {
    for (const [, d] of this.state.dataEntries()) {
      const e = d.events.get(id);
      if (e) return e;
    }
    return undefined;
  }

  /** Processes due work: pending funds, payouts and dispute decisions. */
  tick(): void {
    runDue(this.state, this.config, now());
  }

  pruneIdempotency(): void {
    const cutoff = Date.now() - IDEMPOTENCY_TTL_MS;
    for (const [k, v] of this.idempotency) if (v.createdMs < cutoff) this.idempotency.delete(k);
  }

  clearIdempotency(): void {
    this.idempotency.clear();
  }

  /** A "hang" fault: the response is never written (released on stop). */
  holdOpen(res: ServerResponse): void {
    this.hung.add(res);
    res.on("close", () => this.hung.delete(res));
  }

  releaseHung(): void {
    for (const res of this.hung) res.destroy();
    this.hung.clear();
  }

  private authError(message: string, requestId: string): StripeError {
    return new StripeError(
      401,
      { type: "invalid_request_error", message },
      { persist: false, headers: { "request-id": requestId } },
    );
  }

  private apiKey(req: IncomingMessage, requestId: string): string {
    const auth = header(req, "authorization");
    if (!auth)
      throw this.authError(
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
        requestId,
      );
    let key = "";
    if (/^bearer /i.test(auth)) key = auth.slice(7).trim();
    else if (/^basic /i.test(auth)) {
      const decoded = Buffer.from(auth.slice(6).trim(), "base64").toString("utf8");
      key = decoded.split(":")[0] ?? "";
    }
    if (!key)
      throw this.authError("Invalid API Key provided: (empty). You did not provide an API key.", requestId);
    if (key.startsWith("pk_"))
      throw this.authError(
        "This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.",
        requestId,
      );
    if (key !== this.config.secretKey)
      throw this.authError(`Invalid API Key provided: ${maskKey(key)}`, requestId);
    return key;
  }

  /**
   * Handles `/v1/...` and `/v2/...`. API v2 differs in its protocol only: JSON bodies validated without coercion,
   * v2's error shape, and `Stripe-Context` (acting for an account; stripe-node also sends it on v1 calls made with
   * `stripeContext`) treated like `Stripe-Account`.
   */
  async handleApi(req: IncomingMessage, res: ServerResponse, pathname: string, query: string): Promise<void> {
    const started = Date.now();
    const requestId = `req_${newId("x", 14).slice(2)}`;
    const method = (req.method ?? "GET").toUpperCase();
    const v2 = pathname.startsWith("/v2/");
    const context = header(req, "stripe-context") || null;
    const stripeAccount =
      header(req, "stripe-account") ?? (context ? (context.split("/").pop() ?? null) : null);
    const idemKey = header(req, "idempotency-key") ?? null;
    const version = header(req, "stripe-version") ?? null;
    const baseHeaders: Record<string, string> = {
      "request-id": requestId,
      "stripe-version": version ?? API_VERSION,
      "access-control-allow-origin": "*",
      "cache-control": "no-cache, no-store",
    };
    if (stripeAccount) baseHeaders["stripe-account"] = stripeAccount;
    if (idemKey) baseHeaders["idempotency-key"] = idemKey;
    let params: FormObject = {};
    let jsonBody: JsonObject = {};
    let status = 200;
    let replayed = false;
    let loggedError: LoggedRequest["error"] = null;
    const finish = (st: number, body: string, extra: Record<string, string> = {}) => {
      status = st;
      if (st >= 400) {
        try {
          const e = (
            JSON.parse(body) as { error?: { type?: string; code?: string; message?: string; param?: string } }
          ).error;
          if (e)
            loggedError = {
              type: e.type ?? "api_error",
              code: e.code ?? null,
              message: e.message ?? "",
              param: e.param ?? null,
            };
        } catch {
          // Not JSON: nothing to log beyond the status.
        }
      }
      sendJson(res, st, body, { ...baseHeaders, ...extra });
    };
    try {
      const bodyText = method === "POST" ? await readBody(req) : "";
      if (v2 && method === "POST") jsonBody = parseJsonBody(bodyText);
      else params = method === "POST" ? parseForm(bodyText) : parseForm(query);
      const key = this.apiKey(req, requestId);
      // A dated version, optionally with Stripe's beta suffixes (`2026-10-28.endive; embedded_connect_beta=v2`).
      if (version && !/^\d{4}-\d{2}-\d{2}(\.[a-z]+)?(;\s*[a-z_]+=v\d+)*;?$/.test(version))
        throw new StripeError(
          400,
          { type: "invalid_request_error", message: `Invalid Stripe API version: ${version}` },
          { persist: false },
        );

      const rules = this.faults.matching(method, pathname);
      const delay = this.faults.latency(rules);
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      const fault = this.faults.outcome(rules);
      if (fault.kind === "hang") {
        this.holdOpen(res);
        status = 0;
        return;
      }
      if (fault.kind === "error") {
        const h: Record<string, string> = {};
        if (fault.shouldRetry !== undefined) h["stripe-should-retry"] = String(fault.shouldRetry);
        throw new StripeError(
          fault.status,
          {
            type: "api_error",
            message: "An unknown error occurred (injected by the emulator's fault rules).",
          },
          { persist: false, headers: h },
        );
      }
      if (fault.kind === "lock_timeout")
        throw new StripeError(
          429,
          {
            type: "invalid_request_error",
            code: "lock_timeout",
            message:
              "This object cannot be accessed right now because another API request or Stripe process is currently accessing it. If you see this error intermittently, retry the request. If you see this error frequently and are making multiple concurrent requests to a single object, make your requests serially or at a lower rate.",
          },
          { persist: false, headers: { "stripe-should-retry": "true" } },
        );
      const rateLimited =
        fault.kind === "rate_limit" ? fault.reason : this.limiter.hit(key) ? "global-rate" : null;
      if (rateLimited)
        throw new StripeError(
          429,
          {
            type: "invalid_request_error",
            code: "rate_limit",
            message:
              "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.",
          },
          { persist: false, headers: { "stripe-rate-limited-reason": rateLimited } },
        );

      let accountId = this.state.platform.id;
      if (stripeAccount) {
        if (stripeAccount !== this.state.platform.id && !this.state.accounts.has(stripeAccount))
          throw new StripeError(
            403,
            {
              type: "invalid_request_error",
              code: "account_invalid",
              message: `The provided key '${maskKey(key)}' does not have access to account '${stripeAccount}' (or that account does not exist). Application access may have been revoked.`,
            },
            { persist: false },
          );
        accountId = stripeAccount;
      }

      // Idempotency: POST and DELETE, scoped per account like Stripe.
      const scopeKey = idemKey && method !== "GET" ? `${accountId}|${idemKey}` : null;
      const fingerprint = createHash("sha256")
        .update(`${method} ${pathname}\n${canonical(v2 && method === "POST" ? jsonBody : params)}`)
        .digest("hex");
      if (scopeKey) {
        if (idemKey && idemKey.length > 255)
          throw new StripeError(
            400,
            { type: "invalid_request_error", message: "Idempotency-Key must be at most 255 characters." },
            { persist: false },
          );
        const prior = this.idempotency.get(scopeKey);
        if (prior && prior.createdMs > Date.now() - IDEMPOTENCY_TTL_MS) {
          if (prior.fingerprint !== fingerprint)
            throw new StripeError(
              400,
              {
                type: "idempotency_error",
                message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idemKey}' if you meant to execute a different request.`,
              },
              { persist: false },
            );
          replayed = true;
          finish(prior.status, prior.body, {
            "idempotent-replayed": "true",
            "original-request": prior.requestId,
          });
          return;
        }
      }

      const route = this.router.match(method, pathname);
      if (route === undefined || route === "method_not_allowed") {
        throw new StripeError(
          404,
          {
            type: "invalid_request_error",
            message: `Unrecognized request URL (${method}: ${pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
          },
          { persist: false },
        );
      }
      const operation = operationFor(method, route.pattern);
      if (!operation)
        throw new Error(`${method} ${route.pattern} has no operation in the generated API description`);
      const valid =
        v2 && method === "POST"
          ? validateJsonParams(operation.params, jsonBody)
          : validateParams(operation.params, params);
      this.state.currentRequest = { id: requestId, idempotency_key: idemKey };
      let stored: { status: number; body: string };
      try {
        const result = route.handler({
          ctx: { state: this.state, config: this.config, accountId },
          params: valid,
          path: route.params,
          url: pathname,
          method,
          headers: req.headers,
          onBehalf: stripeAccount !== null,
          baseUrl: this.baseUrl,
        });
        const expand = v2
          ? []
          : Array.isArray(params.expand)
            ? params.expand.filter((x): x is string => typeof x === "string")
            : params.expand && typeof params.expand === "object"
              ? Object.values(params.expand).filter((x): x is string => typeof x === "string")
              : [];
        const out =
          expand.length > 0 ? applyExpand(this.state, accountId, structuredClone(result), expand) : result;
        stored = { status: 200, body: JSON.stringify(out, null, 2) };
      } catch (err) {
        if (!(err instanceof StripeError)) throw err;
        const body = JSON.stringify(
          {
            error: errorBody(err, `${this.baseUrl}/_emulator/requests?request_id=${requestId}`, v2),
          },
          null,
          2,
        );
        if (!err.persist || !scopeKey) throw err;
        stored = { status: err.status, body };
      } finally {
        this.state.currentRequest = { id: null, idempotency_key: null };
      }
      if (scopeKey)
        this.idempotency.set(scopeKey, {
          fingerprint,
          status: stored.status,
          body: stored.body,
          requestId,
          createdMs: Date.now(),
        });
      finish(stored.status, stored.body);
    } catch (err) {
      if (err instanceof StripeError) {
        const body = JSON.stringify(
          {
            error: errorBody(err, `${this.baseUrl}/_emulator/requests?request_id=${requestId}`, v2),
          },
          null,
          2,
        );
        finish(err.status, body, err.headers);
      } else {
        const message = err instanceof Error ? err.message : String(err);
        if (!this.config.quiet) console.error(`[emulator] ${method} ${pathname} crashed:`, err);
        finish(
          500,
          JSON.stringify({ error: { type: "api_error", message: `Internal emulator error: ${message}` } }),
        );
      }
    } finally {
      if (status !== 0) {
        this.log.push({
          request_id: requestId,
          time: Math.floor(started / 1000),
          method,
          path: pathname,
          stripe_account: stripeAccount,
          params: v2 && method === "POST" ? jsonBody : normalizeArrays(params),
          status,
          idempotency_key: idemKey,
          idempotent_replayed: replayed,
          stripe_version: version,
          duration_ms: Date.now() - started,
          error: loggedError,
        });
        if (this.log.length > 20000) this.log.splice(0, this.log.length - 20000);
        if (this.config.logRequests)
          console.log(
            `${method} ${pathname} ${status}${stripeAccount ? ` [${stripeAccount}]` : ""}${replayed ? " (replayed)" : ""} ${Date.now() - started}ms`,
          );
      }
    }
  }
}

/**
 * Stripe's error body: coded errors link their documentation; every error links the sandbox's request log. API v2
 * answers a refused field as `{ code: "invalid_fields", message, errors: [{ code, field, message }] }` (no `type`,
 * which is how stripe-node recognises it) and other errors as `{ type, code, message }`.
 */
function errorBody(err: StripeError, requestLogUrl: string, v2 = false) {
  if (v2) {
    const fieldCode = fieldErrorCode(err.body.code);
    if (fieldCode && err.body.param) {
      const field = dottedField(err.body.param);
      return {
        code: "invalid_fields",
        message: err.body.message,
        errors: [{ code: fieldCode, field, message: err.body.message }],
        request_log_url: requestLogUrl,
      };
    }
    return {
      type: err.body.type,
      ...(err.body.code ? { code: err.body.code } : {}),
      message: err.body.message,
      request_log_url: requestLogUrl,
    };
  }
  return {
    ...err.body,
    ...(err.body.code && !err.body.doc_url
      ? { doc_url: `https://stripe.com/docs/error-codes/${err.body.code.replace(/_/g, "-")}` }
      : {}),
    request_log_url: requestLogUrl,
  };
}

/** An API v2 body: a JSON object (empty body = `{}`). */
function parseJsonBody(text: string): JsonObject {
  if (!text.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new StripeError(
      400,
      { type: "invalid_request_error", message: "The request body is not valid JSON." },
      { persist: false },
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new StripeError(
      400,
      { type: "invalid_request_error", message: "The request body must be a JSON object." },
      { persist: false },
    );
  return parsed as JsonObject;
}

/** For the request log: `a[0]=x&a[1]=y` (stripe-node's array encoding) shown as an array. */
function normalizeArrays(v: FormObject): FormObject {
  const walk = (x: FormValue): FormValue => {
    if (typeof x === "string") return x;
    if (Array.isArray(x)) return x.map(walk);
    const keys = Object.keys(x);
    if (keys.length > 0 && keys.every((k, i) => k === String(i))) return keys.map((k) => walk(x[k] ?? ""));
    const out: FormObject = {};
    for (const k of keys) {
      const val = x[k];
      if (val !== undefined) out[k] = walk(val);
    }
    return out;
  };
  const out: FormObject = {};
  for (const [k, val] of Object.entries(v)) out[k] = walk(val);
  return out;
}

/** Order-independent form of the params, for comparing idempotent retries. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (typeof v === "object" && v !== null) {
    const entries = Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(",")}}`;
  }
  return JSON.stringify(v);
}
