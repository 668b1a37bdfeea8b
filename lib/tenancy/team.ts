import "server-only";
import type { Transaction } from "kysely";
import { getDb, getDbHandle } from "../db";
import type { DB, TenantRole } from "../db/schema";
import { isDisabled } from "../auth/disabled";
import { AppError } from "../errors";

export interface TeamMember {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  role: TenantRole;
  joinedAt: number;
  /** Disabled by the platform: cannot sign in. */
  disabled: boolean;
}

export interface PendingInvitation {
  id: string;
  email: string;
  role: TenantRole;
  createdAt: number;
  /** When the mailed link stops working (null: never mailed, e.g. waiting for an admin's approval). */
  expiresAt: number | null;
  sentAt: number | null;
  /** An owner invitation for an existing account, waiting for a second admin. */
  awaitingApproval: boolean;
}

export function toPendingInvitation(row: {
  id: string;
  email: string;
  role: TenantRole;
  created_at: number;
  expires_at: number | null;
  sent_at: number | null;
  approval: string | null;
}): PendingInvitation {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    createdAt: Number(row.created_at),
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
    sentAt: row.sent_at === null ? null : Number(row.sent_at),
    awaitingApproval: row.approval === "pending",
  };
}

/** Writes the change's audit row in the change's own transaction: both commit, or neither. */
export type RecordChange<T> = (trx: Transaction<DB>, change: T) => Promise<unknown>;

export interface MemberChange {
  membershipId: string;
  email: string;
  /** The member's role before the change. */
  from: TenantRole;
}

export async function listTeam(
  tenantId: string,
): Promise<{ members: TeamMember[]; invitations: PendingInvitation[]; readAt: number }> {
  const db = getDb();
  const members = await db
    .selectFrom("memberships")
    .innerJoin("user", "user.id", "memberships.user_id")
    .select([
      "memberships.id",
      "memberships.user_id",
      "memberships.role",
      "memberships.created_at",
      "user.name",
      "user.email",
      "user.banned",
      "user.banExpires",
    ])
    .where("memberships.tenant_id", "=", tenantId)
    .orderBy("memberships.created_at", "asc")
    .execute();
  const invitations = await db
    .selectFrom("invitations")
    .select(["id", "email", "role", "created_at", "expires_at", "sent_at", "approval"])
    .where("tenant_id", "=", tenantId)
    .where("accepted_at", "is", null)
    .orderBy("created_at", "asc")
    .execute();
  return {
    members: members.map((m) => ({
      membershipId: m.id,
      userId: m.user_id,
      name: m.name,
      email: m.email,
      role: m.role,
      joinedAt: Number(m.created_at),
      disabled: isDisabled(m),
    })),
    invitations: invitations.map(toPendingInvitation),
    readAt: Date.now(),
  };
}

/**
 * Role changes and removals keep at least one owner. The tenant row is locked (PostgreSQL) or the write lock held
 * (SQLite) for the check and the write, so two owners demoting each other at once cannot leave none.
 */
async function withOwnerGuard(
  tenantId: string,
  membershipId: string,
  change: (trx: Transaction<DB>) => Promise<unknown>,
  losesOwner: (current: TenantRole) => boolean,
  record: RecordChange<MemberChange> | undefined,
): Promise<MemberChange> {
  const { db, dialect } = getDbHandle();
  return db.transaction().execute(async (trx) => {
    if (dialect === "postgres") {
      await trx.selectFrom("tenants").select("id").where("id", "=", tenantId).forUpdate().execute();
    } else {
      // Take SQLite's write lock before reading, so the count cannot change under us.
      await trx.updateTable("tenants").set({ id: tenantId }).where("id", "=", tenantId).execute();
    }
    const membership = await trx
      .selectFrom("memberships")
      .innerJoin("user", "user.id", "memberships.user_id")
      .select(["memberships.role", "user.email"])
      .where("memberships.id", "=", membershipId)
      .where("memberships.tenant_id", "=", tenantId)
      .executeTakeFirst();
    if (!membership) throw new AppError("not_found", "No such member.");
    if (losesOwner(membership.role)) {
      const owners = await trx
        .selectFrom("memberships")
        .select((eb) => eb.fn.countAll<number>().as("count"))
        .where("tenant_id", "=", tenantId)
        .where("role", "=", "owner")
        .executeTakeFirstOrThrow();
      if (Number(owners.count) <= 1) {
        throw new AppError(
          "conflict",
          "A business needs at least one owner: make someone else owner first.",
          {
            reason: "last_owner",
          },
        );
      }
    }
    await change(trx);
    const result = { membershipId, email: membership.email, from: membership.role };
    await record?.(trx, result);
    return result;
  });
}

export async function changeMemberRole(
  tenantId: string,
  membershipId: string,
  role: TenantRole,
  record?: RecordChange<MemberChange>,
): Promise<MemberChange> {
  return withOwnerGuard(
    tenantId,
    membershipId,
    (trx) => trx.updateTable("memberships").set({ role }).where("id", "=", membershipId).execute(),
    (current) => current === "owner" && role !== "owner",
    record,
  );
}

export async function removeMember(
  tenantId: string,
  membershipId: string,
  record?: RecordChange<MemberChange>,
): Promise<MemberChange> {
  return withOwnerGuard(
    tenantId,
    membershipId,
    (trx) => trx.deleteFrom("memberships").where("id", "=", membershipId).execute(),
    (current) => current === "owner",
    record,
  );
}

/**
 * The person leaves the business they act for. Its last owner cannot (the same guard as removals): they make
 * someone else owner first.
 */
export async function leaveBusiness(
  tenantId: string,
  userId: string,
  record?: RecordChange<MemberChange>,
): Promise<MemberChange> {
  const membership = await getDb()
    .selectFrom("memberships")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!membership) throw new AppError("not_found", "You are not a member of this business.");
  return removeMember(tenantId, membership.id, record);
}
