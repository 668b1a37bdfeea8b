import "server-only";
import { sql, type Transaction } from "kysely";
import { recordAudit } from "../audit";
import type { AuditActor } from "../audit/actor";
import { getDb, getDbHandle } from "../db";
import type { DB } from "../db/schema";
import { AppError } from "../errors";
import type { RequestMeta } from "../impersonation";
import { appLink } from "../mail/links";
import { enqueueMail, localeOf } from "../mail/outbox";

type Executor = ReturnType<typeof getDb> | Transaction<DB>;

export interface OwnedBusiness {
  tenantId: string;
  name: string;
}

/** The businesses the person is the only owner of: each needs another owner before they may go. */
export async function soleOwnerships(userId: string, db: Executor = getDb()): Promise<OwnedBusiness[]> {
  const rows = await db
    .selectFrom("memberships as mine")
    .innerJoin("tenants", "tenants.id", "mine.tenant_id")
    .select(["tenants.id", "tenants.name"])
    .where("mine.user_id", "=", userId)
    .where("mine.role", "=", "owner")
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("memberships as other")
            .select("other.id")
            .whereRef("other.tenant_id", "=", "mine.tenant_id")
            .where("other.role", "=", "owner")
            .where("other.user_id", "!=", userId),
        ),
      ),
    )
    .orderBy("tenants.name")
    .execute();
  return rows.map((row) => ({ tenantId: row.id, name: row.name }));
}

function onlyOwner(businesses: OwnedBusiness[]): AppError {
  const names = businesses.map((b) => b.name).join(", ");
  return new AppError(
    "conflict",
    `You are the only owner of ${names}. Make another member owner on the Team page first (invite one if needed), then delete your account.`,
    { reason: "only_owner" },
  );
}

/**
 * Deletes the person's account: sessions, memberships, settings, second factor, pending links and the user itself
 * (better-auth's row and its password) go in one transaction; the audit log keeps its rows, and the id is recorded
 * as deleted so the console shows those rows' actor as a deleted user. A business is never left without an owner:
 * the businesses' rows are locked for the check and the delete, so two owners cannot both leave at once. The step-up
 * and the typed confirmation are the caller's. Platform staff are removed by an admin, never here.
 */
export async function deleteAccount(
  input: { userId: string; email: string; isStaff: boolean },
  meta: RequestMeta,
  actor: AuditActor,
): Promise<void> {
  if (input.isStaff) {
    throw new AppError("forbidden", "Staff accounts are removed by a platform admin.", {
      reason: "staff_account",
    });
  }
  const locale = await localeOf(input.email);
  const { db, dialect } = getDbHandle();
  await db.transaction().execute(async (trx) => {
    const memberships = await trx
      .selectFrom("memberships")
      .innerJoin("tenants", "tenants.id", "memberships.tenant_id")
      .select(["memberships.tenant_id", "memberships.role", "tenants.stripe_account_id"])
      .where("memberships.user_id", "=", input.userId)
      .execute();
    const owned = memberships.filter((m) => m.role === "owner").map((m) => m.tenant_id);
    if (owned.length > 0) {
      if (dialect === "postgres") {
        await trx.selectFrom("tenants").select("id").where("id", "in", owned).forUpdate().execute();
      } else {
        // SQLite's write lock, taken before the owners are counted.
        await trx
          .updateTable("tenants")
          .set({ id: sql`id` })
          .where("id", "in", owned)
          .execute();
      }
      const sole = await soleOwnerships(input.userId, trx);
      if (sole.length > 0) throw onlyOwner(sole);
    }

    await trx.deleteFrom("session_assurance").where("user_id", "=", input.userId).execute();
    await trx.deleteFrom("session").where("userId", "=", input.userId).execute();
    await trx.deleteFrom("memberships").where("user_id", "=", input.userId).execute();
    await trx.deleteFrom("user_settings").where("user_id", "=", input.userId).execute();
    await trx.deleteFrom("second_factors").where("user_id", "=", input.userId).execute();
    await trx
      .deleteFrom("one_time_tokens")
      .where((eb) => eb.or([eb("subject", "=", input.userId), eb("subject", "=", input.email)]))
      .execute();
    // What was mailed to them (subjects name their businesses); the goodbye below is queued afresh.
    await trx.deleteFrom("mail_outbox").where("recipient", "=", input.email).execute();
    await trx.deleteFrom("account").where("userId", "=", input.userId).execute();
    await trx.deleteFrom("user").where("id", "=", input.userId).execute();
    await trx
      .insertInto("deleted_users")
      .values({ user_id: input.userId, deleted_at: Date.now() })
      .onConflict((oc) => oc.column("user_id").doNothing())
      .execute();
    // Each business's own history says the member left, and why.
    for (const membership of memberships) {
      await recordAudit(
        {
          action: "team.member_left",
          actor,
          accountId: membership.stripe_account_id,
          tenantId: membership.tenant_id,
          ip: meta.ip,
          userAgent: meta.userAgent,
          details: { role: membership.role, because: "account_deleted" },
        },
        trx,
      );
    }
    await recordAudit(
      {
        action: "user.deleted",
        actor,
        ip: meta.ip,
        userAgent: meta.userAgent,
        details: {
          userId: input.userId,
          by: "self",
          memberships: memberships.map((m) => ({ tenantId: m.tenant_id, role: m.role })),
        },
      },
      trx,
    );
    await enqueueMail(
      {
        kind: "account_deleted",
        to: input.email,
        eventKey: input.userId,
        locale,
        values: { url: appLink("/signup") },
      },
      trx,
    );
  });
}
