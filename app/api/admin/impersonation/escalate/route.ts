import { z } from "zod";
import { json, platformRoute, readJson } from "@/lib/http/route";
import { requestMeta } from "@/lib/http/request-meta";
import { escalateImpersonation, MIN_REASON_LENGTH } from "@/lib/impersonation";

const body = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(MIN_REASON_LENGTH, `Give a reason of at least ${MIN_REASON_LENGTH} characters.`)
    .max(500),
  confirm: z.literal(true, "Confirm that you want the owner's view."),
});

/** An admin takes the owner's profile for the account being viewed (support never can). */
export const POST = platformRoute(
  ["admin"],
  async ({ req, session, log }) => {
    const input = await readJson(req, body);
    const impersonation = await escalateImpersonation(session, input.reason, requestMeta(req.headers));
    log.warn(
      { event: "impersonation.escalated", impersonationId: impersonation.id },
      "impersonation escalated",
    );
    return json({ impersonation: { id: impersonation.id, profile: impersonation.profile }, redirectTo: "/" });
  },
  { allowDuringImpersonation: true },
);
