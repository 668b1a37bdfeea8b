import { tenantRoles } from "@/lib/auth/roles";
import { notFound } from "@/lib/http/errors";
import { json, tenantRoute } from "@/lib/http/route";
import { dismissTenantNotice } from "@/lib/tenancy/notices";

/** Any member dismisses one of their own business's notices; another business's notice is simply not found. */
export const POST = tenantRoute(tenantRoles, async ({ access, params, log }) => {
  const id = typeof params.id === "string" ? params.id : "";
  if (!/^ntc_[A-Za-z0-9]{1,64}$/.test(id)) throw notFound();
  if (!(await dismissTenantNotice(access.tenant.id, id))) throw notFound();
  log.info({ event: "notice.dismissed", noticeId: id }, "tenant notice dismissed");
  return json({ ok: true });
});
