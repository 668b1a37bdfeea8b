/**
 * A client-side token bucket that adapts to Stripe's 429s: a rate-limit answer lowers the rate (multiplicatively)
 * and empties the bucket; each success raises it back gradually (additively) up to the configured ceiling. Pure
 * apart from the clock, which is injected, so the schedule is unit-tested without waiting.
 */
export interface TokenBucketOptions {
  /** Requests per second at most (the ceiling the adaptive rate recovers to). */
  ratePerSecond: number;
  /** Tokens that may accumulate while idle (a short burst). */
  burst?: number;
  /** Lowest rate a run of 429s may push it to. */
  minRatePerSecond?: number;
  /** Factor applied to the rate on a 429. */
  decrease?: number;
  /** Fraction of the ceiling regained per successful request. */
  recovery?: number;
  now?: () => number;
}

export class TokenBucket {
  readonly ceiling: number;
  readonly burst: number;
  private readonly minRate: number;
  private readonly decrease: number;
  private readonly recovery: number;
  private readonly now: () => number;
  private currentRate: number;
  private tokens: number;
  private updatedAt: number;
  /** No token is handed out before this time (set by a 429's backoff). */
  private blockedUntil = 0;
  private consecutiveLimited = 0;

  constructor(options: TokenBucketOptions) {
    if (!(options.ratePerSecond > 0)) throw new Error("ratePerSecond must be greater than 0");
    this.ceiling = options.ratePerSecond;
    this.burst = Math.max(1, options.burst ?? 1);
    this.minRate = Math.min(this.ceiling, options.minRatePerSecond ?? Math.max(0.5, this.ceiling / 20));
    this.decrease = options.decrease ?? 0.7;
    this.recovery = options.recovery ?? 0.05;
    this.now = options.now ?? Date.now;
    this.currentRate = this.ceiling;
    this.tokens = this.burst;
    this.updatedAt = this.now();
  }

  get rate(): number {
    return this.currentRate;
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.currentRate);
    this.updatedAt = now;
  }

  /** Takes a token and returns how long to wait (ms) before using it; 0 when one is available now. */
  reserve(): number {
    const now = this.now();
    this.refill(now);
    this.tokens -= 1;
    const deficitWait = this.tokens >= 0 ? 0 : (-this.tokens / this.currentRate) * 1000;
    return Math.max(deficitWait, this.blockedUntil - now, 0);
  }

  /** Waits for a token; rejects when `signal` aborts. */
  async take(signal?: AbortSignal): Promise<void> {
    const wait = this.reserve();
    if (wait > 0) await sleep(wait, signal);
  }

  /** A request went through: regain some rate. */
  onSuccess(): void {
    this.consecutiveLimited = 0;
    this.currentRate = Math.min(this.ceiling, this.currentRate + this.ceiling * this.recovery);
  }

  /**
   * Stripe answered 429 (rate limited): slow down, empty the bucket and hold every request for a backoff that
   * doubles with each consecutive 429 (0.25 s, 0.5 s, … 5 s, with jitter): never a hot loop. Returns that backoff.
   */
  onRateLimited(random: () => number = Math.random): number {
    const now = this.now();
    this.refill(now);
    this.consecutiveLimited += 1;
    this.currentRate = Math.max(this.minRate, this.currentRate * this.decrease);
    this.tokens = Math.min(this.tokens, 0);
    const base = Math.min(5_000, 250 * 2 ** (this.consecutiveLimited - 1));
    const backoff = base / 2 + random() * (base / 2);
    this.blockedUntil = Math.max(this.blockedUntil, now + backoff);
    return backoff;
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error("aborted"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
