import Stripe from "stripe";

/**
 * The common way to mint an Account Session (as in most samples): look the account up, then create the session —
 * two Stripe round trips, made only once the browser asks after hydration. Bench-only; the account is fixed by the
 * bench through BASELINE_ACCOUNT_ID.
 */
export const dynamic = "force-dynamic";

function stripe(): Stripe {
  const emulator = new URL(process.env.EMULATOR_URL ?? "http://127.0.0.1:12111");
  return new Stripe("sk_test_portico_sandbox", {
    host: emulator.hostname,
    port: Number(emulator.port),
    protocol: "http",
    maxNetworkRetries: 2,
    timeout: 10_000,
  });
}

export async function POST(): Promise<Response> {
  const accountId = process.env.BASELINE_ACCOUNT_ID ?? "";
  const client = stripe();
  const account = await client.accounts.retrieve(accountId);
  const session = await client.accountSessions.create({
    account: account.id,
    components: { payments: { enabled: true } },
  });
  return Response.json({ clientSecret: session.client_secret }, { headers: { "cache-control": "no-store" } });
}
