import { z } from "zod";
import { reasonSchema } from "@/lib/audit/reason-schema";
import { notFound } from "@/lib/http/errors";
import { json, platformRoute, readJson } from "@/lib/http/route";
import { removeStaff } from "@/lib/staff/staff";

const body = z.strictObject({
  reason: reasonSchema,
  confirm: z.literal(true, "Confirm the removal."),
});

/**
 * Takes someone off platform staff: role, password, second factor, sessions and open views end at once; their user
 * row stays for the record (lib/staff/staff.ts).
 */
export const POST = platformRoute(
  { permission: "staff.manage" },
  async ({ req, access, params, log, meta }) => {
    const userId = typeof params.id === "string" ? params.id : "";
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(userId)) throw notFound();
    const input = await readJson(req, body);
    const change = await removeStaff(access, userId, input.reason, meta);
    log.warn(
      { event: "staff.removed", targetUserId: userId, sessionsEnded: change.sessionsEnded },
      "staff member removed",
    );
    return json({ staff: { userId, removed: true }, sessionsEnded: change.sessionsEnded });
  },
);
