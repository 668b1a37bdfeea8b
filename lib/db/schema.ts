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

/** 0/1 on both databases (app tables do not use native booleans, so SQLite and PostgreSQL read the same). */
type IntBool = number;

export type AccountStatus = "enabled" | "onboarding" | "restricted" | "rejected";

export interface StripeAccountTable {
  id: string;
  tenant_id: string | null;
  business_name: string | null;
  email: string | null;
  country: string | null;
  default_currency: string | null;
  /** Stripe's `created`, in milliseconds. */
  created: EpochMs;
  charges_enabled: IntBool;
  payouts_enabled: IntBool;
  details_submitted: IntBool;
  currently_due_count: number;
  past_due_count: number;
  eventually_due_count: number;
  disabled_reason: string | null;
  status: AccountStatus;
  requirement_collection: string | null;
  dashboard_type: string | null;
  fees_payer: string | null;
  losses_payments: string | null;
  /** JSON: { [capability]: status }. */
  capabilities: string;
  /** JSON: { currently_due, past_due, eventually_due, errors }. */
  requirements: string;
  deauthorized: IntBool;
  /** Version of the state held: the event's or the fetch's time; older updates never overwrite newer ones. */
  stripe_updated_at: EpochMs;
  synced_at: EpochMs;
  /** The linked tenant's name, denormalised for search; kept current by database triggers (0005). */
  tenant_name: string | null;
  /** JSON AccountProfile (lib/accounts/mirror.ts): what read-only views show (0006). */
  profile: ColumnType<string, string | undefined, string>;
}

export interface InvitationTable {
  id: string;
  tenant_id: string;
  email: string;
  role: TenantRole;
  invited_by: string | null;
  created_at: EpochMs;
  accepted_at: EpochMs | null;
  /** The mailed link's expiry (0007); null for invitations made before links. */
  expires_at: EpochMs | null;
  /** The one_time_tokens row of the link last mailed: resending replaces it, so older links stop working. */
  token_id: string | null;
  sent_at: EpochMs | null;
  /** "pending" while an owner invitation for an existing account waits for a second admin; else null. */
  approval: "pending" | "approved" | null;
  approved_by: string | null;
}

export type ThemePreference = "light" | "dark" | "system";
export type OverlayStyle = "dialog" | "drawer";

export interface UserSettingsTable {
  user_id: string;
  theme: ThemePreference;
  brand_color: string | null;
  overlay: OverlayStyle;
  locale: string | null;
  updated_at: EpochMs;
  /** Owners' mails about payments (a new dispute, a failed payout); 1 unless they opted out (0007). */
  payment_mails: ColumnType<IntBool, IntBool | undefined, IntBool>;
}

export type WebhookEventStatus = "pending" | "processing" | "processed" | "ignored" | "failed";

export interface WebhookEventTable {
  id: string;
  type: string;
  account_id: string | null;
  livemode: IntBool;
  /** Stripe's `created`, in milliseconds. */
  created: EpochMs;
  payload: string;
  status: WebhookEventStatus;
  attempts: number;
  locked_until: EpochMs | null;
  last_error: string | null;
  received_at: EpochMs;
  processed_at: EpochMs | null;
}

export interface TenantNoticeTable {
  id: string;
  tenant_id: string;
  kind: string;
  /** JSON details of the notice (amounts, ids, reasons). */
  payload: string;
  event_id: string;
  created_at: EpochMs;
  dismissed_at: EpochMs | null;
}

export interface AuditLogTable {
  id: string;
  occurred_at: EpochMs;
  action: string;
  actor_user_id: string | null;
  actor_email: string | null;
  actor_role: string | null;
  account_id: string | null;
  tenant_id: string | null;
  impersonation_id: string | null;
  reason: string | null;
  profile: string | null;
  /** JSON array of component keys. */
  components: string | null;
  ip: string | null;
  user_agent: string | null;
  /** JSON of anything else worth keeping. */
  details: string | null;
}

export type ImpersonationProfile = "support" | "owner";

export interface ImpersonationTable {
  id: string;
  staff_user_id: string;
  session_id: string;
  account_id: string;
  tenant_id: string;
  reason: string;
  profile: ImpersonationProfile;
  escalation_reason: string | null;
  started_at: EpochMs;
  expires_at: EpochMs;
  ended_at: EpochMs | null;
  end_reason: string | null;
}

/** Progress of an unfinished accounts backfill (one row per sync kind; deleted when a run finishes). */
export interface StripeSyncStateTable {
  id: string;
  cursor: string | null;
  pages: number;
  accounts: number;
  started_at: EpochMs;
  updated_at: EpochMs;
}

export type MailStatus = "pending" | "sent" | "failed";

export interface MailOutboxTable {
  id: string;
  dedupe_key: string;
  kind: string;
  recipient: string;
  subject: string;
  text_body: string | null;
  html_body: string | null;
  status: MailStatus;
  attempts: number;
  next_attempt_at: EpochMs;
  locked_until: EpochMs | null;
  last_error: string | null;
  created_at: EpochMs;
  sent_at: EpochMs | null;
}

export interface OneTimeTokenTable {
  id: string;
  purpose: string;
  /** Whom the token is for: an email address or a user id, by purpose. */
  subject: string;
  /** JSON the purpose needs when the token is used. */
  payload: string;
  created_at: EpochMs;
  expires_at: EpochMs;
  consumed_at: EpochMs | null;
}

export interface SecondFactorTable {
  user_id: string;
  /** The TOTP secret, encrypted with the app's secret. */
  secret: string;
  /** JSON array of hashed, unused recovery codes. */
  recovery_codes: string;
  /** JSON array of the recent TOTP steps already used (each code works once). */
  used_steps: ColumnType<string, string | undefined, string>;
  confirmed_at: EpochMs | null;
  created_at: EpochMs;
  last_used_at: EpochMs | null;
}

export interface SessionAssuranceTable {
  session_id: string;
  user_id: string;
  /** "totp", "recovery_code", "passkey" or "idp_mfa". */
  method: string;
  verified_at: EpochMs;
}

export interface SsoIdentityTable {
  id: string;
  user_id: string;
  /** The IdP's issuer identifier, exactly as in its ID tokens. */
  issuer: string;
  /** The IdP's stable `sub` for the person. */
  subject: string;
  email: string | null;
  created_at: EpochMs;
  last_sign_in_at: EpochMs | null;
}

export type SsoIntent = "sign_in" | "link" | "step_up";

export interface SsoFlowTable {
  id: string;
  state: string;
  /** SHA-256 of the browser's binding cookie: a callback from another browser finds no flow. */
  binding_hash: string;
  nonce: string;
  code_verifier: string;
  intent: SsoIntent;
  user_id: string | null;
  session_id: string | null;
  purpose: string | null;
  return_to: string;
  created_at: EpochMs;
  expires_at: EpochMs;
  consumed_at: EpochMs | null;
}

export interface SsoStepUpGrantTable {
  id: string;
  token_hash: string;
  session_id: string;
  user_id: string;
  identity_id: string;
  purpose: string;
  /** The IdP's `auth_time` of the re-authentication, in milliseconds. */
  auth_time: EpochMs;
  created_at: EpochMs;
  expires_at: EpochMs;
  consumed_at: EpochMs | null;
}

export interface PasskeyTable {
  /** The credential id (base64url). */
  id: string;
  user_id: string;
  name: string;
  /** COSE public key, base64url. */
  public_key: string;
  counter: number;
  /** JSON array of the authenticator's transports (usb, nfc, ble, internal, hybrid). */
  transports: string;
  device_type: string;
  backed_up: IntBool;
  created_at: EpochMs;
  last_used_at: EpochMs | null;
}

export interface PasskeyChallengeTable {
  session_id: string;
  /** "register", "sign_in" or "step_up". */
  kind: string;
  user_id: string;
  challenge: string;
  expires_at: EpochMs;
}

/** A user who deleted their account (0009): the audit log shows their rows' actor as a deleted user. */
export interface DeletedUserTable {
  user_id: string;
  deleted_at: EpochMs;
}

/** When a person last signed in with their password (0010). */
export interface UserActivityTable {
  user_id: string;
  last_sign_in_at: EpochMs;
}

/** Mirrored accounts per status, kept by triggers (migration 0013). */
export interface AccountStatusCountTable {
  status: AccountStatus;
  count: ColumnType<number | string | bigint, number, number>;
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
  stripe_accounts: StripeAccountTable;
  account_status_counts: AccountStatusCountTable;
  invitations: InvitationTable;
  user_settings: UserSettingsTable;
  mail_outbox: MailOutboxTable;
  one_time_tokens: OneTimeTokenTable;
  second_factors: SecondFactorTable;
  session_assurance: SessionAssuranceTable;
  passkeys: PasskeyTable;
  passkey_challenges: PasskeyChallengeTable;
  webhook_events: WebhookEventTable;
  tenant_notices: TenantNoticeTable;
  audit_log: AuditLogTable;
  impersonations: ImpersonationTable;
  stripe_sync_state: StripeSyncStateTable;
  sso_identities: SsoIdentityTable;
  sso_flows: SsoFlowTable;
  sso_step_up_grants: SsoStepUpGrantTable;
  deleted_users: DeletedUserTable;
  user_activity: UserActivityTable;
}

export type { Generated };
