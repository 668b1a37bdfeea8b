import { loadAccountPlan } from "@/lib/access/dashboard";
import { mintAccountSession } from "@/lib/connect/account-session";
import { json, requireJsonRequest, tenantRoute } from "@/lib/http/route";

/**
 * A fresh Account Session for the connected account of the business the signed-in person acts for (never one the
 * request names): `{ clientSecret, expiresAt }`, with the components and features the person's profile gets.
 */
export const POST = tenantRoute({ permission: "dashboard.view" }, async ({ req, access, log, meta }) => {
  // The body carries nothing the server uses (an `account` in it, say, is never even read).
  requireJsonRequest(req);
  const plan = await loadAccountPlan(access);
  const minted = await mintAccountSession(access, plan, log, meta);
  return json(
    { clientSecret: minted.clientSecret, expiresAt: minted.expiresAt },
    { headers: { "cache-control": "no-store" } },
  );
});
