import { z } from "zod";

export const faultRuleSchema = z.strictObject({
  path_prefix: z.string().optional(),
  method: z.string().optional(),
  latency_ms: z.number().int().min(0).optional(),
  jitter_ms: z.number().int().min(0).optional(),
  error_rate: z.number().min(0).max(1).optional(),
  error_status: z.union([z.literal(500), z.literal(503)]).optional(),
  /** `Stripe-Should-Retry` on injected 5xx: true/false sets the header, absent leaves it off. */
  should_retry: z.boolean().optional(),
  lock_timeout_rate: z.number().min(0).max(1).optional(),
  rate_limit_rate: z.number().min(0).max(1).optional(),
  rate_limit_reason: z
    .enum(["global-concurrency", "global-rate", "endpoint-concurrency", "endpoint-rate", "resource-specific"])
    .optional(),
  hang: z.boolean().optional(),
  /** How many requests the error/hang part applies to; unlimited when absent. */
  count: z.number().int().min(1).optional(),
});
export type FaultRule = z.output<typeof faultRuleSchema>;

export const faultsBodySchema = z.strictObject({
  clear: z.boolean().optional(),
  rules: z.array(faultRuleSchema).optional(),
  /** Shorthand for a single global rule. */
  rule: faultRuleSchema.optional(),
  rate_limit_per_second: z.number().int().min(0).optional(),
});

export type FaultOutcome =
  | { kind: "none" }
  | { kind: "hang" }
  | { kind: "error"; status: number; shouldRetry: boolean | undefined }
  | { kind: "lock_timeout" }
  | { kind: "rate_limit"; reason: string };

export class Faults {
  rules: FaultRule[] = [];

  matching(method: string, path: string): FaultRule[] {
    return this.rules.filter(
      (r) =>
        (r.path_prefix === undefined || path.startsWith(r.path_prefix)) &&
        (r.method === undefined || r.method.toUpperCase() === method),
    );
  }

  latency(rules: FaultRule[]): number {
    let ms = 0;
    for (const r of rules) ms += (r.latency_ms ?? 0) + (r.jitter_ms ? Math.random() * r.jitter_ms : 0);
    return ms;
  }

  outcome(rules: FaultRule[]): FaultOutcome {
    for (const r of rules) {
      if (r.count !== undefined && r.count <= 0) continue;
      let out: FaultOutcome = { kind: "none" };
      if (r.hang) out = { kind: "hang" };
      else if (r.error_rate !== undefined && Math.random() < r.error_rate)
        out = { kind: "error", status: r.error_status ?? 500, shouldRetry: r.should_retry };
      else if (r.lock_timeout_rate !== undefined && Math.random() < r.lock_timeout_rate)
        out = { kind: "lock_timeout" };
      else if (r.rate_limit_rate !== undefined && Math.random() < r.rate_limit_rate)
        out = { kind: "rate_limit", reason: r.rate_limit_reason ?? "endpoint-rate" };
      if (out.kind !== "none") {
        if (r.count !== undefined) r.count -= 1;
        return out;
      }
    }
    return { kind: "none" };
  }
}

/** Fixed one-second windows per credential. */
export class RateLimiter {
  private windows = new Map<string, { second: number; count: number }>();
  constructor(public perSecond: number) {}
  /** True when the request is over the limit. */
  hit(key: string): boolean {
    if (this.perSecond <= 0) return false;
    const second = Math.floor(Date.now() / 1000);
    const w = this.windows.get(key);
    if (!w || w.second !== second) {
      this.windows.set(key, { second, count: 1 });
      return false;
    }
    w.count += 1;
    return w.count > this.perSecond;
  }
}
