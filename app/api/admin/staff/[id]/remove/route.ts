import { z } from "zod";
import { requireFreshAuth } from "@/lib/access/fresh-auth";
import { requireStepUpProof, stepUpProofShape } from "@/lib/access/step-up-proof";
import { reasonSchema } from "@/lib/audit/reason-schema";
import { notFound } from "@/lib/http/errors";
import { json, platformRoute, readJson } from "@/lib/http/route";
import { removeStaff } from "@/lib/staff/staff";

const body = z
  .strictObject({
    reason: reasonSchema,
    confirm: z.literal(true, "Confirm the removal."),
    ...stepUpProofShape,
  })
  .superRefine(requireStepUpProof);

/**
 * Takes someone off platform staff: role, password, second factor, sessions and open views end at once; their user
 * row stays for the record (lib/staff/staff.ts).
 */
export const POST = platformRoute(
  { permission: "staff.manage" },
  async ({ req, access, params, log, meta }) => {
    const userId = typeof params.id === "string" ? params.id : "";
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(userId)) throw notFound();
    const { code, passkey, grant, reason } = await readJson(req, body);
    await requireFreshAuth(access, { code, passkey, grant }, { log, meta, purpose: "staff.remove" });
    const change = await removeStaff(access, userId, reason, meta);
    log.warn(
      { event: "staff.removed", targetUserId: userId, sessionsEnded: change.sessionsEnded },
      "staff member removed",
    );
    return json({ staff: { userId, removed: true }, sessionsEnded: change.sessionsEnded });
  },
);
