import "server-only";
import type { Kysely, Transaction } from "kysely";
import { getDb } from "../db";
import type { DB } from "../db/schema";

type Executor = Kysely<DB> | Transaction<DB>;

/** Notes a successful sign-in (the console's staff page shows when each staff member last signed in). */
export async function recordSignIn(userId: string, at = Date.now(), db: Executor = getDb()): Promise<void> {
  await db
    .insertInto("user_activity")
    .values({ user_id: userId, last_sign_in_at: at })
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ last_sign_in_at: at }))
    .execute();
}
