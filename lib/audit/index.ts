import "server-only";
import type { Kysely, Transaction } from "kysely";
import { getDb } from "../db";
import type { SessionUser } from "../auth/types";
import type { DB, TenantRole } from "../db/schema";
import { newId } from "../ids";
import { actorOf, type AuditActor } from "./actor";

/**
 * Every privileged action, on the record: what staff did with access to accounts, and what anyone did to a business's
 * team, money links, settings or users. The table is append-only (database triggers).
 */
export const auditActions = [
  "impersonation.started",
  "impersonation.escalated",
  "impersonation.stopped",
  "impersonation.expired",
  "impersonation.account_session",
  "impersonation.action",
  "auth.step_up_failed",
  "team.invited",
  "team.invitation_revoked",
  "team.role_changed",
  "team.member_removed",
  "settings.updated",
  "notice.dismissed",
  "test_data.created",
  "account.login_link_created",
  "account.onboarding_link_created",
  "audit.exported",
  "user.disabled",
  "user.enabled",
  "team.invitation_resent",
  "auth.second_factor_enrolled",
  "auth.second_factor_removed",
  "auth.recovery_codes_regenerated",
  "auth.email_changed",
  "user.deleted",
  "user.sessions_revoked",
  "staff.invited",
  "staff.role_changed",
  "staff.removed",
  "tenant.owner_invited",
  "tenant.owner_invite_approved",
  "tenant.owner_invite_resent",
  "tenants.imported",
  "auth.passkey_added",
  "auth.passkey_removed",
  "sso.user_provisioned",
  "sso.role_changed",
  "sso.identity_linked",
  "sso.identity_unlinked",
  "auth.password_changed",
  "auth.email_change_requested",
  "auth.email_change_cancelled",
  "user.session_revoked",
  "user.profile_updated",
  "user.data_exported",
  "team.member_left",
  "staff.invite_resent",
  "staff.second_factor_reset",
  "staff.password_set",
  "tenant.owner_invite_rejected",
  "tenant.owner_invite_revoked",
  "tenant.owner_joined",
  "issuing.card_details_shown",
  "tenant.switched",
] as const;
export type AuditAction = (typeof auditActions)[number];

export interface AuditInput {
  action: AuditAction;
  actor: AuditActor | null;
  accountId?: string | null;
  tenantId?: string | null;
  impersonationId?: string | null;
  reason?: string | null;
  profile?: string | null;
  components?: string[] | null;
  ip?: string | null;
  userAgent?: string | null;
  details?: Record<string, unknown> | null;
  occurredAt?: number;
}

export interface AuditEntry {
  id: string;
  occurredAt: number;
  action: string;
  actorUserId: string | null;
  actorEmail: string | null;
  actorRole: string | null;
  /** The actor has since deleted their account: shown as a deleted user (the id stays, for the record). */
  actorDeleted: boolean;
  accountId: string | null;
  tenantId: string | null;
  impersonationId: string | null;
  reason: string | null;
  profile: string | null;
  components: string[];
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
}

type Executor = Kysely<DB> | Transaction<DB>;

export async function recordAudit(input: AuditInput, db: Executor = getDb()): Promise<string> {
  const id = newId("aud");
  await db
    .insertInto("audit_log")
    .values({
      id,
      occurred_at: input.occurredAt ?? Date.now(),
      action: input.action,
      actor_user_id: input.actor?.userId ?? null,
      actor_email: input.actor?.email ?? null,
      actor_role: input.actor?.role ?? null,
      account_id: input.accountId ?? null,
      tenant_id: input.tenantId ?? null,
      impersonation_id: input.impersonationId ?? null,
      reason: input.reason ?? null,
      profile: input.profile ?? null,
      components: input.components ? JSON.stringify(input.components) : null,
      ip: input.ip ?? null,
      user_agent: input.userAgent ? input.userAgent.slice(0, 512) : null,
      details: input.details ? JSON.stringify(input.details) : null,
    })
    .execute();
  return id;
}

/** What the audit log needs to know of who acted and for which business (an access context has it all). */
export interface AuditSubject {
  user: SessionUser;
  tenantRole?: TenantRole | null;
  tenant: { id: string; stripeAccountId: string | null } | null;
  impersonation: { id: string; accountId: string; reason: string; profile: string } | null;
}

/**
 * Records an action taken by the person behind a request, for the business they act for (or the one they view, in
 * which case the row also carries the view, its reason and profile).
 */
export async function auditAction(
  subject: AuditSubject,
  action: AuditAction,
  meta: { ip: string | null; userAgent: string | null },
  extra: Pick<AuditInput, "details" | "accountId" | "tenantId" | "reason"> = {},
  db: Executor = getDb(),
): Promise<string> {
  const view = subject.impersonation;
  return recordAudit(
    {
      action,
      actor: actorOf(subject),
      accountId: extra.accountId ?? view?.accountId ?? subject.tenant?.stripeAccountId ?? null,
      tenantId: extra.tenantId ?? subject.tenant?.id ?? null,
      impersonationId: view?.id ?? null,
      reason: extra.reason ?? view?.reason ?? null,
      profile: view?.profile ?? null,
      ip: meta.ip,
      userAgent: meta.userAgent,
      details: extra.details ?? null,
    },
    db,
  );
}

export interface AuditFilters {
  actorUserId?: string;
  actorEmail?: string;
  accountId?: string;
  action?: string;
  /** Inclusive bounds, epoch ms. */
  from?: number;
  to?: number;
}

/** Newest first; `cursor` is the last entry of the previous page ("<occurredAt>:<id>"). */
export async function listAudit(
  filters: AuditFilters,
  page: { limit: number; cursor?: string | null } = { limit: 50 },
): Promise<{ entries: AuditEntry[]; nextCursor: string | null }> {
  let query = getDb()
    .selectFrom("audit_log")
    .leftJoin("deleted_users", "deleted_users.user_id", "audit_log.actor_user_id")
    .selectAll("audit_log")
    .select("deleted_users.deleted_at as actor_deleted_at");
  if (filters.actorUserId) query = query.where("actor_user_id", "=", filters.actorUserId);
  if (filters.actorEmail) query = query.where("actor_email", "=", filters.actorEmail.toLowerCase());
  if (filters.accountId) query = query.where("account_id", "=", filters.accountId);
  if (filters.action) query = query.where("action", "=", filters.action);
  if (filters.from !== undefined) query = query.where("occurred_at", ">=", filters.from);
  if (filters.to !== undefined) query = query.where("occurred_at", "<=", filters.to);
  const cursor = parseCursor(page.cursor);
  if (cursor) {
    query = query.where((eb) =>
      eb.or([
        eb("occurred_at", "<", cursor.occurredAt),
        eb.and([eb("occurred_at", "=", cursor.occurredAt), eb("id", "<", cursor.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy("occurred_at", "desc")
    .orderBy("id", "desc")
    .limit(page.limit + 1)
    .execute();
  const entries = rows.slice(0, page.limit).map(toEntry);
  const last = entries.at(-1);
  return { entries, nextCursor: rows.length > page.limit && last ? `${last.occurredAt}:${last.id}` : null };
}

function parseCursor(cursor: string | null | undefined): { occurredAt: number; id: string } | null {
  if (!cursor) return null;
  const index = cursor.indexOf(":");
  const occurredAt = Number(cursor.slice(0, index));
  const id = cursor.slice(index + 1);
  return index > 0 && Number.isFinite(occurredAt) && id ? { occurredAt, id } : null;
}

function parseJson<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function toEntry(row: DB["audit_log"] & { actor_deleted_at: number | null }): AuditEntry {
  const deleted = row.actor_deleted_at !== null;
  return {
    id: row.id,
    occurredAt: Number(row.occurred_at),
    action: row.action,
    actorUserId: row.actor_user_id,
    // The row keeps what was written (the log is append-only); a deleted person's address is no longer shown.
    actorEmail: deleted ? null : row.actor_email,
    actorRole: row.actor_role,
    actorDeleted: deleted,
    accountId: row.account_id,
    tenantId: row.tenant_id,
    impersonationId: row.impersonation_id,
    reason: row.reason,
    profile: row.profile,
    components: parseJson<string[]>(row.components, []),
    ip: row.ip,
    userAgent: row.user_agent,
    details: parseJson<Record<string, unknown>>(row.details, {}),
  };
}
