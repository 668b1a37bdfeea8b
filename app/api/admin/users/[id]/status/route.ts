import { z } from "zod";
import { requireFreshAuth } from "@/lib/access/fresh-auth";
import { requireStepUpProof, stepUpProofShape } from "@/lib/access/step-up-proof";
import { setUserDisabled } from "@/lib/access/user-status";
import { reasonSchema } from "@/lib/audit/reason-schema";
import { notFound } from "@/lib/http/errors";
import { json, platformRoute, readJson } from "@/lib/http/route";

const body = z
  .strictObject({
    disabled: z.boolean(),
    reason: reasonSchema,
    confirm: z.literal(true, "Confirm the change."),
    ...stepUpProofShape,
  })
  .superRefine(requireStepUpProof);

/**
 * Admins disable a user (they cannot sign in again and every session of theirs ends at once) or re-enable one,
 * with a reason, a confirmation and a fresh step-up, on the record.
 */
export const POST = platformRoute(
  { permission: "users.disable" },
  async ({ req, access, params, log, meta }) => {
    const userId = typeof params.id === "string" ? params.id : "";
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(userId)) throw notFound();
    const { code, passkey, grant, ...input } = await readJson(req, body);
    await requireFreshAuth(
      access,
      { code, passkey, grant },
      { log, meta, purpose: input.disabled ? "user.disable" : "user.enable" },
    );
    const change = await setUserDisabled(access, userId, input.disabled, input.reason, meta);
    log.warn(
      {
        event: input.disabled ? "user.disabled" : "user.enabled",
        targetUserId: userId,
        sessionsEnded: change.sessionsEnded,
      },
      input.disabled ? "user disabled" : "user re-enabled",
    );
    return json({
      user: { id: change.userId, disabled: input.disabled },
      sessionsEnded: change.sessionsEnded,
    });
  },
);
