import { z } from "zod";
import { auditAction } from "@/lib/audit";
import { codeField } from "@/lib/auth/code-field";
import { regenerateRecoveryCodes } from "@/lib/auth/second-factor";
import { json, readJson, userRoute } from "@/lib/http/route";

const body = z.strictObject({ code: codeField });

/** New recovery codes (the old ones stop working), with a current TOTP code. */
export const POST = userRoute({ permission: "second_factor.manage" }, async ({ req, access, meta }) => {
  const { code } = await readJson(req, body);
  const recoveryCodes = await regenerateRecoveryCodes(access.user.id, code);
  await auditAction(access, "auth.recovery_codes_regenerated", meta);
  return json({ recoveryCodes });
});
