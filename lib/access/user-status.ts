import "server-only";
import { auditAction, type AuditSubject } from "../audit";
import { getDbHandle } from "../db";
import { authBool, authDate } from "../db/values";
import { AppError } from "../errors";
import { endImpersonationsOfSession, type RequestMeta } from "../impersonation";
import { assertAnotherAdminRemains, lockPlatformStaff } from "../staff/admin-guard";

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
  // Fails fast before any view is ended; the decisive check runs again under the lock, with the write.
  if (disabled) await assertAnotherAdminRemains(db, userId, "disable");
  const sessionIds = disabled ? await endViewsOf(userId, meta) : [];
  await db.transaction().execute(async (trx) => {
    if (disabled) {
      // The platform keeps an admin who can get in (lib/staff/admin-guard.ts).
      await lockPlatformStaff(trx, dialect);
      await assertAnotherAdminRemains(trx, userId, "disable");
    }
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

/**
 * Ends every "view as" the user has open (each audited as a stop) and returns their session ids: the caller deletes
 * those sessions in the transaction of the change that signs them out.
 */
export async function endViewsOf(userId: string, meta: RequestMeta): Promise<string[]> {
  const { db } = getDbHandle();
  const sessionIds = (await db.selectFrom("session").select("id").where("userId", "=", userId).execute()).map(
    (row) => row.id,
  );
  for (const sessionId of sessionIds) await endImpersonationsOfSession(sessionId, meta);
  return sessionIds;
}
