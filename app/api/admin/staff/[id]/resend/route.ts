import { z } from "zod";
import { requireFreshAuth } from "@/lib/access/fresh-auth";
import { requireStepUpProof, stepUpProofShape } from "@/lib/access/step-up-proof";
import { notFound } from "@/lib/http/errors";
import { json, platformRoute, readJson } from "@/lib/http/route";
import { resendStaffInvite } from "@/lib/staff/staff";

// A resend changes no role, but mails a link that makes its holder staff: it takes a step-up like the invitation.
const body = z.strictObject(stepUpProofShape).superRefine(requireStepUpProof);

/** Mails an invited staff member a new set-password link; the previous one stops working. */
export const POST = platformRoute(
  { permission: "staff.manage" },
  async ({ req, access, params, log, meta }) => {
    const userId = typeof params.id === "string" ? params.id : "";
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(userId)) throw notFound();
    const proof = await readJson(req, body);
    await requireFreshAuth(access, proof, { log, meta, purpose: "staff.resend" });
    const invite = await resendStaffInvite(access, userId, meta);
    log.info({ event: "staff.invite_resent", targetUserId: userId }, "staff invitation resent");
    return json({ staff: invite });
  },
);
