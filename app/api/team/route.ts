import { json, tenantRoute } from "@/lib/http/route";
import { listTeam } from "@/lib/tenancy/team";

/** The tenant's members and pending invitations (every member may see them; owners manage them). */
export const GET = tenantRoute([], async ({ access }) => json(await listTeam(access.tenant.id)));
