import "server-only";
import { recordAudit } from "../audit";
import type { AuditActor } from "../audit/actor";
import { getDb } from "../db";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { endImpersonationsOfSession, type RequestMeta } from "../impersonation";
import { describeUserAgent, type DeviceDescription } from "./user-agent";

/**
 * The person's signed-in devices: their sessions, read straight from the session table. Tokens never leave this
 * module (only the row id, which opens nothing); better-auth's own list-sessions, which hands them out, stays closed.
 */

export interface DeviceSession extends DeviceDescription {
  id: string;
  /** The session this request came with ("this device"). */
  current: boolean;
  createdAt: number;
  /** When better-auth last pushed the session's expiry out: activity, to within a few minutes. */
  lastActiveAt: number;
  expiresAt: number;
  ip: string | null;
  /** A staff member's session with an open "view as": the business it views. */
  viewing: { businessName: string; accountId: string } | null;
}

function epoch(value: Date | string): number {
  return (value instanceof Date ? value : new Date(value)).getTime();
}

/** Live sessions, this device first, then the most recently active. */
export async function listSessions(userId: string, currentSessionId: string): Promise<DeviceSession[]> {
  const db = getDb();
  const now = Date.now();
  const absoluteMs = getEnv().sessionAbsoluteHours * 3600_000;
  const rows = await db
    .selectFrom("session")
    .select(["id", "createdAt", "updatedAt", "expiresAt", "ipAddress", "userAgent"])
    .where("userId", "=", userId)
    .execute();
  const live = rows.filter((row) => epoch(row.expiresAt) > now && now - epoch(row.createdAt) <= absoluteMs);
  const views =
    live.length === 0
      ? []
      : await db
          .selectFrom("impersonations")
          .innerJoin("tenants", "tenants.id", "impersonations.tenant_id")
          .select(["impersonations.session_id", "impersonations.account_id", "tenants.name"])
          .where(
            "impersonations.session_id",
            "in",
            live.map((row) => row.id),
          )
          .where("impersonations.ended_at", "is", null)
          .where("impersonations.expires_at", ">", now)
          .execute();
  const viewOf = new Map(views.map((v) => [v.session_id, { businessName: v.name, accountId: v.account_id }]));
  return live
    .map((row) => ({
      id: row.id,
      current: row.id === currentSessionId,
      createdAt: epoch(row.createdAt),
      lastActiveAt: Math.max(epoch(row.updatedAt), epoch(row.createdAt)),
      expiresAt: epoch(row.expiresAt),
      ip: row.ipAddress,
      ...describeUserAgent(row.userAgent),
      viewing: viewOf.get(row.id) ?? null,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current) || b.lastActiveAt - a.lastActiveAt);
}

/**
 * Ends sessions of the user: any "view as" open in one ends first (audited as stopped, by the user), then the
 * session row goes (its assurance with it), so the next request with its cookie is signed out.
 */
export async function endSessions(
  userId: string,
  sessionIds: readonly string[],
  meta: RequestMeta,
  actor: AuditActor,
): Promise<{ ended: number; viewsEnded: number }> {
  if (sessionIds.length === 0) return { ended: 0, viewsEnded: 0 };
  let viewsEnded = 0;
  for (const id of sessionIds) {
    viewsEnded += await endImpersonationsOfSession(id, meta, { endReason: "session_revoked", actor });
  }
  const result = await getDb()
    .deleteFrom("session")
    .where("userId", "=", userId)
    .where("id", "in", [...sessionIds])
    .executeTakeFirst();
  return { ended: Number(result.numDeletedRows), viewsEnded };
}

/** Signs one of the person's other devices out. Their own session ends with "Sign out" instead. */
export async function revokeSession(
  input: { userId: string; currentSessionId: string; sessionId: string },
  meta: RequestMeta,
  actor: AuditActor,
): Promise<{ viewsEnded: number }> {
  if (input.sessionId === input.currentSessionId) {
    throw new AppError("conflict", "This is the device you are using: use “Sign out” to end this session.", {
      reason: "current_session",
    });
  }
  const owned = await getDb()
    .selectFrom("session")
    .select("id")
    .where("id", "=", input.sessionId)
    .where("userId", "=", input.userId)
    .executeTakeFirst();
  // Another person's session id answers exactly like one that has already ended.
  if (!owned) throw new AppError("not_found", "This device is already signed out.", { reason: "no_session" });
  const { ended, viewsEnded } = await endSessions(input.userId, [input.sessionId], meta, actor);
  if (ended === 0)
    throw new AppError("not_found", "This device is already signed out.", { reason: "no_session" });
  await recordAudit({
    action: "user.session_revoked",
    actor,
    ip: meta.ip,
    userAgent: meta.userAgent,
    details: { sessionId: input.sessionId, viewsEnded },
  });
  return { viewsEnded };
}

/** Signs every other device out ("sign out everywhere else"); this one stays signed in. */
export async function revokeOtherSessions(
  input: { userId: string; currentSessionId: string },
  meta: RequestMeta,
  actor: AuditActor,
): Promise<{ ended: number; viewsEnded: number }> {
  const ids = await otherSessionIds(input.userId, input.currentSessionId);
  const result = await endSessions(input.userId, ids, meta, actor);
  await recordAudit({
    action: "user.sessions_revoked",
    actor,
    ip: meta.ip,
    userAgent: meta.userAgent,
    details: { scope: "others", ended: result.ended, viewsEnded: result.viewsEnded },
  });
  return result;
}

export async function otherSessionIds(userId: string, currentSessionId: string): Promise<string[]> {
  const rows = await getDb()
    .selectFrom("session")
    .select("id")
    .where("userId", "=", userId)
    .where("id", "!=", currentSessionId)
    .execute();
  return rows.map((row) => row.id);
}
