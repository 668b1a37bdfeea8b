import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { parseCookies } from "better-call";
import { headers } from "next/headers";
import { cache } from "react";
import { getDb } from "../db";
import { getEnv } from "../env";
import { platformRoleOf } from "./platform-role";
import type { Membership } from "../tenancy/queries";
import type { CurrentSession, SessionAssurance } from "./types";
import { getAuth } from ".";
import { isDisabled } from "./disabled";

/** What better-auth's own `getSession` would settle, read without it (see `readSessionFast`). */
export type FastSessionRead =
  | { kind: "session"; session: CurrentSession }
  | { kind: "none" }
  /** Anything better-auth must handle itself: a sliding refresh, an expired or unknown session, odd cookies. */
  | { kind: "fallback" };

/** better-call's signed cookie: `value.base64(HMAC-SHA256(value))`, the signature always 44 characters ending "=". */
const SIGNATURE = /^[A-Za-z0-9+/]{43}=$/;

function verifySignedCookie(raw: string, secret: string): string | null {
  const dot = raw.lastIndexOf(".");
  if (dot < 1) return null;
  const value = raw.slice(0, dot);
  const signature = raw.slice(dot + 1);
  if (!SIGNATURE.test(signature)) return null;
  const expected = createHmac("sha256", secret).update(value, "utf8").digest();
  const given = Buffer.from(signature, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected) ? value : null;
}

function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

/**
 * The session behind a request's cookie in one indexed query (session joined with its user), checked the way
 * better-auth 1.7's `getSession` checks it (same cookie, same HMAC, same expiry), without its per-call machinery.
 * It only answers when better-auth would answer the same with no side effect; whenever better-auth would write
 * (the sliding refresh once `updateAge` has passed, deleting an expired session, clearing cookies) or anything is
 * unusual, it answers "fallback" and the caller asks better-auth. Revocation is immediate: every call reads the
 * database (no cookie cache), so a signed-out or revoked session is refused at once.
 */
export async function readSessionFast(requestHeaders: Headers): Promise<FastSessionRead> {
  const cookieHeader = requestHeaders.get("cookie");
  if (!cookieHeader) return { kind: "none" };
  const context = await getAuth().$context;
  const { sessionToken, sessionData, dontRememberToken } = context.authCookies;
  const cookies = parseCookies(cookieHeader);
  const raw = cookies.get(sessionToken.name);
  if (!raw) {
    // better-auth clears a stale cookie-cache cookie even then.
    for (const name of cookies.keys()) {
      if (name === sessionData.name || name.startsWith(`${sessionData.name}.`)) return { kind: "fallback" };
    }
    return { kind: "none" };
  }
  // A "don't remember me" session or a cookie-cache cookie changes what better-auth does: leave those to it.
  for (const name of cookies.keys()) {
    if (
      name === dontRememberToken.name ||
      name === sessionData.name ||
      name.startsWith(`${sessionData.name}.`)
    ) {
      return { kind: "fallback" };
    }
  }
  const token = verifySignedCookie(raw, context.secret);
  if (token === null) return { kind: "none" };

  // The session, its user and the user's memberships in one query: a row per membership (one with none).
  const rows = await getDb()
    .selectFrom("session")
    .innerJoin("user", "user.id", "session.userId")
    .leftJoin("memberships", "memberships.user_id", "user.id")
    .leftJoin("tenants", "tenants.id", "memberships.tenant_id")
    .leftJoin("second_factors", (join) =>
      join.onRef("second_factors.user_id", "=", "user.id").on("second_factors.confirmed_at", "is not", null),
    )
    .leftJoin("session_assurance", "session_assurance.session_id", "session.id")
    .select([
      "session.id as sessionId",
      "session.expiresAt",
      "session.createdAt",
      "user.id as userId",
      "user.email",
      "user.name",
      "user.role",
      "user.banned",
      "user.banExpires",
      "user.emailVerified",
      "second_factors.user_id as factorUserId",
      "session_assurance.verified_at as assuredAt",
      "memberships.role as membershipRole",
      "tenants.id as tenantId",
      "tenants.name as tenantName",
      "tenants.slug as tenantSlug",
      "tenants.stripe_account_id as tenantAccountId",
      "tenants.created_at as tenantCreatedAt",
    ])
    .where("session.token", "=", token)
    .orderBy("memberships.created_at", "asc")
    .orderBy("memberships.id", "asc")
    .execute();
  const row = rows[0];
  if (!row) return { kind: "fallback" };
  const expiresAt = toDate(row.expiresAt);
  const now = Date.now();
  if (!(expiresAt.getTime() > now)) return { kind: "fallback" };
  // better-auth's refresh rule: due once `updateAge` has passed since the expiry was last pushed out.
  const { expiresIn, updateAge } = context.sessionConfig;
  if (expiresAt.getTime() - expiresIn * 1000 + updateAge * 1000 <= now) return { kind: "fallback" };
  const createdAt = toDate(row.createdAt);
  if (Number.isNaN(createdAt.getTime())) return { kind: "fallback" };

  if (isDisabled(row)) return { kind: "none" };
  if (now - createdAt.getTime() > getEnv().sessionAbsoluteHours * 3600 * 1000) {
    await getDb().deleteFrom("session").where("id", "=", row.sessionId).execute();
    return { kind: "none" };
  }
  const memberships: Membership[] = [];
  for (const m of rows) {
    if (m.membershipRole === null || m.tenantId === null) continue;
    memberships.push({
      role: m.membershipRole,
      tenant: {
        id: m.tenantId,
        name: m.tenantName ?? "",
        slug: m.tenantSlug ?? "",
        stripeAccountId: m.tenantAccountId,
        createdAt: Number(m.tenantCreatedAt),
      },
    });
  }
  return {
    kind: "session",
    session: {
      user: {
        id: row.userId,
        email: row.email,
        name: row.name,
        emailVerified: Boolean(row.emailVerified),
        platformRole: platformRoleOf(row.role),
      },
      sessionId: row.sessionId,
      createdAt,
      expiresAt,
      assurance: {
        enrolled: row.factorUserId !== null,
        verifiedAt: row.assuredAt === null ? null : Number(row.assuredAt),
      },
      memberships,
    },
  };
}

/**
 * Resolves the session behind a request's cookie, enforcing what better-auth leaves to the app: banned users and
 * the absolute session lifetime (the idle timeout is better-auth's sliding expiry).
 */
export async function resolveSession(requestHeaders: Headers): Promise<CurrentSession | null> {
  const fast = await readSessionFast(requestHeaders);
  if (fast.kind === "session") return fast.session;
  if (fast.kind === "none") return null;
  return resolveSessionWithBetterAuth(requestHeaders);
}

/** The slow path: better-auth's `getSession`, which also refreshes the session and its cookie when due. */
async function resolveSessionWithBetterAuth(requestHeaders: Headers): Promise<CurrentSession | null> {
  const result = await getAuth().api.getSession({ headers: requestHeaders });
  if (!result) return null;
  const { user, session } = result;
  if (isDisabled(user)) return null;
  const createdAt = new Date(session.createdAt);
  const absoluteLimitMs = getEnv().sessionAbsoluteHours * 3600 * 1000;
  if (Date.now() - createdAt.getTime() > absoluteLimitMs) {
    await getDb().deleteFrom("session").where("id", "=", session.id).execute();
    return null;
  }
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      emailVerified: Boolean(user.emailVerified),
      platformRole: platformRoleOf(user.role),
    },
    sessionId: session.id,
    createdAt,
    expiresAt: new Date(session.expiresAt),
    assurance: await readAssurance(user.id, session.id),
  };
}

export async function readAssurance(userId: string, sessionId: string): Promise<SessionAssurance> {
  const db = getDb();
  const [factor, assured] = await Promise.all([
    db
      .selectFrom("second_factors")
      .select("user_id")
      .where("user_id", "=", userId)
      .where("confirmed_at", "is not", null)
      .executeTakeFirst(),
    db
      .selectFrom("session_assurance")
      .select("verified_at")
      .where("session_id", "=", sessionId)
      .executeTakeFirst(),
  ]);
  return {
    enrolled: factor !== undefined,
    verifiedAt: assured ? Number(assured.verified_at) : null,
  };
}

/** The current request's session, resolved once per request (pages, layouts and server actions). */
export const getCurrentSession = cache(async (): Promise<CurrentSession | null> =>
  resolveSession(await headers()),
);
