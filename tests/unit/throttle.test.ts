import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

/** lib/throttle with Redis (REDIS_URL), and its fallback to the database when Redis cannot be reached. */

const dir = mkdtempSync(path.join(tmpdir(), "portico-throttle-"));

function redisRuns(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port: 6379 });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(500, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

const redisUp = await redisRuns();

type ThrottleModule = typeof import("@/lib/throttle");

/** Fresh modules (the environment is read once per module instance) with REDIS_URL set to `redisUrl`. */
async function throttleWith(redisUrl: string): Promise<ThrottleModule> {
  vi.resetModules();
  process.env.REDIS_URL = redisUrl;
  globalThis.porticoRedisThrottle = undefined;
  return import("@/lib/throttle");
}

async function databaseRow(key: string): Promise<{ count: number } | undefined> {
  const { getDb } = await import("@/lib/db");
  return getDb().selectFrom("throttles").select("count").where("key", "=", key).executeTakeFirst();
}

beforeAll(async () => {
  process.env.DATABASE_URL = `file:${path.join(dir, "portico.db")}`;
  process.env.PORTICO_DATA_DIR = dir;
  process.env.LOG_LEVEL = "silent";
  const { ensureMigrated } = await import("@/lib/db");
  await ensureMigrated();
});

afterAll(async () => {
  await globalThis.porticoDb?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("throttles", () => {
  it.skipIf(!redisUp)("count in Redis when REDIS_URL is set, atomically, with an expiry", async () => {
    const { hitThrottle, releaseThrottle, resetThrottle } = await throttleWith("redis://127.0.0.1:6379");
    const key = `test:${randomUUID()}`;
    const hits = await Promise.all(Array.from({ length: 5 }, () => hitThrottle(key, 3, 60_000)));
    expect(hits.map((h) => h.count).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(hits.filter((h) => h.allowed)).toHaveLength(3);
    const blocked = hits.find((h) => !h.allowed);
    expect(blocked?.retryAfterSeconds).toBeGreaterThan(0);
    expect(blocked?.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Nothing was written to the database.
    expect(await databaseRow(key)).toBeUndefined();
    // A released hit is given back (reserve-then-verify), never below zero.
    await releaseThrottle(key);
    expect((await hitThrottle(key, 3, 60_000)).count).toBe(5);
    await resetThrottle(key);
    await releaseThrottle(key);
    expect(await hitThrottle(key, 3, 60_000)).toMatchObject({ allowed: true, count: 1 });
  });

  it.skipIf(!redisUp)("start a new window in Redis once the old one expires", async () => {
    const { hitThrottle } = await throttleWith("redis://127.0.0.1:6379");
    const key = `test:${randomUUID()}`;
    expect((await hitThrottle(key, 1, 150)).allowed).toBe(true);
    expect((await hitThrottle(key, 1, 150)).allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await hitThrottle(key, 1, 150)).toMatchObject({ allowed: true, count: 1 });
  });

  it("fall back to the database when Redis is unreachable, and keep counting there", async () => {
    // Port 1 on this machine: nothing listens, the connection is refused at once.
    const { hitThrottle, releaseThrottle, resetThrottle } = await throttleWith("redis://127.0.0.1:1");
    const key = `test:${randomUUID()}`;
    const started = Date.now();
    const first = await hitThrottle(key, 2, 60_000);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(first).toMatchObject({ allowed: true, count: 1 });
    expect((await hitThrottle(key, 2, 60_000)).allowed).toBe(true);
    expect((await hitThrottle(key, 2, 60_000)).allowed).toBe(false);
    expect((await databaseRow(key))?.count).toBe(3);
    await releaseThrottle(key);
    expect((await databaseRow(key))?.count).toBe(2);
    await resetThrottle(key);
    expect(await databaseRow(key)).toBeUndefined();
  });

  it("use the database without REDIS_URL", async () => {
    const { hitThrottle } = await throttleWith("");
    const key = `test:${randomUUID()}`;
    await hitThrottle(key, 2, 60_000);
    expect((await databaseRow(key))?.count).toBe(1);
  });
});
