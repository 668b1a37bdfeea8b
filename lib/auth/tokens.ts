import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import { getDb } from "../db";
import type { DB } from "../db/schema";
import { getAuthSecret } from "../env";
import { AppError } from "../errors";

/**
 * Single-use, expiring, signed tokens for mailed links. The link carries `id.expiry.mac`: the MAC (HMAC-SHA256 with
 * the app's secret over purpose, id and expiry) makes a tampered or forged link fail before the database is asked;
 * the row makes it single-use (consuming it is one conditional update) and lets a newer link replace an older one.
 * A database leak alone gives no usable links: the MAC needs the secret.
 */
export const tokenPurposes = [
  "verify_email",
  "reset_password",
  "invitation",
  "change_email",
  "set_password",
] as const;
export type TokenPurpose = (typeof tokenPurposes)[number];

export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  verify_email: 24 * 3600_000,
  reset_password: 30 * 60_000,
  invitation: 7 * 24 * 3600_000,
  change_email: 24 * 3600_000,
  set_password: 24 * 3600_000,
};

type Executor = Kysely<DB> | Transaction<DB>;

const TOKEN_PATTERN = /^([A-Za-z0-9_-]{22})\.([0-9]{10,14})\.([A-Za-z0-9_-]{43})$/;

function mac(purpose: TokenPurpose, id: string, expiresAt: number): string {
  return createHmac("sha256", getAuthSecret())
    .update(`portico-token:${purpose}:${id}:${expiresAt}`)
    .digest("base64url");
}

export interface IssuedToken {
  id: string;
  token: string;
  expiresAt: number;
}

export async function issueToken(
  input: { purpose: TokenPurpose; subject: string; payload?: Record<string, unknown>; lifetimeMs?: number },
  db: Executor = getDb(),
): Promise<IssuedToken> {
  const id = randomBytes(16).toString("base64url");
  const now = Date.now();
  const expiresAt = now + (input.lifetimeMs ?? TOKEN_LIFETIME_MS[input.purpose]);
  await db
    .insertInto("one_time_tokens")
    .values({
      id,
      purpose: input.purpose,
      subject: input.subject,
      payload: JSON.stringify(input.payload ?? {}),
      created_at: now,
      expires_at: expiresAt,
      consumed_at: null,
    })
    .execute();
  return { id, token: `${id}.${expiresAt}.${mac(input.purpose, id, expiresAt)}`, expiresAt };
}

export interface ConsumedToken {
  id: string;
  subject: string;
  payload: Record<string, unknown>;
}

type TokenProblem = "invalid" | "expired" | "used";

const PROBLEM_MESSAGES: Record<TokenProblem, string> = {
  invalid: "This link is not valid. Check that you copied all of it, or ask for a new one.",
  expired: "This link has expired. Ask for a new one.",
  used: "This link has already been used. Ask for a new one if you still need it.",
};

function tokenError(problem: TokenProblem): AppError {
  return new AppError("invalid_request", PROBLEM_MESSAGES[problem], { reason: `token_${problem}` });
}

/** Checks the link's shape, MAC and expiry without the database; returns the row id. */
export function checkToken(purpose: TokenPurpose, token: string, now = Date.now()): string {
  const match = TOKEN_PATTERN.exec(token.trim());
  if (!match) throw tokenError("invalid");
  const [, id = "", expiry = "", given = ""] = match;
  const expiresAt = Number(expiry);
  const expected = Buffer.from(mac(purpose, id, expiresAt));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) throw tokenError("invalid");
  if (expiresAt <= now) throw tokenError("expired");
  return id;
}

/** The token's row if it is still usable, without consuming it (to show a page before the user confirms). */
export async function peekToken(
  purpose: TokenPurpose,
  token: string,
  db: Executor = getDb(),
): Promise<ConsumedToken> {
  const id = checkToken(purpose, token);
  const row = await db
    .selectFrom("one_time_tokens")
    .select(["id", "subject", "payload", "consumed_at", "expires_at"])
    .where("id", "=", id)
    .where("purpose", "=", purpose)
    .executeTakeFirst();
  if (!row) throw tokenError("used");
  if (row.consumed_at !== null) throw tokenError("used");
  if (Number(row.expires_at) <= Date.now()) throw tokenError("expired");
  return { id: row.id, subject: row.subject, payload: parsePayload(row.payload) };
}

/**
 * Uses the token up: one conditional update, so of two requests racing with the same link exactly one wins. Call it
 * inside the transaction that does what the link is for, so a failure later gives the link back.
 */
export async function consumeToken(
  purpose: TokenPurpose,
  token: string,
  db: Executor = getDb(),
): Promise<ConsumedToken> {
  const id = checkToken(purpose, token);
  const now = Date.now();
  const updated = await db
    .updateTable("one_time_tokens")
    .set({ consumed_at: now })
    .where("id", "=", id)
    .where("purpose", "=", purpose)
    .where("consumed_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) {
    const row = await db
      .selectFrom("one_time_tokens")
      .select(["consumed_at"])
      .where("id", "=", id)
      .executeTakeFirst();
    throw tokenError(row && row.consumed_at === null ? "expired" : "used");
  }
  const row = await db
    .selectFrom("one_time_tokens")
    .select(["id", "subject", "payload"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return { id: row.id, subject: row.subject, payload: parsePayload(row.payload) };
}

/** Ends every unused token of a purpose for a subject (a newer link replaces older ones; a reset ends resets). */
export async function revokeTokens(
  purpose: TokenPurpose,
  subject: string,
  db: Executor = getDb(),
): Promise<void> {
  await db
    .updateTable("one_time_tokens")
    .set({ consumed_at: Date.now() })
    .where("purpose", "=", purpose)
    .where("subject", "=", subject)
    .where("consumed_at", "is", null)
    .execute();
}

function parsePayload(raw: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
