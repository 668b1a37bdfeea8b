import Database from "better-sqlite3";
import { stripe } from "../sandbox-stripe";

/**
 * An account-session route written the common way, as Stripe's demo does: look the signed-in user's session up,
 * retrieve their connected account, then create the Account Session — two Stripe round trips per request. Bench-only
 * ((a) at 100 ms of sandbox latency): it reads the bench's own database (BASELINE_DATABASE) for the session, and the
 * account is the bench's (BASELINE_ACCOUNT_ID).
 */
export const dynamic = "force-dynamic";

let db: Database.Database | null = null;

function sessionUser(cookie: string | null): string | null {
  const raw = /(?:^|;\s*)portico\.session_token=([^;]+)/.exec(cookie ?? "")?.[1];
  const token = raw ? decodeURIComponent(raw).split(".")[0] : null;
  if (!token) return null;
  db ??= new Database(process.env.BASELINE_DATABASE ?? ":memory:", { readonly: true, fileMustExist: false });
  const row = db.prepare('select "userId" from session where token = ?').get(token) as
    { userId: string } | undefined;
  return row?.userId ?? null;
}

export async function POST(request: Request): Promise<Response> {
  if (!sessionUser(request.headers.get("cookie")))
    return Response.json({ error: "unauthenticated" }, { status: 401 });
  const account = await stripe.accounts.retrieve(process.env.BASELINE_ACCOUNT_ID ?? "");
  const session = await stripe.accountSessions.create({
    account: account.id,
    components: { payments: { enabled: true } },
  });
  return Response.json({ clientSecret: session.client_secret }, { headers: { "cache-control": "no-store" } });
}
