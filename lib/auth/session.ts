import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { getDb } from "../db";
import { getEnv } from "../env";
import { getAuth } from ".";
import { platformRoleOf, type PlatformRole } from "./roles";

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
}

/**
 * Resolves the session behind a request's cookie, enforcing what better-auth leaves to the app: banned users and
 * the absolute session lifetime (the idle timeout is better-auth's sliding expiry).
 */
export async function resolveSession(requestHeaders: Headers): Promise<CurrentSession | null> {
  const result = await getAuth().api.getSession({ headers: requestHeaders });
  if (!result) return null;
  const { user, session } = result;
  if (user.banned) return null;
  const createdAt = new Date(session.createdAt);
  const absoluteLimitMs = getEnv().sessionAbsoluteHours * 3600 * 1000;
  if (Date.now() - createdAt.getTime() > absoluteLimitMs) {
    await getDb().deleteFrom("session").where("id", "=", session.id).execute();
    return null;
  }
  return {
    user: { id: user.id, email: user.email, name: user.name, platformRole: platformRoleOf(user.role) },
    sessionId: session.id,
    createdAt,
    expiresAt: new Date(session.expiresAt),
  };
}

/** The current request's session, resolved once per request (pages, layouts and server actions). */
export const getCurrentSession = cache(async (): Promise<CurrentSession | null> =>
  resolveSession(await headers()),
);
