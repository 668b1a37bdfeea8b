import { z } from "zod";
import { authenticationResponseSchema, verifyPasskey } from "@/lib/auth/passkeys";
import { recordAssurance } from "@/lib/auth/second-factor";
import { json, readJson, userRoute } from "@/lib/http/route";

const body = z.strictObject({ response: authenticationResponseSchema });

/** The second step of signing in with a passkey instead of a code. */
export const POST = userRoute({ permission: "second_factor.manage" }, async ({ req, access, log }) => {
  const { response } = await readJson(req, body);
  await verifyPasskey(access.user.id, access.session.sessionId, "sign_in", response);
  await recordAssurance(access.session.sessionId, access.user.id, "passkey");
  log.info({ event: "auth.second_factor.verified", method: "passkey" }, "second factor given");
  return json({ method: "passkey", redirectTo: access.platformRole ? "/admin" : "/" });
});
