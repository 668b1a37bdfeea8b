import "server-only";
import type { Logger } from "pino";
import { getDb } from "../db";
import { HttpError } from "../http/errors";
import { hitThrottle, peekThrottle, resetThrottle } from "../throttle";
import { SIGN_IN_FAILURES_PER_ACCOUNT, SIGN_IN_FAILURE_WINDOW_MS, signInThrottleKey } from ".";
import { verifyPassword } from "./password";
import type { CurrentSession } from "./session";

/**
 * Step-up re-authentication: the signed-in user proves again that they know their password before a sensitive act
 * (starting to view a connected account), so a stolen session cookie alone is not enough. Wrong passwords count
 * against the same per-account lockout as sign-in — it is the same secret being guessed.
 */
export async function requireStepUp(session: CurrentSession, password: string, log: Logger): Promise<void> {
  const key = signInThrottleKey(session.user.email);
  const state = await peekThrottle(key, SIGN_IN_FAILURES_PER_ACCOUNT, SIGN_IN_FAILURE_WINDOW_MS);
  if (!state.allowed) {
    log.warn({ event: "auth.step_up.locked" }, "step-up refused: too many failures for this account");
    throw new HttpError(429, "too_many_attempts", "Too many wrong passwords. Try again later.", {
      "retry-after": String(state.retryAfterSeconds),
    });
  }
  const credential = await getDb()
    .selectFrom("account")
    .select("password")
    .where("userId", "=", session.user.id)
    .where("providerId", "=", "credential")
    .executeTakeFirst();
  const ok = credential?.password ? await verifyPassword({ hash: credential.password, password }) : false;
  if (!ok) {
    await hitThrottle(key, Number.MAX_SAFE_INTEGER, SIGN_IN_FAILURE_WINDOW_MS);
    log.warn({ event: "auth.step_up.failed" }, "step-up re-authentication failed");
    throw new HttpError(403, "reauthentication_failed", "That password is not right.");
  }
  await resetThrottle(key);
}
