import { z } from "zod";
import { requireFreshAuth } from "@/lib/access/fresh-auth";
import { requireStepUpProof, stepUpProofShape } from "@/lib/access/step-up-proof";
import { reasonSchema } from "@/lib/audit/reason-schema";
import { json, platformRoute, readJson } from "@/lib/http/route";
import { inviteStaff, staffEmailField, staffNameField, staffRoleField } from "@/lib/staff/staff";

const body = z
  .strictObject({
    email: staffEmailField,
    name: staffNameField,
    role: staffRoleField,
    reason: reasonSchema,
    // A fresh step-up: a stolen session cookie alone must not make someone platform staff.
    ...stepUpProofShape,
  })
  .superRefine(requireStepUpProof);

/** Admins invite platform staff: the account is made without a password and a set-password link is mailed. */
export const POST = platformRoute({ permission: "staff.manage" }, async ({ req, access, log, meta }) => {
  const { reason, code, passkey, grant, ...input } = await readJson(req, body);
  await requireFreshAuth(access, { code, passkey, grant }, { log, meta, purpose: "staff.invite" });
  const invite = await inviteStaff(access, input, reason, meta);
  log.warn(
    { event: "staff.invited", targetUserId: invite.userId, role: invite.role },
    "staff member invited",
  );
  return json({ staff: invite }, { status: 201 });
});
