import { json, tenantRoute } from "@/lib/http/route";
import { revokeInvitation } from "@/lib/tenancy/team";

export const DELETE = tenantRoute(["owner"], async ({ access, params }) => {
  await revokeInvitation(access.tenant.id, String(params.id ?? ""));
  return json({ ok: true });
});
