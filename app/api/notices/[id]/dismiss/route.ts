import { auditAction } from "@/lib/audit";
import { getDb } from "@/lib/db";
import { notFound } from "@/lib/http/errors";
import { json, tenantRoute } from "@/lib/http/route";
import { dismissTenantNotice } from "@/lib/tenancy/notices";

/** A member dismisses one of their own business's notices for everyone; another business's is simply not found. */
export const POST = tenantRoute({ permission: "notices.dismiss" }, async ({ access, params, log, meta }) => {
  const id = typeof params.id === "string" ? params.id : "";
  if (!/^ntc_[A-Za-z0-9]{1,64}$/.test(id)) throw notFound();
  const dismissed = await getDb()
    .transaction()
    .execute(async (trx) => {
      if (!(await dismissTenantNotice(access.tenant.id, id, trx))) return false;
      await auditAction(access, "notice.dismissed", meta, { details: { noticeId: id } }, trx);
      return true;
    });
  if (!dismissed) throw notFound();
  log.info({ event: "notice.dismissed", noticeId: id }, "tenant notice dismissed");
  return json({ ok: true });
});
