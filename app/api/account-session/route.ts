import { z } from "zod";
import { mintAccountSession } from "@/lib/connect/account-session";
import { resolveSessionSubject } from "@/lib/connect/subject";
import { requestMeta } from "@/lib/http/request-meta";
import { json, readJson, userRoute } from "@/lib/http/route";
import { ACTIVE_TENANT_COOKIE } from "@/lib/tenancy/access";

// The body carries nothing the server uses: whatever it says (an `account`, say) is ignored.
const body = z.object({}).loose();

/** A fresh Account Session for the signed-in user's connected account: `{ clientSecret, expiresAt }`. */
export const POST = userRoute(async ({ req, session, log }) => {
  await readJson(req, body);
  const subject = await resolveSessionSubject(session, req.cookies.get(ACTIVE_TENANT_COOKIE)?.value);
  const minted = await mintAccountSession(subject, log, requestMeta(req.headers));
  return json(
    { clientSecret: minted.clientSecret, expiresAt: minted.expiresAt },
    { headers: { "cache-control": "no-store" } },
  );
});
