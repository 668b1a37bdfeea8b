import { z } from "zod";
import { bindingCookie, bindingFrom, newBinding } from "@/lib/sso/flows";
import { startSignIn } from "@/lib/sso/service";
import { json, publicRoute, readJson } from "@/lib/http/route";

const body = z.strictObject({ next: z.string().max(2048).optional() });

/**
 * Starts signing in with the identity provider: answers the IdP's authorization URL for this browser (which it then
 * opens), or 503 with a message when the IdP is not answering — password sign-in is unaffected either way.
 */
export const POST = publicRoute(async ({ req }) => {
  const { next } = await readJson(req, body);
  const binding = bindingFrom(req.headers.get("cookie")) ?? newBinding();
  const url = await startSignIn({ next: next ?? null, binding, headers: req.headers });
  return json({ redirectTo: url.toString() }, { headers: { "set-cookie": bindingCookie(binding) } });
});
