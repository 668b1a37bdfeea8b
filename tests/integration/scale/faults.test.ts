import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCluster, type Cluster } from "@/scripts/lib/cluster";
import { AppClient } from "../../support/app-client";
import type { LoggedRequest } from "../../support/emulator-client";

/**
 * Account Sessions under a flaky Stripe: 20 % 5xx and 20 % `lock_timeout` 429s on every attempt. At least 99.9 % of
 * the route's requests must still succeed, and every retry must reuse its logical call's idempotency key (so Stripe
 * could never create two sessions for one request). Its own stack: the shared one throttles users at 30/min.
 */

const REQUESTS = 1_000;
const CONCURRENCY = 8;

let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({
    instances: 1,
    database: process.env.DATABASE_URL?.startsWith("postgres") ? "postgres" : "sqlite",
    env: { ACCOUNT_SESSION_LIMIT_PER_MINUTE: "10000", LOG_LEVEL: "warn" },
    // The point is the injected faults, not Stripe's 25 req/s limiter.
    emulator: { rateLimitPerSecond: 0 },
  });
}, 180_000);

afterAll(async () => {
  await cluster?.stop();
});

async function control(path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${cluster.emulator.url}/_emulator/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.ok).toBe(true);
  return response.json();
}

describe("account sessions with 20 % 5xx and 20 % lock_timeout from Stripe", () => {
  it(`succeed for ≥ 99.9 % of ${REQUESTS} requests, each logical call keeping one idempotency key`, async () => {
    const app = cluster.apps[0];
    if (!app) throw new Error("no instance");
    const client = new AppClient(app.url, undefined, cluster.origin);
    expect((await client.signIn("owner@acme.test")).status).toBe(200);
    // Warm the account's mirror entry and the server, then start from an empty log.
    expect((await client.request("/api/account-session", { body: {} })).status).toBe(200);
    await fetch(`${cluster.emulator.url}/_emulator/requests`, { method: "DELETE" });

    await control("faults", {
      rules: [
        { path_prefix: "/v1/account_sessions", error_rate: 0.1, error_status: 500 },
        { path_prefix: "/v1/account_sessions", error_rate: 0.1 / 0.9, error_status: 503 },
        { path_prefix: "/v1/account_sessions", lock_timeout_rate: 0.25 },
      ],
    });
    const statuses: number[] = [];
    let next = 0;
    const worker = async () => {
      while (next < REQUESTS) {
        next += 1;
        statuses.push((await client.request("/api/account-session", { body: {} })).status);
      }
    };
    try {
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    } finally {
      await control("faults", { clear: true });
    }

    const ok = statuses.filter((s) => s === 200).length;
    expect(statuses).toHaveLength(REQUESTS);
    expect(ok / REQUESTS).toBeGreaterThanOrEqual(0.999);

    const log = (await control("requests?path=/v1/account_sessions&method=POST")) as {
      data: LoggedRequest[];
    };
    const attempts = log.data;
    const failedAttempts = attempts.filter((a) => a.status !== 200);
    // The faults really happened: about 36 % of attempts failed (5xx or lock_timeout).
    expect(failedAttempts.length).toBeGreaterThan(REQUESTS * 0.25);
    expect(new Set(failedAttempts.map((a) => a.status))).toEqual(new Set([500, 503, 429]));

    const byKey = new Map<string, LoggedRequest[]>();
    for (const attempt of attempts) {
      expect(attempt.idempotency_key).toBeTruthy();
      const key = String(attempt.idempotency_key);
      byKey.set(key, [...(byKey.get(key) ?? []), attempt]);
    }
    // One key per logical call: as many keys as route requests (a retry with a fresh key would add keys), and each
    // key's attempts end in at most one success, after which nothing was sent again.
    expect(byKey.size).toBe(REQUESTS);
    let retried = 0;
    for (const group of byKey.values()) {
      const successes = group.filter((a) => a.status === 200);
      expect(successes.length).toBeLessThanOrEqual(1);
      if (successes.length === 1) expect(group.at(-1)?.status).toBe(200);
      if (group.length > 1) retried += 1;
    }
    expect(retried).toBeGreaterThan(REQUESTS * 0.2);
    expect(attempts.filter((a) => a.status === 200)).toHaveLength(ok);
  }, 120_000);
});
