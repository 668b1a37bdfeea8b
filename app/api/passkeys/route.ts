import { z } from "zod";
import { auditAction } from "@/lib/audit";
import { finishPasskeyRegistration, registrationResponseSchema } from "@/lib/auth/passkeys";
import { json, readJson, userRoute } from "@/lib/http/route";

const body = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, "Name this passkey, e.g. “Work laptop”.")
    .max(60, "Use at most 60 characters."),
  response: registrationResponseSchema,
});

/** Finishes adding a passkey with the browser's answer to the session's open registration. */
export const POST = userRoute({ permission: "profile.credentials" }, async ({ req, access, meta, log }) => {
  const input = await readJson(req, body);
  const passkey = await finishPasskeyRegistration(
    access.user,
    access.session.sessionId,
    input.response,
    input.name,
  );
  await auditAction(access, "auth.passkey_added", meta, { details: { passkey: passkey.name } });
  log.info({ event: "auth.passkey.added" }, "passkey added");
  return json({ passkey }, { status: 201 });
});
