import "server-only";
import type { Kysely, Transaction } from "kysely";
import { getDb, getDbHandle } from "../db";
import type { DB, TenantRole } from "../db/schema";
import { isDisabled } from "../auth/disabled";
import { AppError } from "../errors";
import { newId } from "../ids";

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
}

type Executor = Kysely<DB> | Transaction<DB>;

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
): Promise<{ members: TeamMember[]; invitations: PendingInvitation[] }> {
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
    .select(["id", "email", "role", "created_at"])
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
    invitations: invitations.map((i) => ({
      id: i.id,
      email: i.email,
      role: i.role,
      createdAt: Number(i.created_at),
    })),
  };
}

export async function inviteMember(
  tenantId: string,
  email: string,
  role: TenantRole,
  invitedBy: string,
  record?: RecordChange<PendingInvitation>,
): Promise<PendingInvitation> {
  const normalized = email.trim().toLowerCase();
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const member = await trx
        .selectFrom("memberships")
        .innerJoin("user", "user.id", "memberships.user_id")
        .select("memberships.id")
        .where("memberships.tenant_id", "=", tenantId)
        .where("user.email", "=", normalized)
        .executeTakeFirst();
      if (member) {
        throw new AppError("conflict", "This person is already a member of the team.", {
          reason: "already_member",
        });
      }
      const pending = await trx
        .selectFrom("invitations")
        .select("id")
        .where("tenant_id", "=", tenantId)
        .where("email", "=", normalized)
        .where("accepted_at", "is", null)
        .executeTakeFirst();
      if (pending) {
        throw new AppError("conflict", "This person has already been invited.", {
          reason: "already_invited",
        });
      }
      const row = {
        id: newId("inv"),
        tenant_id: tenantId,
        email: normalized,
        role,
        invited_by: invitedBy,
        created_at: Date.now(),
        accepted_at: null,
      };
      await trx.insertInto("invitations").values(row).execute();
      const invitation = { id: row.id, email: normalized, role, createdAt: row.created_at };
      await record?.(trx, invitation);
      return invitation;
    });
}

export async function revokeInvitation(
  tenantId: string,
  invitationId: string,
  record?: RecordChange<PendingInvitation>,
): Promise<PendingInvitation> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const invitation = await trx
        .selectFrom("invitations")
        .select(["id", "email", "role", "created_at"])
        .where("id", "=", invitationId)
        .where("tenant_id", "=", tenantId)
        .where("accepted_at", "is", null)
        .executeTakeFirst();
      if (!invitation) throw new AppError("not_found", "No such invitation.");
      await trx.deleteFrom("invitations").where("id", "=", invitation.id).execute();
      const revoked = {
        id: invitation.id,
        email: invitation.email,
        role: invitation.role,
        createdAt: Number(invitation.created_at),
      };
      await record?.(trx, revoked);
      return revoked;
    });
}

export async function hasPendingInvitation(email: string, db: Executor = getDb()): Promise<boolean> {
  const row = await db
    .selectFrom("invitations")
    .select("id")
    .where("email", "=", email.trim().toLowerCase())
    .where("accepted_at", "is", null)
    .executeTakeFirst();
  return row !== undefined;
}

/** Turns every pending invitation for the user's email into a membership (at sign-up and sign-in). */
export async function acceptInvitations(
  userId: string,
  email: string,
  db: Executor = getDb(),
): Promise<number> {
  const pending = await db
    .selectFrom("invitations")
    .select(["id", "tenant_id", "role"])
    .where("email", "=", email.trim().toLowerCase())
    .where("accepted_at", "is", null)
    .execute();
  for (const invitation of pending) {
    await db
      .insertInto("memberships")
      .values({
        id: newId("mem"),
        user_id: userId,
        tenant_id: invitation.tenant_id,
        role: invitation.role,
        created_at: Date.now(),
      })
      .onConflict((oc) => oc.columns(["user_id", "tenant_id"]).doNothing())
      .execute();
    await db
      .updateTable("invitations")
      .set({ accepted_at: Date.now() })
      .where("id", "=", invitation.id)
      .execute();
  }
  return pending.length;
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
