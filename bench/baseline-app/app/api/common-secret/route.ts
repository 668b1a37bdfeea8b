import { stripe } from "../sandbox-stripe";

/**
 * The common way to mint an Account Session (as in most samples): look the account up, then create the session —
 * two Stripe round trips, made only once the browser asks after hydration. Bench-only; the account is fixed by the
 * bench through BASELINE_ACCOUNT_ID.
 */
export const dynamic = "force-dynamic";

export async function POST(): Promise<Response> {
  const accountId = process.env.BASELINE_ACCOUNT_ID ?? "";
  const account = await stripe.accounts.retrieve(accountId);
  const session = await stripe.accountSessions.create({
    account: account.id,
    components: { payments: { enabled: true } },
  });
  return Response.json({ clientSecret: session.client_secret }, { headers: { "cache-control": "no-store" } });
}
