import Stripe from "stripe";
import { afterAll, beforeAll } from "vitest";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../../emulator/index";
import { SANDBOX_SECRET_KEY } from "../../../emulator/sandbox-keys";
import { PLATFORM_CONTROLLED } from "../../support/sandbox-accounts";

export { PLATFORM_CONTROLLED };

export function stripeFor(port: number, opts: { maxNetworkRetries?: number; apiKey?: string } = {}): Stripe {
  return new Stripe(opts.apiKey ?? SANDBOX_SECRET_KEY, {
    host: "127.0.0.1",
    port,
    protocol: "http",
    maxNetworkRetries: opts.maxNetworkRetries ?? 0,
    telemetry: false,
  });
}

/**
 * One emulator for the test file (random port, no rate limit, quiet unless overridden), stopped after it; `started`
 * hands the file its emulator and a client.
 */
export function useEmulator(
  started: (emu: RunningEmulator, stripe: Stripe) => void,
  options: EmulatorOptions = {},
): void {
  let emu: RunningEmulator | undefined;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, rateLimitPerSecond: 0, quiet: true, ...options });
    started(emu, stripeFor(emu.port));
  });
  afterAll(async () => {
    await emu?.stop();
  });
}

/** JSON call to the emulator's control API. */
export async function control<T = unknown>(
  url: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${url}/_emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const json: unknown = await res.json();
  if (!res.ok) throw new Error(`control ${method} ${path} → ${res.status}: ${JSON.stringify(json)}`);
  return json as T;
}

export type LoggedRequest = {
  method: string;
  path: string;
  stripe_account: string | null;
  params: Record<string, unknown>;
  status: number;
  idempotency_key: string | null;
  idempotent_replayed: boolean;
};

export async function requests(url: string, query = ""): Promise<LoggedRequest[]> {
  const r = await control<{ data: LoggedRequest[] }>(url, "GET", `requests${query}`);
  return r.data;
}

/** A connected account that is fully onboarded (charges and payouts enabled). */
export async function enabledAccount(stripe: Stripe, url: string): Promise<string> {
  const acct = await stripe.accounts.create(PLATFORM_CONTROLLED);
  await control(url, "POST", `accounts/${acct.id}/state`, { state: "enabled" });
  return acct.id;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function waitFor<T>(
  fn: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error("waitFor timed out");
    await sleep(50);
  }
}
