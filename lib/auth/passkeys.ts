import "server-only";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { z } from "zod";
import { getPlatformConfig } from "../config";
import { getDb } from "../db";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { hitThrottle, releaseThrottle } from "../throttle";

export type { AuthenticationResponseJSON } from "@simplewebauthn/server";

/**
 * Passkeys as a second factor (WebAuthn): where the browser has one, a touch of the fingerprint reader or the
 * security key instead of typing a code. They sit beside the authenticator app — added only once TOTP is set up,
 * so recovery codes always exist — and count wherever a second factor does: the second step of signing in and every
 * step-up. Each ceremony's challenge is stored for the session that asked for it, used once, and expires in 5
 * minutes; the relying party is APP_URL's host, so a passkey works only on this deployment's origin.
 */

export type PasskeyCeremony = "register" | "sign_in" | "step_up";

const CHALLENGE_MS = 5 * 60_000;
const MAX_PASSKEYS = 10;
const ATTEMPTS = 10;
const ATTEMPT_WINDOW_MS = 15 * 60_000;

function relyingParty(): { rpID: string; rpName: string; origin: string } {
  const { appUrl } = getEnv();
  return { rpID: appUrl.hostname, rpName: getPlatformConfig().name, origin: appUrl.origin };
}

/** The browser's answer, checked for shape and size before the library parses it. */
const base64url = z
  .string()
  .max(16_384)
  .regex(/^[A-Za-z0-9_-]*$/, "not base64url");
export const registrationResponseSchema = z.object({
  id: base64url.min(1).max(1_366),
  rawId: base64url.min(1).max(1_366),
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: base64url,
    attestationObject: base64url,
    transports: z
      .array(z.enum(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"]))
      .max(10)
      .optional(),
    authenticatorData: base64url.optional(),
    publicKey: base64url.optional(),
    publicKeyAlgorithm: z.number().int().optional(),
  }),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});
export const authenticationResponseSchema = z.object({
  id: base64url.min(1).max(1_366),
  rawId: base64url.min(1).max(1_366),
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    userHandle: base64url.optional(),
  }),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});

export interface PasskeySummary {
  id: string;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
  backedUp: boolean;
}

export async function listPasskeys(userId: string): Promise<PasskeySummary[]> {
  const rows = await getDb()
    .selectFrom("passkeys")
    .select(["id", "name", "created_at", "last_used_at", "backed_up"])
    .where("user_id", "=", userId)
    .orderBy("created_at", "asc")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    createdAt: Number(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
    backedUp: Boolean(row.backed_up),
  }));
}

export async function hasPasskey(userId: string): Promise<boolean> {
  const row = await getDb()
    .selectFrom("passkeys")
    .select("id")
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row !== undefined;
}

async function storeChallenge(
  sessionId: string,
  userId: string,
  kind: PasskeyCeremony,
  challenge: string,
): Promise<void> {
  const values = { user_id: userId, challenge, expires_at: Date.now() + CHALLENGE_MS };
  await getDb()
    .insertInto("passkey_challenges")
    .values({ session_id: sessionId, kind, ...values })
    .onConflict((oc) => oc.columns(["session_id", "kind"]).doUpdateSet(values))
    .execute();
}

/** Takes the session's open challenge of `kind`: at most once, and only before it expires. */
async function takeChallenge(sessionId: string, userId: string, kind: PasskeyCeremony): Promise<string> {
  const row = await getDb()
    .deleteFrom("passkey_challenges")
    .where("session_id", "=", sessionId)
    .where("kind", "=", kind)
    .where("user_id", "=", userId)
    .returning(["challenge", "expires_at"])
    .executeTakeFirst();
  if (!row || Number(row.expires_at) <= Date.now()) {
    throw new AppError("reauthentication_failed", "The passkey request expired. Try again.", {
      reason: "passkey_expired",
    });
  }
  return row.challenge;
}

function passkeyFailed(): AppError {
  return new AppError("reauthentication_failed", "That passkey could not be verified. Try again.", {
    reason: "passkey_failed",
  });
}

/** Options for adding a passkey; the caller has checked a fresh proof of who the person is. */
export async function beginPasskeyRegistration(
  user: { id: string; email: string; name: string },
  sessionId: string,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const db = getDb();
  const factor = await db
    .selectFrom("second_factors")
    .select("user_id")
    .where("user_id", "=", user.id)
    .where("confirmed_at", "is not", null)
    .executeTakeFirst();
  if (!factor) {
    throw new AppError("conflict", "Set up an authenticator app first: a passkey is added beside it.", {
      reason: "second_factor_enrolment_required",
    });
  }
  const existing = await db
    .selectFrom("passkeys")
    .select(["id", "transports"])
    .where("user_id", "=", user.id)
    .execute();
  if (existing.length >= MAX_PASSKEYS) {
    throw new AppError("conflict", `You have ${MAX_PASSKEYS} passkeys: remove one before adding another.`, {
      reason: "too_many_passkeys",
    });
  }
  const rp = relyingParty();
  const options = await generateRegistrationOptions({
    rpID: rp.rpID,
    rpName: rp.rpName,
    userName: user.email,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(user.id),
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: parseTransports(p.transports) })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
    timeout: CHALLENGE_MS,
  });
  await storeChallenge(sessionId, user.id, "register", options.challenge);
  return options;
}

export async function finishPasskeyRegistration(
  user: { id: string },
  sessionId: string,
  response: RegistrationResponseJSON,
  name: string,
): Promise<PasskeySummary> {
  const challenge = await takeChallenge(sessionId, user.id, "register");
  const rp = relyingParty();
  const verified = await verifyRegistrationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpID,
    requireUserVerification: false,
  }).catch(() => null);
  if (!verified?.verified || !verified.registrationInfo) throw passkeyFailed();
  const { credential, credentialDeviceType, credentialBackedUp } = verified.registrationInfo;
  const now = Date.now();
  const row = {
    id: credential.id,
    user_id: user.id,
    name,
    public_key: Buffer.from(credential.publicKey).toString("base64url"),
    counter: credential.counter,
    transports: JSON.stringify(credential.transports ?? response.response.transports ?? []),
    device_type: credentialDeviceType,
    backed_up: credentialBackedUp ? 1 : 0,
    created_at: now,
    last_used_at: null,
  };
  const inserted = await getDb()
    .insertInto("passkeys")
    .values(row)
    .onConflict((oc) => oc.column("id").doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) {
    throw new AppError("conflict", "This passkey is already registered.", { reason: "passkey_exists" });
  }
  return { id: row.id, name, createdAt: now, lastUsedAt: null, backedUp: credentialBackedUp };
}

/** Options for proving the person with one of their passkeys (the second step of signing in, or a step-up). */
export async function beginPasskeyAuthentication(
  userId: string,
  sessionId: string,
  kind: "sign_in" | "step_up",
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const passkeys = await getDb()
    .selectFrom("passkeys")
    .select(["id", "transports"])
    .where("user_id", "=", userId)
    .execute();
  if (passkeys.length === 0) {
    throw new AppError("conflict", "You have no passkey yet. Use your authenticator app.", {
      reason: "no_passkey",
    });
  }
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    allowCredentials: passkeys.map((p) => ({ id: p.id, transports: parseTransports(p.transports) })),
    userVerification: "preferred",
    timeout: CHALLENGE_MS,
  });
  await storeChallenge(sessionId, userId, kind, options.challenge);
  return options;
}

/**
 * Checks the browser's passkey answer against the session's open challenge and the user's own passkeys; the
 * signature counter moves forward or the answer is refused (a cloned authenticator). Failures count toward a
 * per-user limit.
 */
export async function verifyPasskey(
  userId: string,
  sessionId: string,
  kind: "sign_in" | "step_up",
  response: AuthenticationResponseJSON,
): Promise<void> {
  const key = `passkey:${userId}`;
  const hit = await hitThrottle(key, ATTEMPTS, ATTEMPT_WINDOW_MS);
  if (!hit.allowed) {
    throw new AppError("locked_out", "Too many failed passkey attempts. Wait a few minutes and try again.", {
      reason: "second_factor_locked",
      retryAfterSeconds: hit.retryAfterSeconds,
    });
  }
  const challenge = await takeChallenge(sessionId, userId, kind);
  const db = getDb();
  const passkey = await db
    .selectFrom("passkeys")
    .select(["id", "public_key", "counter", "transports"])
    .where("id", "=", response.id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!passkey) throw passkeyFailed();
  const rp = relyingParty();
  const verified = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpID,
    credential: {
      id: passkey.id,
      publicKey: new Uint8Array(Buffer.from(passkey.public_key, "base64url")),
      counter: Number(passkey.counter),
      transports: parseTransports(passkey.transports),
    },
    requireUserVerification: false,
  }).catch(() => null);
  if (!verified?.verified) throw passkeyFailed();
  // Conditional on the stored counter, so two answers racing with one signature cannot both count.
  const updated = await db
    .updateTable("passkeys")
    .set({ counter: verified.authenticationInfo.newCounter, last_used_at: Date.now() })
    .where("id", "=", passkey.id)
    .where("counter", "=", Number(passkey.counter))
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw passkeyFailed();
  await releaseThrottle(key);
}

export async function renamePasskey(userId: string, id: string, name: string): Promise<void> {
  const updated = await getDb()
    .updateTable("passkeys")
    .set({ name })
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new AppError("not_found", "No such passkey.");
}

export async function removePasskey(userId: string, id: string): Promise<PasskeySummary> {
  const row = await getDb()
    .deleteFrom("passkeys")
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .returning(["id", "name", "created_at", "last_used_at", "backed_up"])
    .executeTakeFirst();
  if (!row) throw new AppError("not_found", "No such passkey.");
  return {
    id: row.id,
    name: row.name,
    createdAt: Number(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
    backedUp: Boolean(row.backed_up),
  };
}

const TRANSPORTS = new Set<AuthenticatorTransportFuture>([
  "ble",
  "cable",
  "hybrid",
  "internal",
  "nfc",
  "smart-card",
  "usb",
]);

function parseTransports(raw: string): AuthenticatorTransportFuture[] {
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value)
      ? value.filter((t): t is AuthenticatorTransportFuture =>
          TRANSPORTS.has(t as AuthenticatorTransportFuture),
        )
      : [];
  } catch {
    return [];
  }
}
