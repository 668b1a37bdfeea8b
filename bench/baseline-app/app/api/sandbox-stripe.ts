import Stripe from "stripe";

/** The baseline app's Stripe client, pointed at the bench's sandbox (EMULATOR_URL). Bench-only. */
const emulator = new URL(process.env.EMULATOR_URL ?? "http://127.0.0.1:12111");

export const stripe = new Stripe("sk_test_portico_sandbox", {
  host: emulator.hostname,
  port: Number(emulator.port),
  protocol: "http",
  maxNetworkRetries: 2,
  timeout: 10_000,
});
