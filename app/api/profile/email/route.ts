import { z } from "zod";
import { requireFreshAuth } from "@/lib/access/fresh-auth";
import { actorOf } from "@/lib/audit/actor";
import { json, readJson, userRoute } from "@/lib/http/route";
import { cancelEmailChange, emailField, requestEmailChange } from "@/lib/profile/email-change";
import { stepUpFields } from "@/lib/profile/step-up";

const body = z.strictObject({ newEmail: emailField, ...stepUpFields });

/**
 * Asks to move the account to a new address, after a step-up: a link goes to the new address, and nothing changes
 * until it is used. Whether the address is already someone's, the answer is the same.
 */
export const POST = userRoute({ permission: "profile.credentials" }, async ({ req, access, meta, log }) => {
  const { newEmail, password, code } = await readJson(req, body);
  await requireFreshAuth(access, { password, code }, { log, meta, purpose: "change_email" });
  const pending = await requestEmailChange(
    { userId: access.user.id, currentEmail: access.user.email, newEmail },
    meta,
    actorOf(access),
  );
  log.info({ event: "auth.email_change_requested" }, "email change requested");
  return json({ pending }, { status: 202 });
});

/** Withdraws the pending change: its link stops working. */
export const DELETE = userRoute({ permission: "profile.credentials" }, async ({ access, meta }) => {
  const cancelled = await cancelEmailChange(access.user.id, meta, actorOf(access));
  return json({ cancelled });
});
