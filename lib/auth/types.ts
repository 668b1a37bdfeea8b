import type { Membership } from "../tenancy/queries";
import type { PlatformRole } from "./platform-role";

/** Who is signed in, as Portico reads it from better-auth's session and user (lib/auth/session.ts). */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  /** The address was proven by a mailed link (every account's is; kept so decisions can check it). */
  emailVerified: boolean;
  platformRole: PlatformRole | null;
}

/** What the session proved beyond the password, read with it. */
export interface SessionAssurance {
  /** The user has a confirmed TOTP factor. */
  enrolled: boolean;
  /** When this session gave a second factor (or the IdP's MFA counted as one); null when it has not. */
  verifiedAt: number | null;
}

export interface CurrentSession {
  user: SessionUser;
  sessionId: string;
  createdAt: Date;
  expiresAt: Date;
  assurance: SessionAssurance;
  /** The user's memberships, oldest first, when they were read with the session (the fast path's one query). */
  memberships?: Membership[];
}
