import { z } from "zod";
import { auditAction } from "@/lib/audit";
import { getDbHandle } from "@/lib/db";
import { authDate } from "@/lib/db/values";
import { json, readJson, userRoute } from "@/lib/http/route";
import { loadAccountOverview } from "@/lib/profile/overview";

/**
 * GET: the signed-in person's account and security overview (their address and any pending change, how a step-up
 * is proven, their second factor and recovery codes left, their signed-in devices — never a token or secret).
 * PATCH: their display name.
 */
export const GET = userRoute({ permission: "profile.credentials" }, async ({ access }) =>
  json({ account: await loadAccountOverview(access) }),
);

const body = z.strictObject({
  name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
});

export const PATCH = userRoute({ permission: "profile.credentials" }, async ({ req, access, meta }) => {
  const { name } = await readJson(req, body);
  const { db, dialect } = getDbHandle();
  await db
    .updateTable("user")
    .set({ name, updatedAt: authDate(dialect, new Date()) })
    .where("id", "=", access.user.id)
    .execute();
  await auditAction(access, "user.profile_updated", meta, { details: { from: access.user.name, to: name } });
  return json({ name });
});
