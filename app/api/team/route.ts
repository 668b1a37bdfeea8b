import { json, tenantRoute } from "@/lib/http/route";
import { listTeam } from "@/lib/tenancy/team";

/** The business's members and pending invitations (who may see them: lib/access/permissions.ts). */
export const GET = tenantRoute({ permission: "team.view" }, async ({ access }) =>
  json(await listTeam(access.tenant.id)),
);
