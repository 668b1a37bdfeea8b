import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { getDb } from "../db";
import { AppError } from "../errors";
import { newId } from "../ids";

/**
 * Step-up grants: what an IdP re-authentication earns — one sensitive act (the purpose) by one session, once,
 * within five minutes. The browser carries only a random token (in the URL fragment, so no server or Referer sees
 * it); its hash is stored. `requireFreshAuth` consumes it.
 */

export const GRANT_TTL_MS = 5 * 60_000;

/** The acts an IdP re-authentication may stand in for, and the permission each needs. */
export const stepUpPurposes = {
  "view_as.start": "view_as.start",
  "view_as.escalate": "view_as.escalate",
} as const;
export type StepUpPurpose = keyof typeof stepUpPurposes;

function tokenHash(token: string): string {
  return createHash("sha256").update(`portico-step-up:${token}`).digest("base64url");
}

export async function issueStepUpGrant(input: {
  sessionId: string;
  userId: string;
  identityId: string;
  purpose: StepUpPurpose;
  authTimeSeconds: number;
}): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const now = Date.now();
  await getDb()
    .insertInto("sso_step_up_grants")
    .values({
      id: newId("sug"),
      token_hash: tokenHash(token),
      session_id: input.sessionId,
      user_id: input.userId,
      identity_id: input.identityId,
      purpose: input.purpose,
      auth_time: input.authTimeSeconds * 1000,
      created_at: now,
      expires_at: now + GRANT_TTL_MS,
      consumed_at: null,
    })
    .execute();
  // Spent and expired grants are of no further use.
  await getDb()
    .deleteFrom("sso_step_up_grants")
    .where("expires_at", "<", now - GRANT_TTL_MS)
    .execute();
  return token;
}

function refused(): AppError {
  return new AppError(
    "reauthentication_failed",
    "This confirmation with your identity provider has expired or was already used. Confirm again.",
    { reason: "step_up_grant_invalid" },
  );
}

/**
 * Spends a grant for `purpose` by this session and user — or throws `reauthentication_failed`. The identity it was
 * earned with must still be linked (unlinking deletes it, and with it its grants).
 */
export async function consumeStepUpGrant(input: {
  token: string;
  sessionId: string;
  userId: string;
  purpose: string;
}): Promise<void> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(input.token)) throw refused();
  const now = Date.now();
  const updated = await getDb()
    .updateTable("sso_step_up_grants")
    .set({ consumed_at: now })
    .where("token_hash", "=", tokenHash(input.token))
    .where("session_id", "=", input.sessionId)
    .where("user_id", "=", input.userId)
    .where("purpose", "=", input.purpose)
    .where("consumed_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw refused();
}
