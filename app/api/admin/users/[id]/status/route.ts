import { z } from "zod";
import { reasonSchema } from "@/lib/audit/reason-schema";
import { setUserDisabled } from "@/lib/access/user-status";
import { notFound } from "@/lib/http/errors";
import { json, platformRoute, readJson } from "@/lib/http/route";

const body = z.strictObject({
  disabled: z.boolean(),
  reason: reasonSchema,
  confirm: z.literal(true, "Confirm the change."),
});

/**
 * Admins disable a user (they cannot sign in again and every session of theirs ends at once) or re-enable one,
 * with a reason and a confirmation, on the record.
 */
export const POST = platformRoute(
  { permission: "users.disable" },
  async ({ req, access, params, log, meta }) => {
    const userId = typeof params.id === "string" ? params.id : "";
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(userId)) throw notFound();
    const input = await readJson(req, body);
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
