import { z } from "zod";
import { requireFreshAuth } from "@/lib/access/fresh-auth";
import { requireStepUpProof, stepUpProofShape } from "@/lib/access/step-up-proof";
import { reasonSchema } from "@/lib/audit/reason-schema";
import { notFound } from "@/lib/http/errors";
import { json, platformRoute, readJson } from "@/lib/http/route";
import { changeStaffRole, staffRoleField } from "@/lib/staff/staff";

const body = z
  .strictObject({
    role: staffRoleField,
    reason: reasonSchema,
    ...stepUpProofShape,
  })
  .superRefine(requireStepUpProof);

/**
 * Admins make a staff member admin or support (never themselves, never the last active admin's demotion), after a
 * fresh step-up.
 */
export const PATCH = platformRoute(
  { permission: "staff.manage" },
  async ({ req, access, params, log, meta }) => {
    const userId = typeof params.id === "string" ? params.id : "";
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(userId)) throw notFound();
    const { code, passkey, grant, ...input } = await readJson(req, body);
    await requireFreshAuth(access, { code, passkey, grant }, { log, meta, purpose: "staff.role" });
    const change = await changeStaffRole(access, userId, input.role, input.reason, meta);
    log.warn(
      { event: "staff.role_changed", targetUserId: userId, from: change.from, to: input.role },
      "staff role changed",
    );
    return json({ staff: { userId, role: input.role, from: change.from } });
  },
);
