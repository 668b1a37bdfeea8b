import { z } from "zod";
import { codeField } from "@/lib/auth/code-field";
import { verifySessionSecondFactor } from "@/lib/auth/second-factor";
import { json, readJson, userRoute } from "@/lib/http/route";

const body = z.strictObject({ code: codeField });

/** The second step of signing in: a TOTP code or a recovery code for this session. */
export const POST = userRoute({ permission: "second_factor.manage" }, async ({ req, access, log }) => {
  const { code } = await readJson(req, body);
  const method = await verifySessionSecondFactor(access.user, access.session.sessionId, code);
  log.info({ event: "auth.second_factor.verified", method }, "second factor given");
  return json({ method, redirectTo: access.platformRole ? "/admin" : "/" });
});
