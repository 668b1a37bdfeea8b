import { z } from "zod";
import { loadAccountState, requirePlan } from "@/lib/access/dashboard";
import { mintAccountSession } from "@/lib/connect/account-session";
import { requestMeta } from "@/lib/http/request-meta";
import { json, readJson, tenantRoute } from "@/lib/http/route";

// The body carries nothing the server uses: whatever it says (an `account`, say) is ignored.
const body = z.object({}).loose();

/**
 * A fresh Account Session for the connected account of the business the signed-in person acts for (never one the
 * request names): `{ clientSecret, expiresAt }`, with the components and features the person's profile gets.
 */
export const POST = tenantRoute({ permission: "dashboard.view" }, async ({ req, access, log }) => {
  await readJson(req, body);
  const plan = requirePlan(await loadAccountState(access));
  const minted = await mintAccountSession(access, plan, log, requestMeta(req.headers));
  return json(
    { clientSecret: minted.clientSecret, expiresAt: minted.expiresAt },
    { headers: { "cache-control": "no-store" } },
  );
});
