import type { ColumnType, Generated } from "kysely";

/** Timestamps that Portico owns are epoch milliseconds (bigint on PostgreSQL, integer on SQLite). */
type EpochMs = number;
/** better-auth stores its own timestamps as dates; on SQLite they come back as strings. */
type AuthDate = ColumnType<Date | string, Date | string, Date | string>;
type AuthBool = ColumnType<boolean | number, boolean | number, boolean | number>;

export interface UserTable {
  id: string;
  name: string;
  email: string;
  emailVerified: AuthBool;
  image: string | null;
  createdAt: AuthDate;
  updatedAt: AuthDate;
  role: string | null;
  banned: AuthBool | null;
  banReason: string | null;
  banExpires: AuthDate | null;
}

export interface SessionTable {
  id: string;
  expiresAt: AuthDate;
  token: string;
  createdAt: AuthDate;
  updatedAt: AuthDate;
  ipAddress: string | null;
  userAgent: string | null;
  userId: string;
  impersonatedBy: string | null;
}

export interface AccountTable {
  id: string;
  accountId: string;
  providerId: string;
  userId: string;
  accessToken: string | null;
  refreshToken: string | null;
  idToken: string | null;
  accessTokenExpiresAt: AuthDate | null;
  refreshTokenExpiresAt: AuthDate | null;
  scope: string | null;
  password: string | null;
  createdAt: AuthDate;
  updatedAt: AuthDate;
}

export interface VerificationTable {
  id: string;
  identifier: string;
  value: string;
  expiresAt: AuthDate;
  createdAt: AuthDate;
  updatedAt: AuthDate;
}

export interface AuthRateLimitTable {
  id: string;
  key: string;
  count: number;
  lastRequest: number;
}

export type TenantRole = "owner" | "staff" | "viewer";

export interface TenantTable {
  id: string;
  name: string;
  slug: string;
  stripe_account_id: string | null;
  created_at: EpochMs;
}

export interface MembershipTable {
  id: string;
  user_id: string;
  tenant_id: string;
  role: TenantRole;
  created_at: EpochMs;
}

export interface ThrottleTable {
  key: string;
  count: number;
  window_start: EpochMs;
}

export interface DB {
  user: UserTable;
  session: SessionTable;
  account: AccountTable;
  verification: VerificationTable;
  rateLimit: AuthRateLimitTable;
  tenants: TenantTable;
  memberships: MembershipTable;
  throttles: ThrottleTable;
}

export type { Generated };
