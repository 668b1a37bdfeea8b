import "server-only";
import { recordAudit } from "../audit";
import type { AuditActor } from "../audit/actor";
import { reservePasswordAttempt } from "../auth/lockout";
import { hashPassword, verifyPassword } from "../auth/password";
import { revokeTokens } from "../auth/tokens";
import { getDbHandle } from "../db";
import { authDate } from "../db/values";
import { AppError } from "../errors";
import type { RequestMeta } from "../impersonation";
import { newId } from "../ids";
import { appLink } from "../mail/links";
import { enqueueMail } from "../mail/outbox";
import { endSessions, otherSessionIds } from "./sessions";

/** The person's password hash, or null when their account has none (it signs in some other way). */
async function storedPassword(userId: string): Promise<string | null> {
  const row = await getDbHandle()
    .db.selectFrom("account")
    .select("password")
    .where("userId", "=", userId)
    .where("providerId", "=", "credential")
    .executeTakeFirst();
  return row?.password ?? null;
}

function wrongCurrentPassword(): AppError {
  return new AppError("reauthentication_failed", "Your current password is not right.", {
    reason: "wrong_password",
    fields: { currentPassword: "Your current password is not right." },
  });
}

/**
 * Changes the signed-in person's password. The current one is checked against the sign-in lockout (a wrong one
 * counts, as at sign-in, and is audited as a failed step-up); on success every *other* session ends (any "view as"
 * in them first), outstanding reset links stop working, and a mail tells the address on file.
 */
export async function changePassword(
  input: {
    userId: string;
    email: string;
    currentSessionId: string;
    currentPassword: string;
    newPassword: string;
  },
  meta: RequestMeta,
  actor: AuditActor,
): Promise<{ signedOut: number }> {
  const attempt = await reservePasswordAttempt(input.email);
  const hash = await storedPassword(input.userId);
  if (!hash) {
    throw new AppError("conflict", "Your account has no password to change.", { reason: "no_password" });
  }
  if (!(await verifyPassword({ hash, password: input.currentPassword }))) {
    await recordAudit({
      action: "auth.step_up_failed",
      actor,
      ip: meta.ip,
      userAgent: meta.userAgent,
      details: { purpose: "change_password", method: "password" },
    });
    throw wrongCurrentPassword();
  }
  await attempt.succeeded();
  if (input.newPassword === input.currentPassword) {
    throw new AppError("invalid_request", "Choose a password different from your current one.", {
      reason: "same_password",
      fields: { newPassword: "Choose a password different from your current one." },
    });
  }
  const newHash = await hashPassword(input.newPassword);
  // Other devices first, outside the write below: ending their views writes audit rows of its own.
  const others = await otherSessionIds(input.userId, input.currentSessionId);
  const { ended } = await endSessions(input.userId, others, meta, actor);

  const { db, dialect } = getDbHandle();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("account")
      .set({ password: newHash, updatedAt: authDate(dialect, new Date()) })
      .where("userId", "=", input.userId)
      .where("providerId", "=", "credential")
      .execute();
    // A session that slipped in between (a sign-in with the old password a moment ago) ends too.
    await trx
      .deleteFrom("session")
      .where("userId", "=", input.userId)
      .where("id", "!=", input.currentSessionId)
      .execute();
    await revokeTokens("reset_password", input.userId, trx);
    const changeId = newId("pwd");
    await enqueueMail(
      {
        kind: "password_changed",
        to: input.email,
        eventKey: changeId,
        values: {
          time: new Date().toISOString().slice(0, 16).replace("T", " "),
          url: appLink("/forgot-password"),
        },
      },
      trx,
    );
    await recordAudit(
      {
        action: "auth.password_changed",
        actor,
        ip: meta.ip,
        userAgent: meta.userAgent,
        details: { otherSessionsEnded: ended },
      },
      trx,
    );
  });
  return { signedOut: ended };
}
