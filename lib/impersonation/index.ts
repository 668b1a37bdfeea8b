import "server-only";
import { getMirroredAccount } from "../accounts/mirror";
import { reasonMessages, reasonProblem, normalizeReason } from "../audit/reason";
import { recordAudit } from "../audit";
import { actorOf as auditActorOf } from "../audit/actor";
import type { CurrentSession } from "../auth/types";
import { getDb, getDbHandle } from "../db";
import type { ImpersonationProfile } from "../db/schema";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { newId } from "../ids";
import { findTenantById, findTenantByStripeAccount, type Tenant } from "../tenancy/queries";

/**
 * "View as this account": a mode of a staff member's own session, stored server-side. It lasts at most
 * IMPERSONATION_MAX_MINUTES (60), ends on Stop, sign-out, expiry or when the same staff member starts another one
 * elsewhere, and every start, escalation, stop, expiry and Account Session minted under it is audited.
 */

export interface ActiveImpersonation {
  id: string;
  staffUserId: string;
  sessionId: string;
  accountId: string;
  tenant: Tenant;
  reason: string;
  profile: ImpersonationProfile;
  escalationReason: string | null;
  startedAt: number;
  expiresAt: number;
}

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

function actorOf(session: CurrentSession) {
  return auditActorOf({ user: session.user });
}

/** A reason that says something (lib/audit/reason.ts), normalised; the field's message otherwise. */
function checkedReason(raw: string): string {
  const problem = reasonProblem(raw);
  if (problem) {
    throw new AppError("invalid_request", reasonMessages[problem], {
      fields: { reason: reasonMessages[problem] },
    });
  }
  return normalizeReason(raw);
}

type Row = {
  id: string;
  staff_user_id: string;
  session_id: string;
  account_id: string;
  tenant_id: string;
  reason: string;
  profile: ImpersonationProfile;
  escalation_reason: string | null;
  started_at: number;
  expires_at: number;
};

/** Ends an impersonation once (a concurrent second end changes nothing) and audits how it ended. */
async function endImpersonation(
  row: Row,
  endReason: "stopped" | "expired" | "signed_out" | "replaced" | "session_revoked",
  actor: { userId: string; email: string; role: string } | null,
  meta: RequestMeta,
): Promise<boolean> {
  const endedAt = endReason === "expired" ? Number(row.expires_at) : Date.now();
  // One transaction: an instance killed between the two writes must not leave an ended impersonation unaudited.
  return getDbHandle()
    .db.transaction()
    .execute(async (trx) => {
      const result = await trx
        .updateTable("impersonations")
        .set({ ended_at: endedAt, end_reason: endReason })
        .where("id", "=", row.id)
        .where("ended_at", "is", null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      await recordAudit(
        {
          action: endReason === "expired" ? "impersonation.expired" : "impersonation.stopped",
          actor,
          accountId: row.account_id,
          tenantId: row.tenant_id,
          impersonationId: row.id,
          reason: row.reason,
          profile: row.profile,
          ip: meta.ip,
          userAgent: meta.userAgent,
          occurredAt: endedAt,
          details: { endReason, durationSeconds: Math.round((endedAt - Number(row.started_at)) / 1000) },
        },
        trx,
      );
      return true;
    });
}

async function toActive(row: Row): Promise<ActiveImpersonation | null> {
  const tenant = await findTenantById(row.tenant_id);
  return tenant ? rowToActive(row, tenant) : null;
}

function rowToActive(row: Row, tenant: Tenant): ActiveImpersonation {
  return {
    id: row.id,
    staffUserId: row.staff_user_id,
    sessionId: row.session_id,
    accountId: row.account_id,
    tenant,
    reason: row.reason,
    profile: row.profile,
    escalationReason: row.escalation_reason,
    startedAt: Number(row.started_at),
    expiresAt: Number(row.expires_at),
  };
}

/** The session's impersonation, if one is active; an expired one is ended (and audited) on the way. */
export async function findActiveImpersonation(
  session: CurrentSession,
  meta: RequestMeta = { ip: null, userAgent: null },
): Promise<ActiveImpersonation | null> {
  if (!session.user.platformRole) return null;
  const row = await getDb()
    .selectFrom("impersonations")
    .selectAll()
    .where("session_id", "=", session.sessionId)
    .where("staff_user_id", "=", session.user.id)
    .where("ended_at", "is", null)
    .executeTakeFirst();
  if (!row) return null;
  if (Number(row.expires_at) <= Date.now()) {
    await endImpersonation(row, "expired", null, meta);
    return null;
  }
  return toActive(row);
}

async function tenantOfAccount(accountId: string): Promise<Tenant | null> {
  const byAccount = await findTenantByStripeAccount(accountId);
  if (byAccount) return byAccount;
  const mirrored = await getMirroredAccount(accountId);
  return mirrored?.tenantId ? findTenantById(mirrored.tenantId) : null;
}

export async function startImpersonation(
  session: CurrentSession,
  input: { accountId: string; reason: string },
  meta: RequestMeta,
): Promise<ActiveImpersonation> {
  if (!session.user.platformRole) throw new AppError("not_found", "Not found.");
  const reason = checkedReason(input.reason);
  if (await findActiveImpersonation(session, meta)) {
    throw new AppError("conflict", "Stop viewing the current account before starting another.", {
      reason: "already_impersonating",
    });
  }
  const tenant = await tenantOfAccount(input.accountId);
  if (!tenant) {
    throw new AppError("conflict", "This account has no Portico business to view.", { reason: "no_tenant" });
  }

  // One active impersonation per staff member: one started in another session (another tab or device) ends.
  const others = await getDb()
    .selectFrom("impersonations")
    .selectAll()
    .where("staff_user_id", "=", session.user.id)
    .where("ended_at", "is", null)
    .execute();
  for (const other of others) await endImpersonation(other, "replaced", actorOf(session), meta);

  const now = Date.now();
  const row: Row = {
    id: newId("imp"),
    staff_user_id: session.user.id,
    session_id: session.sessionId,
    account_id: input.accountId,
    tenant_id: tenant.id,
    reason,
    profile: "support",
    escalation_reason: null,
    started_at: now,
    expires_at: now + getEnv().impersonationMaxMinutes * 60_000,
  };
  const { db } = getDbHandle();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("impersonations")
      .values({ ...row, ended_at: null, end_reason: null })
      .execute();
    await recordAudit(
      {
        action: "impersonation.started",
        actor: actorOf(session),
        accountId: input.accountId,
        tenantId: tenant.id,
        impersonationId: row.id,
        reason,
        profile: "support",
        ip: meta.ip,
        userAgent: meta.userAgent,
        occurredAt: now,
        details: { expiresAt: row.expires_at },
      },
      trx,
    );
  });
  return rowToActive(row, tenant);
}

/** An admin (never support) takes the owner's profile, with a second explicit confirmation and its own reason. */
export async function escalateImpersonation(
  session: CurrentSession,
  reason: string,
  meta: RequestMeta,
): Promise<ActiveImpersonation> {
  if (session.user.platformRole !== "admin") {
    throw new AppError("forbidden", "Only platform admins can take the owner's view.");
  }
  const active = await findActiveImpersonation(session, meta);
  if (!active) {
    throw new AppError("conflict", "You are not viewing an account.", { reason: "not_viewing" });
  }
  const trimmed = checkedReason(reason);
  if (active.profile === "owner") return active;
  // The escalation and its audit record commit together (or not at all).
  await getDbHandle()
    .db.transaction()
    .execute(async (trx) => {
      await trx
        .updateTable("impersonations")
        .set({ profile: "owner", escalation_reason: trimmed })
        .where("id", "=", active.id)
        .where("ended_at", "is", null)
        .execute();
      await recordAudit(
        {
          action: "impersonation.escalated",
          actor: actorOf(session),
          accountId: active.accountId,
          tenantId: active.tenant.id,
          impersonationId: active.id,
          reason: trimmed,
          profile: "owner",
          ip: meta.ip,
          userAgent: meta.userAgent,
        },
        trx,
      );
    });
  return { ...active, profile: "owner", escalationReason: trimmed };
}

export async function stopImpersonation(
  session: CurrentSession,
  meta: RequestMeta,
): Promise<ActiveImpersonation | null> {
  const active = await findActiveImpersonation(session, meta);
  if (!active) return null;
  const row = await getDb()
    .selectFrom("impersonations")
    .selectAll()
    .where("id", "=", active.id)
    .executeTakeFirst();
  if (row) await endImpersonation(row, "stopped", actorOf(session), meta);
  return active;
}

/**
 * Ending a session ends its impersonation: sign-out (better-auth's sign-out hook), or the staff member signing that
 * session out from their list of devices or by changing their password (`session_revoked`, with who did it).
 */
export async function endImpersonationsOfSession(
  sessionId: string,
  meta: RequestMeta,
  options: {
    endReason?: "signed_out" | "session_revoked";
    actor?: { userId: string; email: string; role: string } | null;
  } = {},
): Promise<number> {
  const rows = await getDb()
    .selectFrom("impersonations")
    .selectAll()
    .where("session_id", "=", sessionId)
    .where("ended_at", "is", null)
    .execute();
  let ended = 0;
  for (const row of rows) {
    if (await endImpersonation(row, options.endReason ?? "signed_out", options.actor ?? null, meta)) ended++;
  }
  return ended;
}

/** Ends (and audits) every impersonation past its limit, whether or not anyone looks at it again. */
export async function expireImpersonations(now = Date.now()): Promise<number> {
  const rows = await getDb()
    .selectFrom("impersonations")
    .selectAll()
    .where("ended_at", "is", null)
    .where("expires_at", "<=", now)
    .execute();
  let ended = 0;
  for (const row of rows)
    if (await endImpersonation(row, "expired", null, { ip: null, userAgent: null })) ended++;
  return ended;
}

/** Audits an Account Session minted while viewing an account, with the page it was for when known. */
export async function auditImpersonatedSession(
  session: CurrentSession,
  active: ActiveImpersonation,
  components: string[],
  meta: RequestMeta,
  page: string | null = null,
): Promise<void> {
  await recordAudit({
    action: "impersonation.account_session",
    actor: actorOf(session),
    accountId: active.accountId,
    tenantId: active.tenant.id,
    impersonationId: active.id,
    reason: active.reason,
    profile: active.profile,
    components,
    ip: meta.ip,
    userAgent: meta.userAgent,
    details: page ? { page } : null,
  });
}
