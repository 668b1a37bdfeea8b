import { z } from "zod";
import { actorOf } from "@/lib/audit/actor";
import { json, readJson, userRoute } from "@/lib/http/route";
import { confirmEmailChange } from "@/lib/profile/email-change";
import { settingsPath } from "@/lib/profile/step-up";

const body = z.strictObject({
  token: z.string().trim().min(1, "The link is missing its token.").max(200, "This link is not valid."),
});

/** Uses the link mailed to the new address: only the person who asked, signed in, can. The session stays. */
export const POST = userRoute({ permission: "profile.credentials" }, async ({ req, access, meta, log }) => {
  const { token } = await readJson(req, body);
  const changed = await confirmEmailChange(token, access.user, meta, actorOf(access));
  log.info({ event: "auth.email_changed" }, "email changed");
  return json({ email: changed.email, redirectTo: `${settingsPath(access)}?emailChanged=1` });
});
