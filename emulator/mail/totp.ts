import { createHmac } from "node:crypto";

const BASE32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const STEP_SECONDS = 30;
const DIGITS = 6;

/** RFC 4648 base32 (case-insensitive; spaces, dashes and `=` padding ignored, as authenticator apps show them). */
export function base32Decode(input: string): Buffer {
  const clean = input.replace(/[\s=-]/g, "").toUpperCase();
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of clean) {
    const value = BASE32_ALPHABET.indexOf(ch);
    if (value === -1) throw new Error(`Invalid base32 character: '${ch}'`);
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >>> bits) & 0xff);
    }
    // Keep only the bits not yet emitted so the accumulator never overflows 32 bits.
    buffer &= (1 << bits) - 1;
  }
  return Buffer.from(out);
}

/** Seconds until the current TOTP code changes. */
export function totpSecondsLeft(atMs = Date.now()): number {
  return STEP_SECONDS - (Math.floor(atMs / 1000) % STEP_SECONDS);
}

/** RFC 6238 TOTP (HMAC-SHA1, 30 s step, 6 digits) for a base32 secret, as authenticator apps compute it. */
export function totpCode(base32Secret: string, atMs = Date.now()): string {
  const key = base32Decode(base32Secret);
  if (key.length === 0) throw new Error("TOTP secret is empty");
  const counter = Math.floor(Math.floor(atMs / 1000) / STEP_SECONDS);
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const hmac = createHmac("sha1", key).update(message).digest();
  // RFC 4226 dynamic truncation: the low nibble of the last byte picks a 4-byte window.
  const offset = (hmac[hmac.length - 1] ?? 0) & 0x0f;
  const binary = hmac.readUInt32BE(offset) & 0x7fffffff;
  return (binary % 10 ** DIGITS).toString().padStart(DIGITS, "0");
}
