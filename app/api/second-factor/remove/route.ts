import { z } from "zod";
import { auditAction } from "@/lib/audit";
import { codeField } from "@/lib/auth/code-field";
import { removeSecondFactor } from "@/lib/auth/second-factor";
import { json, readJson, userRoute } from "@/lib/http/route";

const body = z.strictObject({ code: codeField });

/** A tenant removes their own optional second factor, with a current code. Staff cannot: theirs is required. */
export const POST = userRoute({ permission: "profile.credentials" }, async ({ req, access, meta }) => {
  const { code } = await readJson(req, body);
  await removeSecondFactor({ id: access.user.id, isStaff: access.platformRole !== null }, code);
  await auditAction(access, "auth.second_factor_removed", meta);
  return json({ ok: true });
});
