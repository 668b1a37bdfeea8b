import { randomBytes } from "node:crypto";
import Stripe from "stripe";
import { SANDBOX_SECRET_KEY, SANDBOX_WEBHOOK_SECRET } from "@/emulator/sandbox-keys";
import { openDatabase, type DbHandle } from "@/lib/db/connection";
import type { WebhookEventTable } from "@/lib/db/schema";
import { parseEnv } from "@/lib/env/schema";
import { appUrl } from "../../support/app-client";
import { emulatorUrl } from "../../support/emulator-client";

/** The test stack's database, for read-only checks of what the app recorded. */
export function openTestDatabase(): DbHandle {
  const parsed = parseEnv(process.env);
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return openDatabase(parsed.env.database, { poolSize: 2 });
}

/** The platform's Stripe client against the stack's emulator. */
export function emulatorStripe(): Stripe {
  const url = new URL(emulatorUrl());
  return new Stripe(SANDBOX_SECRET_KEY, {
    apiVersion: "2026-10-28.endive",
    host: url.hostname,
    port: Number(url.port),
    protocol: "http",
    maxNetworkRetries: 2,
    telemetry: false,
  });
}

export const eventId = () => `evt_test${randomBytes(10).toString("hex")}`;

export function buildEvent(input: {
  type: string;
  account: string | null;
  object: unknown;
  created?: number;
  livemode?: boolean;
  id?: string;
}) {
  return {
    id: input.id ?? eventId(),
    object: "event",
    ...(input.account ? { account: input.account } : {}),
    api_version: "2026-10-28.endive",
    created: input.created ?? Math.floor(Date.now() / 1000),
    data: { object: input.object },
    livemode: input.livemode ?? false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: input.type,
  };
}

/** Delivers a payload as Stripe does: the raw JSON, signed over `t.payload` with the endpoint's secret. */
export async function deliver(
  payload: string,
  options: { secret?: string; timestamp?: number; signature?: string | null } = {},
): Promise<Response> {
  const signature =
    options.signature === undefined
      ? Stripe.webhooks.generateTestHeaderString({
          payload,
          secret: options.secret ?? SANDBOX_WEBHOOK_SECRET,
          ...(options.timestamp !== undefined ? { timestamp: options.timestamp } : {}),
        })
      : options.signature;
  return fetch(new URL("/api/webhooks/stripe", appUrl()), {
    method: "POST",
    headers: {
      "content-type": "application/json; charset=utf-8",
      "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
      ...(signature !== null ? { "stripe-signature": signature } : {}),
    },
    body: payload,
  });
}

export async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** The recorded event once processing has finished with it (processed, ignored or failed). */
export async function settledEvent(handle: DbHandle, id: string): Promise<WebhookEventTable> {
  return waitFor(async () => {
    const row = await handle.db
      .selectFrom("webhook_events")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row && row.status !== "pending" && row.status !== "processing" ? row : null;
  }, `event ${id} to be processed`);
}

export async function tenantAccountId(
  handle: DbHandle,
  slug: string,
): Promise<{ tenantId: string; accountId: string }> {
  const row = await handle.db
    .selectFrom("tenants")
    .select(["id", "stripe_account_id"])
    .where("slug", "=", slug)
    .executeTakeFirstOrThrow();
  if (!row.stripe_account_id) throw new Error(`${slug} has no connected account in the test database`);
  return { tenantId: row.id, accountId: row.stripe_account_id };
}
