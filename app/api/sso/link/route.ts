import { z } from "zod";
import { requireFreshAuth } from "@/lib/access/fresh-auth";
import { json, readJson, userRoute } from "@/lib/http/route";
import { bindingCookie, bindingFrom, newBinding } from "@/lib/sso/flows";
import { ensureLinkable, startLink } from "@/lib/sso/service";

const body = z.strictObject({
  // The step-up: staff give a current authenticator code, others theirs or their password.
  code: z.string().trim().min(1).max(20).optional(),
  password: z.string().min(1).max(128).optional(),
  returnTo: z.string().max(2048).optional(),
});

/**
 * Starts linking a company account to the signed-in user, after a fresh step-up: the answer is the IdP's
 * authorization URL (a fresh login there); its callback links that identity to this user and returns to `returnTo`.
 */
export const POST = userRoute({ permission: "profile.credentials" }, async ({ req, access, log, meta }) => {
  const { code, password, returnTo } = await readJson(req, body);
  await ensureLinkable(access.user);
  await requireFreshAuth(access, { code, password }, { log, meta, purpose: "sso.link" });
  const binding = bindingFrom(req.headers.get("cookie")) ?? newBinding();
  const url = await startLink({
    user: access.user,
    sessionId: access.session.sessionId,
    binding,
    returnTo: returnTo ?? "/",
    headers: req.headers,
  });
  return json({ redirectTo: url.toString() }, { headers: { "set-cookie": bindingCookie(binding) } });
});
