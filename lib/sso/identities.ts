import "server-only";
import type { Kysely, Transaction } from "kysely";
import { getDb } from "../db";
import type { DB, SsoIdentityTable } from "../db/schema";
import { newId } from "../ids";

/** IdP identities linked to Portico users: (issuer, subject) → user. Never matched by email. */

type Executor = Kysely<DB> | Transaction<DB>;
export type SsoIdentity = SsoIdentityTable;

export async function findIdentity(issuer: string, subject: string, db: Executor = getDb()) {
  return db
    .selectFrom("sso_identities")
    .selectAll()
    .where("issuer", "=", issuer)
    .where("subject", "=", subject)
    .executeTakeFirst();
}

/** The user's identity at this issuer, if they linked one. */
export async function identityOfUser(userId: string, issuer: string, db: Executor = getDb()) {
  return db
    .selectFrom("sso_identities")
    .selectAll()
    .where("user_id", "=", userId)
    .where("issuer", "=", issuer)
    .executeTakeFirst();
}

export async function insertIdentity(
  input: { userId: string; issuer: string; subject: string; email: string | null },
  db: Executor = getDb(),
): Promise<string> {
  const id = newId("sso");
  await db
    .insertInto("sso_identities")
    .values({
      id,
      user_id: input.userId,
      issuer: input.issuer,
      subject: input.subject,
      email: input.email,
      created_at: Date.now(),
      last_sign_in_at: null,
    })
    .execute();
  return id;
}

export async function touchIdentity(id: string, email: string | null): Promise<void> {
  await getDb()
    .updateTable("sso_identities")
    .set({ last_sign_in_at: Date.now(), ...(email ? { email } : {}) })
    .where("id", "=", id)
    .execute();
}
