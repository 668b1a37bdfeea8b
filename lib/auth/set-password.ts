import "server-only";
import { recordAudit } from "../audit";
import { getDb, getDbHandle } from "../db";
import { authBool, authDate } from "../db/values";
import { AppError } from "../errors";
import { newId } from "../ids";
import type { RequestMeta } from "../impersonation";
import { resetThrottle } from "../throttle";
import { isDisabled } from "./disabled";
import { lockoutKey } from "./lockout";
import { hashPassword } from "./password";
import { platformRoleOf, type PlatformRole } from "./platform-role";
import { consumeToken, peekToken, revokeTokens } from "./tokens";

/**
 * The set-password link of a new staff member (made by an admin's invitation or `npm run staff:create`): the person
 * chooses their first password with it, which also proves their address. Single-use, 24 hours; a newer link
 * replaces older ones.
 */

export interface SetPasswordView {
  email: string;
  name: string;
  role: PlatformRole | null;
}

const unusable = () =>
  new AppError("invalid_request", "This link is no longer valid. Ask an admin for a new one.", {
    reason: "token_used",
  });

/** What the page shows before the password is chosen (looking does not use the link up). */
export async function describeSetPasswordLink(token: string): Promise<SetPasswordView> {
  const link = await peekToken("set_password", token);
  const user = await getDb()
    .selectFrom("user")
    .select(["email", "name", "role", "banned", "banExpires"])
    .where("id", "=", link.subject)
    .executeTakeFirst();
  if (!user || isDisabled(user)) throw unusable();
  return { email: user.email, name: user.name, role: platformRoleOf(user.role) };
}

/**
 * Sets the password from the link, in the transaction that uses it up: the credential is made (or replaced), the
 * address counts as verified, every other session and link of the user ends. Returns who it was, to sign them in.
 */
export async function setPasswordWithLink(
  token: string,
  password: string,
  meta: RequestMeta,
): Promise<{ userId: string; email: string }> {
  const { db, dialect } = getDbHandle();
  const passwordHash = await hashPassword(password);
  const result = await db.transaction().execute(async (trx) => {
    const link = await consumeToken("set_password", token, trx);
    const user = await trx
      .selectFrom("user")
      .select(["id", "email", "role", "banned", "banExpires"])
      .where("id", "=", link.subject)
      .executeTakeFirst();
    if (!user) throw unusable();
    if (isDisabled(user)) {
      throw new AppError(
        "forbidden",
        "This account has been disabled by the platform. Contact the platform's support if you think this is a mistake.",
        { reason: "account_disabled" },
      );
    }
    const now = new Date();
    const updated = await trx
      .updateTable("account")
      .set({ password: passwordHash, updatedAt: authDate(dialect, now) })
      .where("userId", "=", user.id)
      .where("providerId", "=", "credential")
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      await trx
        .insertInto("account")
        .values({
          id: newId("cred"),
          accountId: user.id,
          providerId: "credential",
          userId: user.id,
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
    }
    await trx
      .updateTable("user")
      .set({ emailVerified: authBool(dialect, true), updatedAt: authDate(dialect, now) })
      .where("id", "=", user.id)
      .execute();
    await trx.deleteFrom("session").where("userId", "=", user.id).execute();
    await revokeTokens("set_password", user.id, trx);
    await revokeTokens("reset_password", user.id, trx);
    await recordAudit(
      {
        action: "staff.password_set",
        actor: { userId: user.id, email: user.email, role: platformRoleOf(user.role) ?? "user" },
        details: { userId: user.id },
        ip: meta.ip,
        userAgent: meta.userAgent,
      },
      trx,
    );
    return { userId: user.id, email: user.email };
  });
  // Whoever holds the link proved the address: a lockout from someone guessing ends with the new password.
  await resetThrottle(lockoutKey(result.email));
  return result;
}
