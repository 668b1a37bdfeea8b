import { stripe } from "../sandbox-stripe";

/**
 * The floor under any account-session route built on the `stripe` package: one `accountSessions.create` through
 * stripe-node and nothing else — no sign-in, no database, no throttle. Bench-only (npm run bench, (a)); the account
 * is fixed by the bench through BASELINE_ACCOUNT_ID.
 */
export const dynamic = "force-dynamic";

export async function POST(): Promise<Response> {
  const session = await stripe.accountSessions.create({
    account: process.env.BASELINE_ACCOUNT_ID ?? "",
    components: { payments: { enabled: true } },
  });
  return Response.json({ clientSecret: session.client_secret }, { headers: { "cache-control": "no-store" } });
}
