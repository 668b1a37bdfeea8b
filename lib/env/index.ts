import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { formatEnvErrors, parseEnv, type Env } from "./schema";

let cached: Env | undefined;

/** The validated environment; throws (stopping start-up) with a message naming each bad variable. */
export function getEnv(): Env {
  if (cached) return cached;
  const result = parseEnv(process.env);
  if (!result.ok) throw new Error(formatEnvErrors(result.errors));
  cached = result.env;
  return cached;
}

let cachedSecret: string | undefined;

/**
 * BETTER_AUTH_SECRET, or — only on a developer's machine or a local build — a random secret generated once and kept
 * under the data directory so sessions survive restarts.
 */
export function getAuthSecret(): string {
  if (cachedSecret) return cachedSecret;
  const env = getEnv();
  if (env.authSecret) {
    cachedSecret = env.authSecret;
    return cachedSecret;
  }
  const file = path.resolve(env.dataDir, "auth-secret");
  try {
    cachedSecret = readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    const generated = `portico-sandbox-${randomBytes(32).toString("base64url")}`;
    try {
      writeFileSync(file, `${generated}\n`, { mode: 0o600, flag: "wx" });
      cachedSecret = generated;
    } catch {
      // Another process created it first: use theirs.
      cachedSecret = readFileSync(file, "utf8").trim();
    }
  }
  return cachedSecret;
}

export type { Env } from "./schema";
