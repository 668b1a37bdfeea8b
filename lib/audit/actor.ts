import type { SessionUser } from "../auth/types";
import type { TenantRole } from "../db/schema";

export interface AuditActor {
  userId: string;
  email: string;
  role: string;
}

/** Who did it, as the audit log records them: their platform role, else their role in the business, else "user". */
export function actorOf(who: { user: SessionUser; tenantRole?: TenantRole | null }): AuditActor {
  return {
    userId: who.user.id,
    email: who.user.email,
    role: who.user.platformRole ?? who.tenantRole ?? "user",
  };
}
