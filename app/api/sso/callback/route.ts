import { getEnv } from "@/lib/env";
import { publicRoute } from "@/lib/http/route";
import { bindingFrom } from "@/lib/sso/flows";
import { handleCallback } from "@/lib/sso/service";

/**
 * Where the identity provider sends the browser back (the redirect URI registered with it). Always a redirect: on to
 * the console, the dashboard or the second factor; back to the page a link or step-up started from; or to the
 * sign-in page with what went wrong.
 */
export const GET = publicRoute(async ({ req }) => {
  const outcome = await handleCallback({
    search: req.nextUrl.searchParams,
    binding: bindingFrom(req.headers.get("cookie")),
    headers: req.headers,
  });
  const headers = new Headers({
    location: new URL(outcome.location, getEnv().appUrl.origin).toString(),
    "cache-control": "no-store",
    // The callback's address holds the authorization code: never pass it on.
    "referrer-policy": "no-referrer",
  });
  for (const cookie of outcome.cookies) headers.append("set-cookie", cookie);
  return new Response(null, { status: 303, headers });
});
