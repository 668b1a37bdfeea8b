import { notFound } from "@/lib/http/errors";
import { json, platformRoute, requireJsonRequest } from "@/lib/http/route";
import { resendStaffInvite } from "@/lib/staff/staff";

/** Mails an invited staff member a new set-password link; the previous one stops working. */
export const POST = platformRoute(
  { permission: "staff.manage" },
  async ({ req, access, params, log, meta }) => {
    const userId = typeof params.id === "string" ? params.id : "";
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(userId)) throw notFound();
    requireJsonRequest(req);
    const invite = await resendStaffInvite(access, userId, meta);
    log.info({ event: "staff.invite_resent", targetUserId: userId }, "staff invitation resent");
    return json({ staff: invite });
  },
);
