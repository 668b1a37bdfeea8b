import "server-only";
import type { Kysely, Transaction } from "kysely";
import type { DialectName } from "../db/dialect";
import type { DB } from "../db/schema";
import { authBool, authDate } from "../db/values";
import { newId } from "../ids";
import { hashPassword } from "./password";

/**
 * Inserts a user with an email+password credential, in better-auth's own table layout, inside the caller's
 * transaction (better-auth's sign-up endpoint cannot join an outer transaction).
 */
export async function insertUserWithPassword(
  db: Kysely<DB> | Transaction<DB>,
  dialect: DialectName,
  user: {
    id?: string;
    name: string;
    email: string;
    password?: string;
    passwordHash?: string;
    role?: string;
    /** Only true when the address was proven: a confirmed link, the demo seed. */
    emailVerified?: boolean;
  },
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
      emailVerified: authBool(dialect, user.emailVerified ?? false),
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
