import "server-only";
import { sql, type Kysely, type Transaction } from "kysely";
import { isDisabled } from "../auth/disabled";
import { platformRoleOf } from "../auth/platform-role";
import { getDbHandle } from "../db";
import type { DialectName } from "../db/dialect";
import type { DB } from "../db/schema";
import { AppError } from "../errors";

/**
 * The platform always keeps an admin who can get in. Every change that can take an admin away — a demotion, a
 * disable, a removal, a reset by the command line — runs its check and its write under one lock on platform staff,
 * so two admins demoting (or disabling, or removing) each other at once cannot leave none: the second one waits,
 * then sees the first one's change.
 */

/** Arbitrary, fixed: the PostgreSQL advisory lock that serialises changes to platform staff. */
const STAFF_LOCK_KEY = 7_261_904_113;

/** Takes the staff lock for the rest of `trx`. */
export async function lockPlatformStaff(trx: Transaction<DB>, dialect: DialectName): Promise<void> {
  if (dialect === "postgres") {
    await sql`select pg_advisory_xact_lock(${STAFF_LOCK_KEY})`.execute(trx);
    return;
  }
  // SQLite: take the database's write lock before reading, so nobody's write lands between the count and ours.
  await trx
    .updateTable("user")
    .set({ role: sql.ref("role") })
    .where("id", "=", "")
    .execute();
}

/**
 * Admins who can act: the admin role, not disabled, and a password set (an invited admin who has not chosen one
 * yet cannot sign in).
 */
export async function activeAdminIds(trx: Kysely<DB> | Transaction<DB>): Promise<string[]> {
  const rows = await trx
    .selectFrom("user")
    .leftJoin("account", (join) =>
      join.onRef("account.userId", "=", "user.id").on("account.providerId", "=", "credential"),
    )
    .select(["user.id", "user.role", "user.banned", "user.banExpires", "account.id as credentialId"])
    .where("user.role", "like", "%admin%")
    .execute();
  return rows
    .filter((row) => platformRoleOf(row.role) === "admin" && !isDisabled(row) && row.credentialId !== null)
    .map((row) => row.id);
}

export type AdminLoss = "demote" | "disable" | "remove" | "reset";

const lossMessages: Record<AdminLoss, string> = {
  demote: "This is the last active admin: make someone else an admin before changing their role.",
  disable: "This is the last active admin: make someone else an admin before disabling them.",
  remove: "This is the last active admin: make someone else an admin before removing them.",
  reset: "This is the last active admin: make someone else an admin before starting their account over.",
};

/**
 * Throws when `userId` is an active admin and no other active admin would remain. Decisive only under
 * `lockPlatformStaff`, in the transaction of the change; outside one it is a fast first check.
 */
export async function assertAnotherAdminRemains(
  trx: Kysely<DB> | Transaction<DB>,
  userId: string,
  change: AdminLoss,
): Promise<void> {
  const admins = await activeAdminIds(trx);
  if (!admins.includes(userId)) return;
  if (admins.filter((id) => id !== userId).length === 0) {
    throw new AppError("conflict", lossMessages[change], { reason: "last_admin" });
  }
}

/** Runs `change` in a transaction holding the staff lock, after checking that an admin remains. */
export async function withAdminGuard<T>(
  userId: string,
  loss: AdminLoss | null,
  change: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  const { db, dialect } = getDbHandle();
  return db.transaction().execute(async (trx) => {
    await lockPlatformStaff(trx, dialect);
    if (loss) await assertAnotherAdminRemains(trx, userId, loss);
    return change(trx);
  });
}
