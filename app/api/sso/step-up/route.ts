import { z } from "zod";
import { authorize } from "@/lib/access/context";
import { json, readJson, userRoute } from "@/lib/http/route";
import { bindingCookie, bindingFrom, newBinding } from "@/lib/sso/flows";
import { startStepUp } from "@/lib/sso/service";
import { stepUpPurposes, type StepUpPurpose } from "@/lib/sso/step-up";

const body = z.strictObject({
  purpose: z.enum(Object.keys(stepUpPurposes) as [StepUpPurpose, ...StepUpPurpose[]]),
  returnTo: z.string().max(2048),
});

/**
 * Starts a step-up by IdP re-authentication for one act the person may do (the act's own permission is asked):
 * the answer is the IdP's authorization URL with max_age=0 and prompt=login. Its callback returns to `returnTo`
 * with a single-use grant for that act in the fragment.
 */
export const POST = userRoute({}, async ({ req, access }) => {
  const { purpose, returnTo } = await readJson(req, body);
  authorize(access, stepUpPurposes[purpose]);
  const binding = bindingFrom(req.headers.get("cookie")) ?? newBinding();
  const url = await startStepUp({
    user: access.user,
    sessionId: access.session.sessionId,
    purpose,
    binding,
    returnTo,
    headers: req.headers,
  });
  return json({ redirectTo: url.toString() }, { headers: { "set-cookie": bindingCookie(binding) } });
});
