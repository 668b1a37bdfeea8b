import { matchTotp, TOTP_STEP_SECONDS, totpCode, totpStep } from "../../lib/auth/totp";

/**
 * TOTP codes for tests, as an authenticator app would give them. Portico accepts each code once (and the step
 * before and after the current one), so a test that signs in and then steps up within one 30-second window needs
 * two different codes: this hands out codes of steps not yet used, and waits for the next step when all are spent.
 * Another process (an earlier test file) may have used a step this one does not know of: `withTotpCode` then
 * marks it and tries the next.
 */
const used = new Map<string, Set<number>>();
const STEP_MS = TOTP_STEP_SECONDS * 1000;
/** The previous step's code is only handed out this long before the step ends, so the server still takes it. */
const MARGIN_MS = 5_000;

function candidates(now: number): number[] {
  const step = totpStep(now);
  const leftInStep = (step + 1) * STEP_MS - now;
  return [step, step + 1, ...(leftInStep > MARGIN_MS ? [step - 1] : [])];
}

/**
 * A code of `secret` for a step this process has not used yet (waiting for a new step when needed). Steps are
 * counted per `user` (the server spends them per user; people may share a demo secret), by default per secret.
 */
export async function freshTotpCode(secret: string, user: string = secret): Promise<string> {
  const spent = used.get(user) ?? new Set<number>();
  used.set(user, spent);
  for (;;) {
    const now = Date.now();
    const free = candidates(now).find((step) => !spent.has(step));
    if (free !== undefined) {
      spent.add(free);
      return totpCode(secret, free * STEP_MS);
    }
    const nextStep = (totpStep(now) + 1) * STEP_MS;
    await new Promise((resolve) => setTimeout(resolve, nextStep - now + 50));
  }
}

/** The wire code of an error answer, when it is one. */
async function errorCode(response: Response): Promise<string | null> {
  if (response.status < 400) return null;
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => null);
  if (typeof body !== "object" || body === null || !("error" in body)) return null;
  const error = (body as { error: unknown }).error;
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : null;
}

/**
 * Sends `send(code)` with a fresh code; when the server says the code was already used (by another process's
 * test), tries again with the next one.
 */
export async function withTotpCode(
  secret: string,
  send: (code: string) => Promise<Response>,
  user: string = secret,
): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const response = await send(await freshTotpCode(secret, user));
    if (attempt >= 5 || (await errorCode(response)) !== "code_used") return response;
  }
}

/** A six-digit code the server cannot take for `secret` right now (the code of no step it accepts). */
export function wrongTotpCode(secret: string): string {
  const now = Date.now();
  const near = new Set([-2, -1, 0, 1, 2].map((offset) => totpCode(secret, now + offset * STEP_MS)));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, "0");
    if (!near.has(code) && matchTotp(secret, code, now) === null) return code;
  }
}
