import { z } from "zod";
import { requireFreshAuth } from "@/lib/access/fresh-auth";
import { requireStepUpProof, stepUpProofShape } from "@/lib/access/step-up-proof";
import { reasonSchema } from "@/lib/audit/reason-schema";
import { notFound } from "@/lib/http/errors";
import { json, platformRoute, readJson } from "@/lib/http/route";
import { resetStaffSecondFactor } from "@/lib/staff/staff";

const body = z
  .strictObject({
    reason: reasonSchema,
    confirm: z.literal(true, "Confirm the reset."),
    ...stepUpProofShape,
  })
  .superRefine(requireStepUpProof);

/** Removes a staff member's second factor and signs them out: they set up a new one at their next sign-in. */
export const POST = platformRoute(
  { permission: "staff.manage" },
  async ({ req, access, params, log, meta }) => {
    const userId = typeof params.id === "string" ? params.id : "";
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(userId)) throw notFound();
    const { code, passkey, grant, reason } = await readJson(req, body);
    await requireFreshAuth(
      access,
      { code, passkey, grant },
      { log, meta, purpose: "staff.second_factor_reset" },
    );
    const change = await resetStaffSecondFactor(access, userId, reason, meta);
    log.warn(
      { event: "staff.second_factor_reset", targetUserId: userId, sessionsEnded: change.sessionsEnded },
      "staff member's second factor reset",
    );
    return json({ staff: { userId, secondFactor: false }, sessionsEnded: change.sessionsEnded });
  },
);
