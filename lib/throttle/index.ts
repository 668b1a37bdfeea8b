import "server-only";
import { sql } from "kysely";
import { getDb } from "../db";
import { getRedis, reportRedisFailure } from "./redis";

export interface ThrottleResult {
  allowed: boolean;
  count: number;
  limit: number;
  retryAfterSeconds: number;
}

/**
 * Fixed-window counters shared by every instance behind a load balancer: in Redis when `REDIS_URL` is set (one
 * round trip, no database write per hit), otherwise — or while Redis is unreachable — in the database, with one
 * atomic upsert per hit so instances never race on a read-modify-write.
 *
 * `now` only drives the database path (tests pin it); Redis windows run on Redis's own clock, which every instance
 * shares, so skewed instance clocks cannot stretch or shrink a window.
 */
export async function hitThrottle(
  key: string,
  limit: number,
  windowMs: number,
  now = Date.now(),
): Promise<ThrottleResult> {
  const redis = getRedis();
  if (redis) {
    try {
      const { count, ttlMs } = await redis.hit(key, windowMs);
      return {
        allowed: count <= limit,
        count,
        limit,
        retryAfterSeconds: Math.max(1, Math.ceil(ttlMs / 1000)),
      };
    } catch (error) {
      reportRedisFailure(error);
    }
  }
  return hitDatabase(key, limit, windowMs, now);
}

/**
 * Gives back one hit counted by `hitThrottle` (reserve-then-verify: an attempt is counted before it is checked, and
 * an attempt that turns out fine is given back, so concurrent attempts can never all pass a stale count).
 */
export async function releaseThrottle(key: string): Promise<void> {
  const redis = getRedis();
  if (redis) {
    try {
      await redis.release(key);
      return;
    } catch (error) {
      reportRedisFailure(error);
    }
  }
  await getDb()
    .updateTable("throttles")
    .set({ count: sql<number>`count - 1` })
    .where("key", "=", key)
    .where("count", ">", 0)
    .execute();
}

export async function resetThrottle(key: string): Promise<void> {
  const redis = getRedis();
  if (redis) {
    try {
      await redis.reset(key);
    } catch (error) {
      reportRedisFailure(error);
    }
  }
  // Always clear the database too: hits counted there during a Redis outage must not outlive a reset.
  await getDb().deleteFrom("throttles").where("key", "=", key).execute();
}

async function hitDatabase(
  key: string,
  limit: number,
  windowMs: number,
  now: number,
): Promise<ThrottleResult> {
  const windowFloor = now - windowMs;
  const row = await getDb()
    .insertInto("throttles")
    .values({ key, count: 1, window_start: now })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        count: sql<number>`case when throttles.window_start <= ${windowFloor} then 1 else throttles.count + 1 end`,
        window_start: sql<number>`case when throttles.window_start <= ${windowFloor} then ${now} else throttles.window_start end`,
      }),
    )
    .returning(["count", "window_start"])
    .executeTakeFirstOrThrow();
  const count = Number(row.count);
  const windowStart = Number(row.window_start);
  return {
    allowed: count <= limit,
    count,
    limit,
    retryAfterSeconds: Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000)),
  };
}
