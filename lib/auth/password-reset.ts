import "server-only";
import { getDbHandle } from "../db";
import { authDate } from "../db/values";
import { appLink } from "../mail/links";
import { enqueueMail } from "../mail/outbox";
import { resetThrottle } from "../throttle";
import { lockoutKey } from "./lockout";
import { hashPassword } from "./password";
import { consumeToken, issueToken, revokeTokens } from "./tokens";

/**
 * Mails a reset link when the address has a password to reset. Says nothing either way: the caller answers every
 * address alike, and runs this after answering so the time taken does not tell either.
 */
export async function requestPasswordReset(email: string): Promise<void> {
  const { db } = getDbHandle();
  const user = await db
    .selectFrom("user")
    .innerJoin("account", "account.userId", "user.id")
    .select(["user.id", "user.email"])
    .where("user.email", "=", email.toLowerCase())
    .where("account.providerId", "=", "credential")
    .executeTakeFirst();
  if (!user) return;
  const issued = await issueToken({ purpose: "reset_password", subject: user.id });
  await enqueueMail({
    kind: "reset_password",
    to: user.email,
    eventKey: issued.id,
    values: { url: appLink("/reset-password", { token: issued.token }) },
  });
}

/**
 * Sets the new password from a reset link: the link is used up, every other reset link of the user ends, and so
 * does every session the user had (whoever knew the old password is signed out). Returns the user's email.
 */
export async function resetPassword(
  token: string,
  password: string,
): Promise<{ userId: string; email: string }> {
  const { db, dialect } = getDbHandle();
  const passwordHash = await hashPassword(password);
  const result = await db.transaction().execute(async (trx) => {
    const used = await consumeToken("reset_password", token, trx);
    const user = await trx
      .selectFrom("user")
      .select(["id", "email"])
      .where("id", "=", used.subject)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("account")
      .set({ password: passwordHash, updatedAt: authDate(dialect, new Date()) })
      .where("userId", "=", user.id)
      .where("providerId", "=", "credential")
      .execute();
    await trx.deleteFrom("session").where("userId", "=", user.id).execute();
    await revokeTokens("reset_password", user.id, trx);
    return { userId: user.id, email: user.email };
  });
  // The owner of the address proved it: a lockout from someone guessing ends with the new password.
  await resetThrottle(lockoutKey(result.email));
  return result;
}
