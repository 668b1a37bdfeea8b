import "server-only";
import type { Kysely, Transaction } from "kysely";
import { auditAction, type AuditSubject } from "../audit";
import { getDbHandle } from "../db";
import type { DialectName } from "../db/dialect";
import type { DB } from "../db/schema";
import { authBool, authDate } from "../db/values";
import { AppError } from "../errors";
import { newId } from "../ids";
import { endImpersonationsOfSession, type RequestMeta } from "../impersonation";
import { hashPassword } from "./password";

/**
 * Inserts a user with an email+password credential, in better-auth's own table layout, inside the caller's
 * transaction (better-auth's sign-up endpoint cannot join an outer transaction).
 */
export async function insertUserWithPassword(
  db: Kysely<DB> | Transaction<DB>,
  dialect: DialectName,
  user: { id?: string; name: string; email: string; password?: string; passwordHash?: string; role?: string },
): Promise<string> {
  const userId = user.id ?? newId("usr");
  const now = new Date();
  const passwordHash = user.passwordHash ?? (await hashPassword(user.password ?? ""));
  await db
    .insertInto("user")
    .values({
      id: userId,
      name: user.name,
      email: user.email.toLowerCase(),
      emailVerified: authBool(dialect, false),
      image: null,
      createdAt: authDate(dialect, now),
      updatedAt: authDate(dialect, now),
      role: user.role ?? "user",
      banned: authBool(dialect, false),
      banReason: null,
      banExpires: null,
    })
    .execute();
  await db
    .insertInto("account")
    .values({
      id: newId("cred"),
      accountId: userId,
      providerId: "credential",
      userId,
      accessToken: null,
      refreshToken: null,
      idToken: null,
      accessTokenExpiresAt: null,
      refreshTokenExpiresAt: null,
      scope: null,
      password: passwordHash,
      createdAt: authDate(dialect, now),
      updatedAt: authDate(dialect, now),
    })
    .execute();
  return userId;
}

export async function findUserIdByEmail(
  db: Kysely<DB> | Transaction<DB>,
  email: string,
): Promise<string | null> {
  const row = await db
    .selectFrom("user")
    .select("id")
    .where("email", "=", email.toLowerCase())
    .executeTakeFirst();
  return row?.id ?? null;
}

export interface UserStatusChange {
  userId: string;
  email: string;
  /** Sessions ended by the change (a disable signs the user out everywhere). */
  sessionsEnded: number;
}

/**
 * Disables a user: they cannot sign in again, every session they have ends at once (any view of an account they
 * had open is ended and audited first), and the change is audited in the same transaction as the write.
 */
export async function setUserDisabled(
  actor: AuditSubject,
  userId: string,
  disabled: boolean,
  reason: string,
  meta: RequestMeta,
): Promise<UserStatusChange> {
  if (userId === actor.user.id) {
    throw new AppError("conflict", "You cannot disable or re-enable yourself.", { reason: "self" });
  }
  const { db, dialect } = getDbHandle();
  const user = await db
    .selectFrom("user")
    .select(["id", "email"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user) throw new AppError("not_found", "No such user.");
  let sessionIds: string[] = [];
  if (disabled) {
    sessionIds = (await db.selectFrom("session").select("id").where("userId", "=", userId).execute()).map(
      (row) => row.id,
    );
    for (const sessionId of sessionIds) await endImpersonationsOfSession(sessionId, meta);
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("user")
      .set({
        banned: authBool(dialect, disabled),
        banReason: disabled ? reason : null,
        banExpires: null,
        updatedAt: authDate(dialect, new Date()),
      })
      .where("id", "=", userId)
      .execute();
    if (disabled) await trx.deleteFrom("session").where("userId", "=", userId).execute();
    await auditAction(
      actor,
      disabled ? "user.disabled" : "user.enabled",
      meta,
      { reason, details: { userId, email: user.email, sessionsEnded: sessionIds.length } },
      trx,
    );
  });
  return { userId, email: user.email, sessionsEnded: sessionIds.length };
}
