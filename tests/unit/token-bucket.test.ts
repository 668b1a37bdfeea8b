import { describe, expect, it } from "vitest";
import { TokenBucket } from "@/lib/accounts/token-bucket";

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("TokenBucket", () => {
  it("spaces requests at the configured rate once the burst is spent", () => {
    const time = clock();
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 2, now: time.now });
    expect(bucket.reserve()).toBe(0);
    expect(bucket.reserve()).toBe(0);
    expect(bucket.reserve()).toBeCloseTo(100);
    expect(bucket.reserve()).toBeCloseTo(200);
    time.advance(1_000);
    // Idle time refills up to the burst only.
    expect(bucket.reserve()).toBe(0);
    expect(bucket.reserve()).toBe(0);
    expect(bucket.reserve()).toBeCloseTo(100);
  });

  it("never hands out more than burst + rate × t tokens in t", () => {
    const time = clock();
    const bucket = new TokenBucket({ ratePerSecond: 25, burst: 3, now: time.now });
    let granted = 0;
    for (let ms = 0; ms < 1_000; ms += 5) {
      if (bucket.reserve() === 0) granted += 1;
      else bucket.onSuccess(); // the reservation stands: keep time moving
      time.advance(5);
    }
    expect(granted).toBeLessThanOrEqual(3 + 25);
  });

  it("slows down on a 429 with a growing, jittered backoff, then recovers gradually to the ceiling", () => {
    const time = clock();
    const bucket = new TokenBucket({ ratePerSecond: 20, now: time.now });
    expect(bucket.rate).toBe(20);
    const first = bucket.onRateLimited(() => 0.5);
    const second = bucket.onRateLimited(() => 0.5);
    const third = bucket.onRateLimited(() => 0.5);
    expect(first).toBeGreaterThanOrEqual(125);
    expect(second).toBeGreaterThan(first);
    expect(third).toBeGreaterThan(second);
    expect(bucket.rate).toBeCloseTo(20 * 0.7 ** 3);
    // Nothing goes out during the backoff.
    expect(bucket.reserve()).toBeGreaterThanOrEqual(third - 1);
    for (let i = 0; i < 100; i++) bucket.onSuccess();
    expect(bucket.rate).toBe(20);
  });

  it("caps the backoff and keeps a floor under the rate", () => {
    const time = clock();
    const bucket = new TokenBucket({ ratePerSecond: 20, now: time.now });
    let last = 0;
    for (let i = 0; i < 20; i++) last = bucket.onRateLimited(() => 1);
    expect(last).toBeLessThanOrEqual(5_000);
    expect(bucket.rate).toBeGreaterThanOrEqual(1);
  });

  it("refuses a rate that is not positive", () => {
    expect(() => new TokenBucket({ ratePerSecond: 0 })).toThrow(/ratePerSecond/);
  });
});
