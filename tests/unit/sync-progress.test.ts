import { describe, expect, it } from "vitest";
import {
  accountsPerSecond,
  etaMs,
  formatDuration,
  formatProgressBar,
  formatProgressLine,
  type SyncProgress,
} from "@/lib/accounts/sync-progress";

const base: SyncProgress = {
  accounts: 4_200,
  pages: 42,
  accountsThisRun: 4_200,
  elapsedMs: 2_000,
  estimatedTotal: 10_000,
  rateLimited: 0,
  resumed: false,
  done: false,
};

describe("backfill progress", () => {
  it("formats durations", () => {
    expect(formatDuration(0)).toBe("0s");
    expect(formatDuration(12_400)).toBe("12s");
    expect(formatDuration(185_000)).toBe("3m 05s");
    expect(formatDuration(3_725_000)).toBe("1h 02m");
  });

  it("computes the rate of this run and the time left", () => {
    expect(accountsPerSecond(base)).toBe(2_100);
    expect(etaMs(base)).toBeCloseTo((5_800 / 2_100) * 1000);
    expect(etaMs({ ...base, estimatedTotal: null })).toBeNull();
    expect(etaMs({ ...base, elapsedMs: 0 })).toBeNull();
  });

  it("draws a bar with count, rate and ETA when a total is known", () => {
    const line = formatProgressBar(base, 10);
    expect(line).toBe("[████░░░░░░] 4,200/≈10,000 accounts · 42 pages · 2,100 accounts/s · ETA 3s");
  });

  it("shows what has been done and the rate when the total is unknown", () => {
    const line = formatProgressBar({ ...base, estimatedTotal: null, rateLimited: 3 });
    expect(line).toMatch(/^\S 4,200 accounts · 42 pages · 2,100 accounts\/s · 2s elapsed · 3 × 429$/);
    expect(line).not.toMatch(/ETA/);
  });

  it("never shows 100 % before the end, and a full bar when done", () => {
    expect(formatProgressBar({ ...base, accounts: 12_000 }, 100)).toContain(`[${"█".repeat(99)}░]`);
    expect(formatProgressBar({ ...base, accounts: 10_000, done: true }, 10)).toMatch(
      /^\[██████████\] 10,000\/10,000 accounts · 42 pages · .* · done in 2s$/,
    );
  });

  it("prints plain lines for logs", () => {
    expect(formatProgressLine(base)).toBe(
      "stripe:sync progress: 4,200 accounts of ≈10,000, 42 pages, 2,100 accounts/s, ETA 3s",
    );
    expect(formatProgressLine({ ...base, done: true })).toBe(
      "stripe:sync finished: 4,200 accounts, 42 pages, 2,100 accounts/s, done in 2s",
    );
  });
});
