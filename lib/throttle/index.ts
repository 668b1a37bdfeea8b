import "server-only";
import { sql } from "kysely";
import { getDb } from "../db";

export interface ThrottleResult {
  allowed: boolean;
  count: number;
  limit: number;
  retryAfterSeconds: number;
}

/**
 * Fixed-window counters in the database, so every instance behind a load balancer shares them.
 * One atomic upsert per hit: no read-modify-write race between instances.
 */
export async function hitThrottle(
  key: string,
  limit: number,
  windowMs: number,
  now = Date.now(),
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

/** Reads a counter without counting a hit. */
export async function peekThrottle(
  key: string,
  limit: number,
  windowMs: number,
  now = Date.now(),
): Promise<ThrottleResult> {
  const row = await getDb()
    .selectFrom("throttles")
    .select(["count", "window_start"])
    .where("key", "=", key)
    .executeTakeFirst();
  if (!row || Number(row.window_start) <= now - windowMs) {
    return { allowed: true, count: 0, limit, retryAfterSeconds: 0 };
  }
  const count = Number(row.count);
  return {
    allowed: count < limit,
    count,
    limit,
    retryAfterSeconds: Math.max(1, Math.ceil((Number(row.window_start) + windowMs - now) / 1000)),
  };
}

export async function resetThrottle(key: string): Promise<void> {
  await getDb().deleteFrom("throttles").where("key", "=", key).execute();
}
