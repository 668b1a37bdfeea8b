import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { forceState, mutateAccount } from "./accounts";
import { faultsBodySchema } from "./faults";
import { advanceClock } from "./ids";
import type { MailCatcher } from "./mail/catcher";
import { INBOX_CSP, renderInboxPage, type TotpSecret } from "./mail/inbox-page";
import { readBody, sendJson, type Emulator } from "./server";
import { seedPlatform } from "./seed";
import { addDestination } from "./api/v2-core-api";
import type { EventDestinationRecord } from "./webhooks";

const seedSchema = z.strictObject({
  seed: z.number().int(),
  accounts: z.number().int().min(0).max(250_000),
  months: z.number().int().min(0).max(36).optional(),
  /** Anchor for seeded timestamps (Unix seconds); defaults to today 00:00 UTC so a seed is stable within a day. */
  now: z.number().int().optional(),
  /** How many accounts get full payment history (the rest get a complete Account only). */
  history_accounts: z.number().int().min(0).optional(),
});
const stateSchema = z.strictObject({ state: z.enum(["enabled", "onboarding", "restricted", "rejected"]) });
const endpointSchema = z.strictObject({
  url: z.string().url(),
  secret: z.string().optional(),
  connect: z.boolean().optional(),
});
const endpointsBody = z.union([endpointSchema, z.strictObject({ endpoints: z.array(endpointSchema) })]);
const orderSchema = z.enum(["original", "reversed", "shuffled"]);
const redeliverSchema = z.strictObject({
  event_ids: z.array(z.string()).optional(),
  event_id: z.string().optional(),
  /** Redeliver the latest N events instead of naming them. */
  last: z.number().int().min(1).optional(),
  /** With `last`: the latest N API v2 (thin) events instead of v1 ones. */
  thin: z.boolean().optional(),
  times: z.number().int().min(1).max(20).optional(),
  order: orderSchema.optional(),
  seed: z.number().int().optional(),
});

const outageSchema = z.strictObject({ down: z.boolean() });

const destinationSchema = z.strictObject({
  url: z.string().url(),
  /** Defaults to a fresh `whsec_…`, answered back. */
  secret: z.string().optional(),
  name: z.string().optional(),
  /** Defaults to every type (`*`). */
  enabled_events: z.array(z.string()).min(1).optional(),
  event_payload: z.enum(["thin", "snapshot"]).optional(),
  /** Defaults to both: the platform's own events and its connected accounts'. */
  events_from: z
    .array(z.enum(["self", "other_accounts"]))
    .min(1)
    .optional(),
});

function destinationView(d: EventDestinationRecord) {
  return {
    id: d.id,
    url: d.url,
    secret: d.secret,
    enabled_events: d.enabled_events,
    event_payload: d.event_payload,
    events_from: d.events_from,
    status: d.status,
  };
}

/** What the mail routes need: the emulator's catcher (`null` when turned off) and the inbox page's TOTP secrets. */
export interface MailControl {
  catcher: MailCatcher | null;
  totpSecrets: readonly TotpSecret[];
}

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function json(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ControlError(400, "Body must be JSON.");
  }
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new ControlError(400, `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`);
  }
  return r.data;
}

/** `/_emulator/...`: local test controls (not part of Stripe's API). */
export async function handleControl(
  emu: Emulator,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  query: URLSearchParams,
  defaultSecret: string,
  mail: MailControl = { catcher: null, totpSecrets: [] },
): Promise<void> {
  const method = (req.method ?? "GET").toUpperCase();
  const route = `${method} ${pathname.replace(/^\/_emulator/, "")}`;
  const catcher = (): MailCatcher => {
    if (!mail.catcher) throw new ControlError(404, "The mail catcher is off for this emulator.");
    return mail.catcher;
  };
  try {
    const mailMatch = /^GET \/mail\/([^/]+)$/.exec(route);
    if (mailMatch) {
      const id = decodeURIComponent(mailMatch[1] ?? "");
      const message = catcher().get(id);
      if (!message) throw new ControlError(404, `No such message: '${id}'`);
      sendJson(res, 200, message);
      return;
    }
    const stateMatch = /^POST \/accounts\/([^/]+)\/state$/.exec(route);
    if (stateMatch) {
      const id = decodeURIComponent(stateMatch[1] ?? "");
      const rec = emu.state.accounts.get(id);
      if (!rec) throw new ControlError(404, `No such account: '${id}'`);
      const { state } = parse(stateSchema, await json(req));
      const account = mutateAccount(emu.state, rec, () => forceState(rec, state));
      sendJson(res, 200, account);
      return;
    }
    switch (route) {
      case "GET ":
      case "GET /": {
        sendJson(res, 200, {
          name: "Portico Stripe sandbox (emulator) control API",
          platform: emu.state.platform.id,
          accounts: emu.state.accounts.size,
          requests_logged: emu.log.length,
          webhook_endpoints: emu.webhooks.endpoints.map((e) => ({
            id: e.id,
            url: e.url,
            connect: e.connect ?? false,
          })),
        });
        return;
      }
      case "POST /reset": {
        emu.state.reset();
        emu.log = [];
        emu.clearIdempotency();
        emu.faults.rules = [];
        emu.limiter.perSecond = emu.config.rateLimitPerSecond;
        emu.webhooks.deliveries = [];
        mail.catcher?.clear();
        mail.catcher?.setOutage(false);
        sendJson(res, 200, { ok: true });
        return;
      }
      case "POST /seed": {
        const p = parse(seedSchema, await json(req));
        const result = seedPlatform(emu, p);
        sendJson(res, 200, result);
        return;
      }
      case "GET /faults":
        sendJson(res, 200, { rules: emu.faults.rules, rate_limit_per_second: emu.limiter.perSecond });
        return;
      case "DELETE /faults":
        emu.faults.rules = [];
        emu.limiter.perSecond = emu.config.rateLimitPerSecond;
        sendJson(res, 200, { rules: [], rate_limit_per_second: emu.limiter.perSecond });
        return;
      case "POST /faults": {
        const p = parse(faultsBodySchema, await json(req));
        if (p.clear) emu.faults.rules = [];
        if (p.rules) emu.faults.rules = p.rules;
        if (p.rule) emu.faults.rules.push(p.rule);
        if (p.rate_limit_per_second !== undefined) emu.limiter.perSecond = p.rate_limit_per_second;
        sendJson(res, 200, { rules: emu.faults.rules, rate_limit_per_second: emu.limiter.perSecond });
        return;
      }
      case "GET /requests": {
        const path = query.get("path");
        const m = query.get("method");
        const account = query.get("account");
        const since = query.get("since");
        const requestId = query.get("request_id");
        const data = emu.log.filter(
          (l) =>
            (!path || l.path === path || (path.endsWith("*") && l.path.startsWith(path.slice(0, -1)))) &&
            (!m || l.method === m.toUpperCase()) &&
            (!account || l.stripe_account === account) &&
            (!since || l.time >= Number(since)) &&
            (!requestId || l.request_id === requestId),
        );
        sendJson(res, 200, { object: "list", data });
        return;
      }
      case "DELETE /requests":
        emu.log = [];
        sendJson(res, 200, { ok: true });
        return;
      case "GET /webhook_endpoints":
        sendJson(res, 200, {
          data: emu.webhooks.endpoints.map((e) => ({ id: e.id, url: e.url, connect: e.connect ?? false })),
        });
        return;
      case "POST /webhook_endpoints": {
        const p = parse(endpointsBody, await json(req));
        if ("endpoints" in p) {
          emu.webhooks.setEndpoints(
            p.endpoints.map((e) => ({
              url: e.url,
              secret: e.secret ?? defaultSecret,
              connect: e.connect ?? false,
            })),
          );
          sendJson(res, 200, {
            data: emu.webhooks.endpoints.map((e) => ({ id: e.id, url: e.url, connect: e.connect ?? false })),
          });
        } else {
          const ep = emu.webhooks.addEndpoint({
            url: p.url,
            secret: p.secret ?? defaultSecret,
            connect: p.connect ?? false,
          });
          sendJson(res, 200, { id: ep.id, url: ep.url, connect: ep.connect ?? false });
        }
        return;
      }
      case "DELETE /webhook_endpoints":
        emu.webhooks.setEndpoints([]);
        sendJson(res, 200, { data: [] });
        return;
      case "GET /event_destinations":
        sendJson(res, 200, { data: emu.webhooks.destinations.map(destinationView) });
        return;
      case "POST /event_destinations": {
        const p = parse(destinationSchema, await json(req));
        const d = addDestination(emu.webhooks, {
          name: p.name ?? "sandbox-control",
          url: p.url,
          ...(p.secret ? { secret: p.secret } : {}),
          enabled_events: p.enabled_events ?? ["*"],
          event_payload: p.event_payload ?? "thin",
          events_from: p.events_from ?? ["self", "other_accounts"],
        });
        sendJson(res, 200, destinationView(d));
        return;
      }
      case "DELETE /event_destinations":
        emu.webhooks.destinations = [];
        sendJson(res, 200, { data: [] });
        return;
      case "GET /webhook_deliveries": {
        const eventId = query.get("event_id");
        const data = emu.webhooks.deliveries.filter((d) => !eventId || d.event_id === eventId);
        sendJson(res, 200, { object: "list", data });
        return;
      }
      case "DELETE /webhook_deliveries":
        emu.webhooks.deliveries = [];
        sendJson(res, 200, { ok: true });
        return;
      case "POST /webhooks/redeliver": {
        const p = parse(redeliverSchema, await json(req));
        let ids = p.event_ids ?? (p.event_id ? [p.event_id] : []);
        if (p.last) ids = p.thin ? [...emu.state.v2Events.keys()].slice(-p.last) : latestEvents(emu, p.last);
        const count = emu.webhooks.redeliver(ids, p.times ?? 1, p.order ?? "original", p.seed ?? 1);
        sendJson(res, 200, { queued: count });
        return;
      }
      case "POST /webhooks/pause":
        emu.webhooks.paused = true;
        sendJson(res, 200, { paused: true });
        return;
      case "POST /webhooks/release": {
        const p = parse(
          z.strictObject({ order: orderSchema.optional(), seed: z.number().int().optional() }),
          await json(req),
        );
        const count = emu.webhooks.release(p.order ?? "original", p.seed ?? 1);
        sendJson(res, 200, { released: count });
        return;
      }
      case "POST /time/advance": {
        const p = parse(z.strictObject({ seconds: z.number().int().min(0) }), await json(req));
        advanceClock(p.seconds);
        emu.tick();
        sendJson(res, 200, { ok: true });
        return;
      }
      case "POST /tick":
        emu.tick();
        sendJson(res, 200, { ok: true });
        return;
      case "GET /mail": {
        const to = query.get("to");
        const since = query.get("since");
        const sinceMs = since ? Number(since) : undefined;
        if (sinceMs !== undefined && !Number.isFinite(sinceMs))
          throw new ControlError(400, "since: must be a Unix time in milliseconds");
        const data = catcher().messages({
          ...(to ? { to } : {}),
          ...(sinceMs !== undefined ? { since: sinceMs } : {}),
        });
        sendJson(res, 200, { data });
        return;
      }
      case "DELETE /mail":
        sendJson(res, 200, { deleted: catcher().clear() });
        return;
      case "POST /mail/outage": {
        const { down } = parse(outageSchema, await json(req));
        catcher().setOutage(down);
        sendJson(res, 200, { down });
        return;
      }
      case "GET /inbox": {
        const html = renderInboxPage({
          messages: mail.catcher ? mail.catcher.messages() : null,
          smtpUrl: mail.catcher?.smtpUrl ?? null,
          totp: mail.totpSecrets,
        });
        res.writeHead(200, {
          "content-type": "text/html; charset=utf-8",
          "content-length": Buffer.byteLength(html),
          "content-security-policy": INBOX_CSP,
          "cache-control": "no-store",
          "x-content-type-options": "nosniff",
          "referrer-policy": "no-referrer",
        });
        res.end(html);
        return;
      }
      default:
        throw new ControlError(404, `Unknown control endpoint: ${route}`);
    }
  } catch (err) {
    if (err instanceof ControlError)
      sendJson(res, err.status, { error: { type: "invalid_request_error", message: err.message } });
    else throw err;
  }
}

function latestEvents(emu: Emulator, n: number): string[] {
  const all: { id: string; created: number }[] = [];
  for (const [, d] of emu.state.dataEntries())
    for (const e of d.events.values()) all.push({ id: e.id, created: e.created });
  return all
    .sort((a, b) => b.created - a.created)
    .slice(0, n)
    .reverse()
    .map((e) => e.id);
}
