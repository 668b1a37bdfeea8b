import { z } from "zod";
import { auditAction } from "@/lib/audit";
import { removePasskey, renamePasskey } from "@/lib/auth/passkeys";
import { AppError } from "@/lib/errors";
import { json, readJson, userRoute } from "@/lib/http/route";

const params = z.object({
  id: z
    .string()
    .min(1)
    .max(1_366)
    .regex(/^[A-Za-z0-9_-]+$/),
});
const renameBody = z.strictObject({
  name: z.string().trim().min(1, "Name this passkey.").max(60, "Use at most 60 characters."),
});

function passkeyId(raw: Record<string, string | string[] | undefined>): string {
  const parsed = params.safeParse(raw);
  if (!parsed.success) throw new AppError("not_found", "No such passkey.");
  return parsed.data.id;
}

/** Renames one of the person's own passkeys. */
export const PATCH = userRoute(
  { permission: "profile.credentials" },
  async ({ req, access, params: raw }) => {
    const { name } = await readJson(req, renameBody);
    await renamePasskey(access.user.id, passkeyId(raw), name);
    return json({ ok: true });
  },
);

/** Removes one of the person's own passkeys; the authenticator app stays. */
export const DELETE = userRoute(
  { permission: "profile.credentials" },
  async ({ access, meta, params: raw }) => {
    const removed = await removePasskey(access.user.id, passkeyId(raw));
    await auditAction(access, "auth.passkey_removed", meta, { details: { passkey: removed.name } });
    return json({ ok: true });
  },
);
