import "server-only";
import { AppError } from "../errors";
import { hitThrottle, releaseThrottle } from "../throttle";

/**
 * The per-account lockout shared by sign-in and step-up (the same secret is being guessed): at most 5 password
 * attempts per email address in 15 minutes, whatever the IP, for any submitted address — existing or not, so the
 * answer never tells which exist. Reserve-then-verify: each attempt is counted atomically *before* the password is
 * checked, so a burst of parallel guesses cannot all read a count of zero; an attempt that succeeds gives its own
 * reservation back but does not wipe the others (a legitimate sign-in during an attack must not reset the
 * attacker's budget).
 */
export const PASSWORD_ATTEMPTS_PER_ACCOUNT = 5;
export const PASSWORD_LOCKOUT_WINDOW_MS = 15 * 60 * 1000;

export function lockoutKey(email: string): string {
  return `sign-in-failures:${email.normalize("NFKC").trim().toLowerCase()}`;
}

function minutes(seconds: number): string {
  const m = Math.max(1, Math.ceil(seconds / 60));
  return m === 1 ? "1 minute" : `${m} minutes`;
}

export function lockedOut(retryAfterSeconds: number): AppError {
  return new AppError(
    "locked_out",
    `Too many wrong passwords for this account: it is locked for ${minutes(PASSWORD_LOCKOUT_WINDOW_MS / 1000)}. Try again in ${minutes(retryAfterSeconds)}, or ask the platform's support to help.`,
    { reason: "account_locked", retryAfterSeconds },
  );
}

export interface AttemptReservation {
  /** The attempt succeeded: give its reservation back. */
  succeeded(): Promise<void>;
}

/** Counts one password attempt for `email`; throws `locked_out` when the account's budget is spent. */
export async function reservePasswordAttempt(email: string): Promise<AttemptReservation> {
  const key = lockoutKey(email);
  const state = await hitThrottle(key, PASSWORD_ATTEMPTS_PER_ACCOUNT, PASSWORD_LOCKOUT_WINDOW_MS);
  if (!state.allowed) throw lockedOut(state.retryAfterSeconds);
  return { succeeded: () => releaseThrottle(key) };
}
