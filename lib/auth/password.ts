import "server-only";
import { hash, verify } from "@node-rs/argon2";

/** Argon2id at OWASP's first-choice parameters: m = 19 MiB, t = 2, p = 1. */
const ARGON2ID = { algorithm: 2, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

export async function verifyPassword({
  hash: stored,
  password,
}: {
  hash: string;
  password: string;
}): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    // A malformed stored hash is a failed verification, not a crash.
    return false;
  }
}
