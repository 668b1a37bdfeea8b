import { z } from "zod";
import { actorOf } from "@/lib/audit/actor";
import { passwordField } from "@/lib/auth/password-rules";
import { json, readJson, userRoute } from "@/lib/http/route";
import { changePassword } from "@/lib/profile/password";

const body = z.strictObject({
  currentPassword: z
    .string({ error: "Enter your current password." })
    .min(1, "Enter your current password.")
    .max(128, "That is not your password."),
  newPassword: passwordField,
});

/**
 * Changes the signed-in person's password: the current one first (a wrong one counts toward the sign-in lockout),
 * then every other session ends and the address on file is told.
 */
export const POST = userRoute({ permission: "profile.credentials" }, async ({ req, access, meta, log }) => {
  const input = await readJson(req, body);
  const { signedOut } = await changePassword(
    {
      userId: access.user.id,
      email: access.user.email,
      currentSessionId: access.session.sessionId,
      currentPassword: input.currentPassword,
      newPassword: input.newPassword,
    },
    meta,
    actorOf(access),
  );
  log.info({ event: "auth.password_changed", signedOut }, "password changed");
  return json({ ok: true, signedOut });
});
