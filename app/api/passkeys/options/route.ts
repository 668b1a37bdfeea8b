import { z } from "zod";
import { beginPasskeyAuthentication } from "@/lib/auth/passkeys";
import { json, readJson, userRoute } from "@/lib/http/route";

const body = z.strictObject({ ceremony: z.enum(["sign_in", "step_up"]) });

/**
 * Options for proving oneself with a passkey: the second step of signing in, or a step-up (opening a view,
 * escalating it, adding a factor). The challenge is kept for this session only and used once.
 */
export const POST = userRoute({ permission: "second_factor.manage" }, async ({ req, access }) => {
  const { ceremony } = await readJson(req, body);
  const options = await beginPasskeyAuthentication(access.user.id, access.session.sessionId, ceremony);
  return json({ options });
});
