import "server-only";
import type { AccessContext } from "../access/context";
import { getDb } from "../db";
import { getUserSettings, getPaymentMails } from "../settings";
import { pendingEmailChange } from "./email-change";
import { listSessions } from "./sessions";

/**
 * "Download my data": everything Portico keeps about the person, as one JSON document. Secrets never leave: no
 * password hash, session token, TOTP secret, recovery code or link token — only that they exist and when they were
 * used. Mailed bodies are left out too (a pending one may carry a link).
 */

function iso(value: Date | string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(typeof value === "string" ? value : Number(value));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function json(text: string | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export async function buildDataExport(access: AccessContext): Promise<Record<string, unknown>> {
  const db = getDb();
  const userId = access.user.id;
  const user = await db
    .selectFrom("user")
    .select(["id", "name", "email", "emailVerified", "createdAt", "updatedAt", "role", "banned", "banReason"])
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  const credential = await db
    .selectFrom("account")
    .select(["providerId", "createdAt", "updatedAt"])
    .where("userId", "=", userId)
    .execute();
  const memberships = await db
    .selectFrom("memberships")
    .innerJoin("tenants", "tenants.id", "memberships.tenant_id")
    .select([
      "tenants.id as tenantId",
      "tenants.name",
      "tenants.slug",
      "tenants.stripe_account_id",
      "memberships.role",
      "memberships.created_at",
    ])
    .where("memberships.user_id", "=", userId)
    .orderBy("memberships.created_at")
    .execute();
  const factor = await db
    .selectFrom("second_factors")
    .select(["confirmed_at", "created_at", "last_used_at", "recovery_codes"])
    .where("user_id", "=", userId)
    .executeTakeFirst();
  const sent = await db
    .selectFrom("invitations")
    .innerJoin("tenants", "tenants.id", "invitations.tenant_id")
    .select([
      "invitations.id",
      "invitations.email",
      "invitations.role",
      "invitations.created_at",
      "invitations.accepted_at",
      "invitations.expires_at",
      "tenants.name as business",
    ])
    .where("invitations.invited_by", "=", userId)
    .orderBy("invitations.created_at")
    .execute();
  const received = await db
    .selectFrom("invitations")
    .innerJoin("tenants", "tenants.id", "invitations.tenant_id")
    .select([
      "invitations.id",
      "invitations.role",
      "invitations.created_at",
      "invitations.accepted_at",
      "invitations.expires_at",
      "tenants.name as business",
    ])
    .where("invitations.email", "=", user.email)
    .orderBy("invitations.created_at")
    .execute();
  const audit = await db
    .selectFrom("audit_log")
    .selectAll()
    .where("actor_user_id", "=", userId)
    .orderBy("occurred_at")
    .orderBy("id")
    .execute();
  const views = await db
    .selectFrom("impersonations")
    .select([
      "id",
      "account_id",
      "reason",
      "profile",
      "escalation_reason",
      "started_at",
      "ended_at",
      "end_reason",
    ])
    .where("staff_user_id", "=", userId)
    .orderBy("started_at")
    .execute();
  const mails = await db
    .selectFrom("mail_outbox")
    .select(["kind", "subject", "status", "created_at", "sent_at"])
    .where("recipient", "=", user.email)
    .orderBy("created_at")
    .execute();
  const settings = await getUserSettings(userId);
  const paymentMails = await getPaymentMails(userId);
  const sessions = await listSessions(userId, access.session.sessionId);
  const pending = await pendingEmailChange(userId);

  return {
    exportedAt: new Date().toISOString(),
    format: "portico-personal-data/1",
    profile: {
      id: user.id,
      name: user.name,
      email: user.email,
      emailVerified: Boolean(user.emailVerified),
      platformRole: access.platformRole,
      disabled: Boolean(user.banned),
      disabledReason: user.banReason,
      createdAt: iso(user.createdAt),
      updatedAt: iso(user.updatedAt),
      pendingEmailChange: pending
        ? { email: pending.email, requestedAt: iso(pending.requestedAt), expiresAt: iso(pending.expiresAt) }
        : null,
    },
    signIn: credential.map((c) => ({
      method: c.providerId === "credential" ? "password" : c.providerId,
      createdAt: iso(c.createdAt),
      updatedAt: iso(c.updatedAt),
    })),
    secondFactor: factor
      ? {
          enabled: factor.confirmed_at !== null,
          setUpAt: iso(factor.confirmed_at ?? factor.created_at),
          lastUsedAt: iso(factor.last_used_at),
          recoveryCodesLeft: Array.isArray(json(factor.recovery_codes))
            ? (json(factor.recovery_codes) as unknown[]).length
            : 0,
        }
      : { enabled: false },
    settings: { ...settings, paymentMails },
    memberships: memberships.map((m) => ({
      businessId: m.tenantId,
      business: m.name,
      slug: m.slug,
      stripeAccountId: m.stripe_account_id,
      role: m.role,
      joinedAt: iso(m.created_at),
    })),
    sessions: sessions.map((s) => ({
      thisDevice: s.current,
      browser: s.browser,
      browserVersion: s.browserVersion,
      system: s.system,
      device: s.device,
      ip: s.ip,
      signedInAt: iso(s.createdAt),
      lastActiveAt: iso(s.lastActiveAt),
      expiresAt: iso(s.expiresAt),
    })),
    invitationsSent: sent.map((i) => ({
      id: i.id,
      business: i.business,
      email: i.email,
      role: i.role,
      createdAt: iso(i.created_at),
      acceptedAt: iso(i.accepted_at),
      expiresAt: iso(i.expires_at),
    })),
    invitationsReceived: received.map((i) => ({
      id: i.id,
      business: i.business,
      role: i.role,
      createdAt: iso(i.created_at),
      acceptedAt: iso(i.accepted_at),
      expiresAt: iso(i.expires_at),
    })),
    accountViews: views.map((v) => ({
      id: v.id,
      accountId: v.account_id,
      reason: v.reason,
      profile: v.profile,
      escalationReason: v.escalation_reason,
      startedAt: iso(v.started_at),
      endedAt: iso(v.ended_at),
      endReason: v.end_reason,
    })),
    mails: mails.map((m) => ({
      kind: m.kind,
      subject: m.subject,
      status: m.status,
      queuedAt: iso(m.created_at),
      sentAt: iso(m.sent_at),
    })),
    auditLog: audit.map((a) => ({
      id: a.id,
      occurredAt: iso(a.occurred_at),
      action: a.action,
      role: a.actor_role,
      accountId: a.account_id,
      businessId: a.tenant_id,
      viewId: a.impersonation_id,
      reason: a.reason,
      profile: a.profile,
      components: json(a.components),
      ip: a.ip,
      userAgent: a.user_agent,
      details: json(a.details),
    })),
  };
}
