import "server-only";
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import { getPlatformConfig } from "../config";
import { getDb } from "../db";
import type { DB } from "../db/schema";
import { getAuthSecret } from "../env";
import { AppError } from "../errors";
import { hitThrottle, releaseThrottle } from "../throttle";
import { matchTotp, newTotpSecret, otpauthUri, totpStep } from "./totp";

/**
 * The second factor: a TOTP secret (encrypted at rest with a key derived from the app's secret) and ten single-use
 * recovery codes (stored hashed). A factor protects nothing until its first code is confirmed. Wrong codes count
 * against a per-user limit shared by sign-in and step-up, so six digits cannot be walked.
 */

type Executor = Kysely<DB> | Transaction<DB>;

const CODE_ATTEMPTS = 5;
const CODE_WINDOW_MS = 15 * 60_000;
const RECOVERY_CODES = 10;

function key(): Buffer {
  return Buffer.from(hkdfSync("sha256", getAuthSecret(), "portico", "second-factor-secret", 32));
}

/** `v1.iv.tag.ciphertext` (base64url), AES-256-GCM. */
export function encryptSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

function decryptSecret(stored: string): string {
  const [version, iv, tag, data] = stored.split(".");
  if (version !== "v1" || !iv || !tag || !data) throw new Error("unreadable second factor");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

function hashRecoveryCode(code: string): string {
  return createHash("sha256")
    .update(`portico-recovery:${code.replace(/[\s-]/g, "").toLowerCase()}`)
    .digest("base64url");
}

function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODES }, () => {
    const raw = randomBytes(6).toString("hex");
    return `${raw.slice(0, 6)}-${raw.slice(6)}`;
  });
}

function attemptsKey(userId: string): string {
  return `second-factor:${userId}`;
}

export interface EnrolmentStart {
  secret: string;
  otpauthUri: string;
}

/** Starts (or restarts) setting up TOTP. Refused while a confirmed factor exists: replacing it needs it removed first. */
export async function beginEnrolment(user: { id: string; email: string }): Promise<EnrolmentStart> {
  const db = getDb();
  const existing = await db
    .selectFrom("second_factors")
    .select("confirmed_at")
    .where("user_id", "=", user.id)
    .executeTakeFirst();
  if (existing && existing.confirmed_at !== null) {
    throw new AppError(
      "conflict",
      "A second factor is already set up. Remove it first to set up a new one.",
      {
        reason: "already_enrolled",
      },
    );
  }
  const secret = newTotpSecret();
  const values = {
    secret: encryptSecret(secret),
    recovery_codes: "[]",
    confirmed_at: null,
    created_at: Date.now(),
  };
  await db
    .insertInto("second_factors")
    .values({ user_id: user.id, last_used_at: null, ...values })
    .onConflict((oc) => oc.column("user_id").doUpdateSet(values))
    .execute();
  return {
    secret,
    otpauthUri: otpauthUri({ issuer: getPlatformConfig().name, account: user.email, secret }),
  };
}

/** Writes (or replaces) what this session proved. */
export async function recordAssurance(
  sessionId: string,
  userId: string,
  method: "totp" | "recovery_code" | "idp_mfa" | "passkey",
  db: Executor = getDb(),
): Promise<void> {
  const values = { method, verified_at: Date.now(), user_id: userId };
  await db
    .insertInto("session_assurance")
    .values({ session_id: sessionId, ...values })
    .onConflict((oc) => oc.column("session_id").doUpdateSet(values))
    .execute();
}

async function limitAttempts(userId: string): Promise<{ succeeded(): Promise<void> }> {
  const hit = await hitThrottle(attemptsKey(userId), CODE_ATTEMPTS, CODE_WINDOW_MS);
  if (!hit.allowed) {
    throw new AppError("locked_out", "Too many wrong codes. Wait a few minutes and try again.", {
      reason: "second_factor_locked",
      retryAfterSeconds: hit.retryAfterSeconds,
    });
  }
  return { succeeded: () => releaseThrottle(attemptsKey(userId)) };
}

function codeUsed(): AppError {
  return new AppError(
    "reauthentication_failed",
    "That code was already used. Wait for the next code in your authenticator app and enter it.",
    { reason: "code_used", fields: { code: "That code was already used." } },
  );
}

/**
 * Spends the code of `step`: each TOTP code works once, so a code seen over someone's shoulder (or phished) cannot
 * be used again, not even for a step-up by the person who just signed in with it. The recent steps are kept with
 * the factor; the update is conditional on them, so two requests racing with one code cannot both win.
 */
async function spendTotpStep(
  db: Executor,
  userId: string,
  usedStepsRaw: string,
  step: number,
): Promise<{ ok: true; values: { used_steps: string } } | { ok: false }> {
  const used = parseSteps(usedStepsRaw);
  if (used.includes(step)) return { ok: false };
  const now = totpStep();
  // Steps older than the accepted window can never match again: forget them.
  const kept = [...used.filter((s) => s >= now - 2), step].sort((a, b) => a - b);
  const values = { used_steps: JSON.stringify(kept) };
  const updated = await db
    .updateTable("second_factors")
    .set(values)
    .where("user_id", "=", userId)
    .where("used_steps", "=", usedStepsRaw)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1 ? { ok: true, values } : { ok: false };
}

function wrongCode(): AppError {
  return new AppError(
    "reauthentication_failed",
    "That code is not right. Check your authenticator app and try again.",
    {
      reason: "wrong_code",
      fields: { code: "That code is not right." },
    },
  );
}

/** Confirms the enrolment with a first code; returns the recovery codes, shown once. The session counts as verified. */
export async function confirmEnrolment(
  user: { id: string },
  sessionId: string,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  const attempt = await limitAttempts(user.id);
  const db = getDb();
  const factor = await db
    .selectFrom("second_factors")
    .select(["secret", "confirmed_at", "used_steps"])
    .where("user_id", "=", user.id)
    .executeTakeFirst();
  if (!factor)
    throw new AppError("conflict", "Start setting up the second factor first.", { reason: "not_enrolling" });
  if (factor.confirmed_at !== null) {
    throw new AppError("conflict", "This second factor is already set up.", { reason: "already_enrolled" });
  }
  const step = matchTotp(decryptSecret(factor.secret), code);
  if (step === null) throw wrongCode();
  const recoveryCodes = newRecoveryCodes();
  await db.transaction().execute(async (trx) => {
    const spent = await spendTotpStep(trx, user.id, factor.used_steps, step);
    if (!spent.ok) throw codeUsed();
    const now = Date.now();
    await trx
      .updateTable("second_factors")
      .set({
        confirmed_at: now,
        last_used_at: now,
        recovery_codes: JSON.stringify(recoveryCodes.map(hashRecoveryCode)),
      })
      .where("user_id", "=", user.id)
      .execute();
    await recordAssurance(sessionId, user.id, "totp", trx);
  });
  await attempt.succeeded();
  return { recoveryCodes };
}

/**
 * Checks a code of the user's confirmed factor: a TOTP code, or (when `allowRecovery`) a recovery code, which is
 * then used up. Throws on a wrong code. Returns how it was proven.
 */
export async function checkSecondFactor(
  userId: string,
  code: string,
  options: { allowRecovery: boolean },
): Promise<"totp" | "recovery_code"> {
  const attempt = await limitAttempts(userId);
  const db = getDb();
  const factor = await db
    .selectFrom("second_factors")
    .select(["secret", "recovery_codes", "used_steps"])
    .where("user_id", "=", userId)
    .where("confirmed_at", "is not", null)
    .executeTakeFirst();
  if (!factor) {
    throw new AppError("conflict", "Set up a second factor first.", {
      reason: "second_factor_enrolment_required",
    });
  }
  const trimmed = code.trim();
  if (/^\d{3}\s?\d{3}$/.test(trimmed)) {
    const step = matchTotp(decryptSecret(factor.secret), trimmed);
    if (step === null) throw wrongCode();
    const spent = await spendTotpStep(db, userId, factor.used_steps, step);
    // A used code was a right one: it does not count toward the limit on wrong codes.
    if (!spent.ok) {
      await attempt.succeeded();
      throw codeUsed();
    }
    await db
      .updateTable("second_factors")
      .set({ last_used_at: Date.now() })
      .where("user_id", "=", userId)
      .execute();
    await attempt.succeeded();
    return "totp";
  }
  if (!options.allowRecovery) throw wrongCode();
  const hashes = parseHashes(factor.recovery_codes);
  const given = Buffer.from(hashRecoveryCode(trimmed));
  const index = hashes.findIndex((h) => {
    const stored = Buffer.from(h);
    return stored.length === given.length && timingSafeEqual(stored, given);
  });
  if (index < 0) throw wrongCode();
  const remaining = hashes.filter((_, i) => i !== index);
  // Conditional on the list being unchanged, so one recovery code cannot be spent twice at once.
  const updated = await db
    .updateTable("second_factors")
    .set({ recovery_codes: JSON.stringify(remaining), last_used_at: Date.now() })
    .where("user_id", "=", userId)
    .where("recovery_codes", "=", factor.recovery_codes)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw wrongCode();
  await attempt.succeeded();
  return "recovery_code";
}

/** The second step of signing in: a code for this session. */
export async function verifySessionSecondFactor(
  user: { id: string },
  sessionId: string,
  code: string,
): Promise<"totp" | "recovery_code"> {
  const method = await checkSecondFactor(user.id, code, { allowRecovery: true });
  await recordAssurance(sessionId, user.id, method);
  return method;
}

export async function regenerateRecoveryCodes(userId: string, code: string): Promise<string[]> {
  await checkSecondFactor(userId, code, { allowRecovery: false });
  const codes = newRecoveryCodes();
  await getDb()
    .updateTable("second_factors")
    .set({ recovery_codes: JSON.stringify(codes.map(hashRecoveryCode)) })
    .where("user_id", "=", userId)
    .execute();
  return codes;
}

/** Removes a tenant's own factor (with a current code). Staff cannot: theirs is required. */
export async function removeSecondFactor(
  user: { id: string; isStaff: boolean },
  code: string,
): Promise<void> {
  if (user.isStaff || getPlatformConfig().security.requireTenantSecondFactor) {
    throw new AppError("forbidden", "A second factor is required for your account: it cannot be removed.", {
      reason: "second_factor_required",
    });
  }
  await checkSecondFactor(user.id, code, { allowRecovery: false });
  await getDb().deleteFrom("second_factors").where("user_id", "=", user.id).execute();
  await getDb().deleteFrom("session_assurance").where("user_id", "=", user.id).execute();
}

export async function remainingRecoveryCodes(userId: string): Promise<number | null> {
  const row = await getDb()
    .selectFrom("second_factors")
    .select(["recovery_codes", "confirmed_at"])
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!row || row.confirmed_at === null) return null;
  return parseHashes(row.recovery_codes).length;
}

/** Seeds a confirmed factor with a known secret (the sandbox's demo staff); recovery codes are left empty. */
export async function seedSecondFactor(
  userId: string,
  secret: string,
  db: Executor = getDb(),
): Promise<void> {
  const now = Date.now();
  const values = { secret: encryptSecret(secret), recovery_codes: "[]", confirmed_at: now, created_at: now };
  await db
    .insertInto("second_factors")
    .values({ user_id: userId, last_used_at: null, ...values })
    .onConflict((oc) => oc.column("user_id").doUpdateSet(values))
    .execute();
}

function parseSteps(raw: string): number[] {
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter((v): v is number => Number.isInteger(v)) : [];
  } catch {
    return [];
  }
}

function parseHashes(raw: string): string[] {
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}
