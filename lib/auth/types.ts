import type { Membership } from "../tenancy/queries";
import type { PlatformRole } from "./platform-role";

/** Who is signed in, as Portico reads it from better-auth's session and user (lib/auth/session.ts). */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  platformRole: PlatformRole | null;
}

export interface CurrentSession {
  user: SessionUser;
  sessionId: string;
  createdAt: Date;
  expiresAt: Date;
  /** The user's memberships, oldest first, when they were read with the session (the fast path's one query). */
  memberships?: Membership[];
}
