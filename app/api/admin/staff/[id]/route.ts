import { z } from "zod";
import { reasonSchema } from "@/lib/audit/reason-schema";
import { notFound } from "@/lib/http/errors";
import { json, platformRoute, readJson } from "@/lib/http/route";
import { changeStaffRole, staffRoleField } from "@/lib/staff/staff";

const body = z.strictObject({
  role: staffRoleField,
  reason: reasonSchema,
});

/** Admins make a staff member admin or support (never themselves, never the last active admin's demotion). */
export const PATCH = platformRoute(
  { permission: "staff.manage" },
  async ({ req, access, params, log, meta }) => {
    const userId = typeof params.id === "string" ? params.id : "";
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(userId)) throw notFound();
    const input = await readJson(req, body);
    const change = await changeStaffRole(access, userId, input.role, input.reason, meta);
    log.warn(
      { event: "staff.role_changed", targetUserId: userId, from: change.from, to: input.role },
      "staff role changed",
    );
    return json({ staff: { userId, role: input.role, from: change.from } });
  },
);
