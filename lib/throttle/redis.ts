import "server-only";
import Redis from "ioredis";
import { getEnv } from "../env";
import { log } from "../log";

/**
 * Throttle counters in Redis (`REDIS_URL`), shared by every instance. Each hit is one Lua script — INCR, then
 * PEXPIRE on the first hit of a window — so the counter and its expiry are set atomically: a crash between the two
 * can never leave a counter without an expiry (a user locked out for good).
 */

const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if count == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

const RELEASE_SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count > 0 then redis.call('DECR', KEYS[1]) end
return count
`;

const KEY_PREFIX = "portico:throttle:";
/** A throttle check is on the request path: never wait on Redis longer than this before using the database. */
const COMMAND_TIMEOUT_MS = 300;
const WARN_EVERY_MS = 30_000;

export interface RedisThrottle {
  hit(key: string, windowMs: number): Promise<{ count: number; ttlMs: number }>;
  /** Takes one hit back (never below zero; the window's expiry stays). */
  release(key: string): Promise<void>;
  reset(key: string): Promise<void>;
}

declare global {
  // One client per process, kept across Next.js dev hot reloads.
  var porticoRedisThrottle: RedisThrottle | null | undefined;
}

let lastWarning = 0;

/** Logs (at most every 30 s) that Redis failed and the database is counting instead. */
export function reportRedisFailure(error: unknown): void {
  const now = Date.now();
  if (now - lastWarning < WARN_EVERY_MS) return;
  lastWarning = now;
  log.warn(
    { event: "throttle.redis_unavailable", errorName: error instanceof Error ? error.name : typeof error },
    "Redis is unreachable: throttles fall back to the database",
  );
}

function pair(value: unknown): { count: number; ttlMs: number } {
  if (!Array.isArray(value) || value.length !== 2) throw new Error("unexpected Redis reply");
  const [count, ttl] = value.map(Number);
  if (count === undefined || ttl === undefined || !Number.isFinite(count) || !Number.isFinite(ttl)) {
    throw new Error("unexpected Redis reply");
  }
  return { count, ttlMs: Math.max(0, ttl) };
}

function createRedisThrottle(url: string): RedisThrottle {
  const client = new Redis(url, {
    lazyConnect: false,
    connectTimeout: 1_000,
    commandTimeout: COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    // Keep trying to come back in the background; requests use the database meanwhile.
    retryStrategy: (times) => Math.min(times * 250, 2_000),
  });
  // Without a listener ioredis would surface connection errors as unhandled 'error' events.
  client.on("error", reportRedisFailure);

  const available = () => {
    // While reconnecting, fail at once instead of queueing behind the reconnect: the database answers instead.
    if (client.status === "reconnecting" || client.status === "end" || client.status === "close") {
      throw new Error(`Redis ${client.status}`);
    }
  };

  return {
    async hit(key, windowMs) {
      available();
      return pair(await client.eval(HIT_SCRIPT, 1, KEY_PREFIX + key, String(windowMs)));
    },
    async release(key) {
      available();
      await client.eval(RELEASE_SCRIPT, 1, KEY_PREFIX + key);
    },
    async reset(key) {
      available();
      await client.del(KEY_PREFIX + key);
    },
  };
}

/** The process's Redis throttle store, or null when `REDIS_URL` is not set. */
export function getRedis(): RedisThrottle | null {
  if (globalThis.porticoRedisThrottle === undefined) {
    const url = getEnv().redisUrl;
    globalThis.porticoRedisThrottle = url ? createRedisThrottle(url) : null;
  }
  return globalThis.porticoRedisThrottle;
}
