import { z } from "zod";
import { auditAction } from "@/lib/audit";
import { json, readJson, userRoute } from "@/lib/http/route";
import { savePaymentMails } from "@/lib/settings";

const body = z.strictObject({ paymentMails: z.boolean({ error: "Say whether you want payment mails." }) });

/** An owner's choice about payment mails (a new dispute, a failed payout). Never while viewing an account. */
export const PUT = userRoute({ permission: "profile.settings" }, async ({ req, access, meta }) => {
  const { paymentMails } = await readJson(req, body);
  await savePaymentMails(access.user.id, paymentMails);
  await auditAction(access, "settings.updated", meta, { details: { paymentMails } });
  return json({ paymentMails });
});
