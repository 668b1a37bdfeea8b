import { z } from "zod";
import { auditAction } from "@/lib/audit";
import { codeField } from "@/lib/auth/code-field";
import { confirmEnrolment } from "@/lib/auth/second-factor";
import { json, readJson, userRoute } from "@/lib/http/route";

const body = z.strictObject({ code: codeField });

/** Confirms the new factor with its first code; answers the recovery codes, which are shown once. */
export const POST = userRoute({ permission: "second_factor.manage" }, async ({ req, access, meta, log }) => {
  const { code } = await readJson(req, body);
  const { recoveryCodes } = await confirmEnrolment(access.user, access.session.sessionId, code);
  await auditAction(access, "auth.second_factor_enrolled", meta);
  log.info({ event: "auth.second_factor.enrolled" }, "second factor set up");
  return json({ recoveryCodes, redirectTo: access.platformRole ? "/admin" : "/" });
});
