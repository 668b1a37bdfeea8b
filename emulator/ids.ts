import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Deterministic PRNG (mulberry32) so seeded platforms are reproducible. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error("pick from empty list");
    return item;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  chars(n: number): string {
    let out = "";
    for (let i = 0; i < n; i++) out += ALPHABET[Math.floor(this.next() * 62)];
    return out;
  }
}

/** Id source: random by default, a seeded Rng while the seeder runs. */
let seeded: Rng | undefined;

export function useSeededIds(rng: Rng | undefined): void {
  seeded = rng;
}

export function randomChars(n: number): string {
  if (seeded) return seeded.chars(n);
  const bytes = randomBytes(n);
  let out = "";
  for (let i = 0; i < n; i++) out += ALPHABET[(bytes[i] ?? 0) % 62];
  return out;
}

/** Stripe-style id: prefix + 24 alphanumerics (Stripe's own lengths vary; prefixes are what clients rely on). */
export function newId(prefix: string, length = 24): string {
  return `${prefix}_${randomChars(length)}`;
}

let clockOffset = 0;
let frozen: number | undefined;
/** Unix seconds; the offset lets tests shift time without sleeping, the seeder freezes it while replaying history. */
export function now(): number {
  return frozen ?? Math.floor(Date.now() / 1000) + clockOffset;
}
export function freezeClock(at: number | undefined): void {
  frozen = at;
}
export function advanceClock(seconds: number): void {
  clockOffset += seconds;
}
export function resetClock(): void {
  clockOffset = 0;
}
