import "server-only";
import type { Transaction } from "kysely";
import { z } from "zod";
import { auditAction, recordAudit, type AuditSubject } from "../audit";
import { isDisabled } from "../auth/disabled";
import { platformRoleOf, platformRoles, type PlatformRole } from "../auth/platform-role";
import { issueToken, revokeTokens, TOKEN_LIFETIME_MS } from "../auth/tokens";
import { endViewsOf } from "../access/user-status";
import { getDb, getDbHandle } from "../db";
import type { DialectName } from "../db/dialect";
import type { DB } from "../db/schema";
import { authBool, authDate } from "../db/values";
import { AppError } from "../errors";
import type { RequestMeta } from "../impersonation";
import { newId } from "../ids";
import { appLink } from "../mail/links";
import { enqueueMail } from "../mail/outbox";
import { assertAnotherAdminRemains, lockPlatformStaff, withAdminGuard } from "./admin-guard";

/**
 * Platform staff: who they are, and what admins (and the `staff:create` command) do to them. A staff member is a
 * user with a platform role ("admin" or "support") and no business: they are created without a password, prove
 * their address by choosing one from a mailed (or printed) single-use link, then enrol a second factor at their
 * first sign-in.
 *
 * Removing someone from staff keeps their user row: the records of the accounts they viewed (`impersonations`)
 * cascade from it and would be deleted with it, and the audit log's history stays whole. The row keeps nothing that
 * opens a door — no role, no password, no second factor, no session, no link — and inviting the address again
 * later reuses it.
 */

export type StaffStatus = "invited" | "active" | "disabled";

export interface StaffMember {
  userId: string;
  name: string;
  email: string;
  role: PlatformRole;
  /** invited: no password chosen yet; disabled: by an admin; active: everyone else. */
  status: StaffStatus;
  secondFactor: boolean;
  lastSignInAt: number | null;
  /** For an invited member: when their newest set-password link expires (null when none is usable). */
  inviteExpiresAt: number | null;
}

export const staffEmailField = z
  .string()
  .trim()
  .max(254, "Use at most 254 characters.")
  .pipe(z.email("Enter a valid email address."))
  .transform((email) => email.toLowerCase());
export const staffNameField = z
  .string()
  .trim()
  .min(1, "Enter their name.")
  .max(100, "Use at most 100 characters.");
export const staffRoleField = z.enum(platformRoles, "The role must be admin or support.");

export async function listStaff(): Promise<StaffMember[]> {
  const db = getDb();
  const rows = await db
    .selectFrom("user")
    .leftJoin("account", (join) =>
      join.onRef("account.userId", "=", "user.id").on("account.providerId", "=", "credential"),
    )
    .leftJoin("second_factors", (join) =>
      join.onRef("second_factors.user_id", "=", "user.id").on("second_factors.confirmed_at", "is not", null),
    )
    .leftJoin("user_activity", "user_activity.user_id", "user.id")
    .select([
      "user.id",
      "user.name",
      "user.email",
      "user.role",
      "user.banned",
      "user.banExpires",
      "account.id as credentialId",
      "second_factors.user_id as factorUserId",
      "user_activity.last_sign_in_at",
    ])
    .where((eb) => eb.or([eb("user.role", "like", "%admin%"), eb("user.role", "like", "%support%")]))
    .orderBy("user.email")
    .execute();
  const invited = rows.filter((row) => row.credentialId === null).map((row) => row.id);
  const links =
    invited.length === 0
      ? []
      : await db
          .selectFrom("one_time_tokens")
          .select(["subject", (eb) => eb.fn.max("expires_at").as("expires_at")])
          .where("purpose", "=", "set_password")
          .where("subject", "in", invited)
          .where("consumed_at", "is", null)
          .where("expires_at", ">", Date.now())
          .groupBy("subject")
          .execute();
  const linkExpiry = new Map(links.map((link) => [link.subject, Number(link.expires_at)]));
  return rows.flatMap((row) => {
    const role = platformRoleOf(row.role);
    if (!role) return [];
    const status: StaffStatus = isDisabled(row)
      ? "disabled"
      : row.credentialId === null
        ? "invited"
        : "active";
    return [
      {
        userId: row.id,
        name: row.name,
        email: row.email,
        role,
        status,
        secondFactor: row.factorUserId !== null,
        lastSignInAt: row.last_sign_in_at === null ? null : Number(row.last_sign_in_at),
        inviteExpiresAt: linkExpiry.get(row.id) ?? null,
      },
    ];
  });
}

interface StaffRow {
  id: string;
  name: string;
  email: string;
  role: PlatformRole;
  disabled: boolean;
  hasPassword: boolean;
}

async function findStaff(trx: Transaction<DB>, userId: string): Promise<StaffRow> {
  const row = await trx
    .selectFrom("user")
    .leftJoin("account", (join) =>
      join.onRef("account.userId", "=", "user.id").on("account.providerId", "=", "credential"),
    )
    .select([
      "user.id",
      "user.name",
      "user.email",
      "user.role",
      "user.banned",
      "user.banExpires",
      "account.id as credentialId",
    ])
    .where("user.id", "=", userId)
    .executeTakeFirst();
  const role = platformRoleOf(row?.role);
  if (!row || !role) throw new AppError("not_found", "No such staff member.");
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role,
    disabled: isDisabled(row),
    hasPassword: row.credentialId !== null,
  };
}

function refuseSelf(actor: AuditSubject, userId: string, what: string): void {
  if (actor.user.id === userId) {
    throw new AppError("conflict", `You cannot ${what} yourself: ask another admin.`, { reason: "self" });
  }
}

/** A set-password link for the user: older ones stop working. */
async function issueSetPasswordLink(
  trx: Transaction<DB>,
  user: { id: string; email: string },
): Promise<{ id: string; url: string; expiresAt: number }> {
  await revokeTokens("set_password", user.id, trx);
  const issued = await issueToken(
    { purpose: "set_password", subject: user.id, payload: { email: user.email } },
    trx,
  );
  return {
    id: issued.id,
    url: appLink("/set-password", { token: issued.token }),
    expiresAt: issued.expiresAt,
  };
}

/** Takes away everything that lets the user in: password, second factor, sessions and pending links. */
async function closeDoors(trx: Transaction<DB>, userId: string): Promise<void> {
  await trx.deleteFrom("session").where("userId", "=", userId).execute();
  await trx.deleteFrom("account").where("userId", "=", userId).execute();
  await trx.deleteFrom("second_factors").where("user_id", "=", userId).execute();
  await revokeTokens("set_password", userId, trx);
  await revokeTokens("reset_password", userId, trx);
}

type ExistingPolicy = "refuse" | "start_over";

/**
 * The user row a new staff member gets: a new one, or — for an address whose owner left staff before (no role,
 * no password, no business) — the old one again. Anyone else with the address is refused: members of a business
 * never double as staff, and nobody's own account is turned into a staff account. With `start_over` (the command
 * line's `--reset`), an existing staff member's account starts over: password, second factor, sessions and links end.
 */
async function prepareStaffUser(
  trx: Transaction<DB>,
  dialect: DialectName,
  input: { email: string; name: string | null; role: PlatformRole },
  existingPolicy: ExistingPolicy,
): Promise<{ userId: string; name: string; created: boolean; startedOver: boolean }> {
  const now = new Date();
  const existing = await trx
    .selectFrom("user")
    .leftJoin("account", (join) =>
      join.onRef("account.userId", "=", "user.id").on("account.providerId", "=", "credential"),
    )
    .select([
      "user.id",
      "user.name",
      "user.role",
      "user.banned",
      "user.banExpires",
      "account.id as credentialId",
    ])
    .where("user.email", "=", input.email)
    .executeTakeFirst();
  if (!existing) {
    const userId = newId("usr");
    const name = input.name ?? input.email.split("@")[0] ?? input.email;
    await trx
      .insertInto("user")
      .values({
        id: userId,
        name,
        email: input.email,
        // The set-password link is mailed (or handed) to this address: using it proves it.
        emailVerified: authBool(dialect, true),
        image: null,
        createdAt: authDate(dialect, now),
        updatedAt: authDate(dialect, now),
        role: input.role,
        banned: authBool(dialect, false),
        banReason: null,
        banExpires: null,
      })
      .execute();
    return { userId, name, created: true, startedOver: false };
  }
  const membership = await trx
    .selectFrom("memberships")
    .select("id")
    .where("user_id", "=", existing.id)
    .executeTakeFirst();
  if (membership) {
    throw new AppError(
      "conflict",
      "This address belongs to a member of a business on the platform. Staff accounts are kept apart from businesses: use another address.",
      { reason: "member_of_business", fields: { email: "This address belongs to a member of a business." } },
    );
  }
  const currentRole = platformRoleOf(existing.role);
  if (currentRole) {
    if (existingPolicy !== "start_over") {
      throw new AppError("conflict", "This person is already platform staff.", {
        reason: "already_staff",
        fields: { email: "This person is already platform staff." },
      });
    }
    if (isDisabled(existing)) {
      throw new AppError(
        "conflict",
        "This staff member is disabled. An admin re-enables them from the console's staff page first.",
        { reason: "disabled" },
      );
    }
    if (currentRole === "admin" && input.role !== "admin") {
      await assertAnotherAdminRemains(trx, existing.id, "demote");
    }
    await closeDoors(trx, existing.id);
  } else if (existing.credentialId !== null) {
    throw new AppError(
      "conflict",
      "This address already has an account on the platform. Use another address for staff.",
      { reason: "has_account", fields: { email: "This address already has an account." } },
    );
  }
  const name = input.name ?? existing.name;
  await trx
    .updateTable("user")
    .set({
      role: input.role,
      name,
      emailVerified: authBool(dialect, true),
      banned: authBool(dialect, false),
      banReason: null,
      banExpires: null,
      updatedAt: authDate(dialect, now),
    })
    .where("id", "=", existing.id)
    .execute();
  return { userId: existing.id, name, created: false, startedOver: currentRole !== null };
}

export interface StaffInvite {
  userId: string;
  email: string;
  role: PlatformRole;
  expiresAt: number;
}

/** An admin invites a staff member: the account is made (without a password) and a set-password link mailed. */
export async function inviteStaff(
  actor: AuditSubject,
  input: { email: string; name: string; role: PlatformRole },
  reason: string,
  meta: RequestMeta,
): Promise<StaffInvite> {
  const { db, dialect } = getDbHandle();
  return db.transaction().execute(async (trx) => {
    await lockPlatformStaff(trx, dialect);
    const prepared = await prepareStaffUser(trx, dialect, input, "refuse");
    const link = await issueSetPasswordLink(trx, { id: prepared.userId, email: input.email });
    await enqueueMail(
      {
        kind: "set_password",
        to: input.email,
        eventKey: link.id,
        values: { role: input.role, url: link.url },
      },
      trx,
    );
    await auditAction(
      actor,
      "staff.invited",
      meta,
      { reason, details: { userId: prepared.userId, email: input.email, role: input.role } },
      trx,
    );
    return { userId: prepared.userId, email: input.email, role: input.role, expiresAt: link.expiresAt };
  });
}

/** Mails a staff member who has not chosen a password yet a new link; the previous one stops working. */
export async function resendStaffInvite(
  actor: AuditSubject,
  userId: string,
  meta: RequestMeta,
): Promise<StaffInvite> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const staff = await findStaff(trx, userId);
      if (staff.hasPassword) {
        throw new AppError(
          "conflict",
          "They have already chosen a password: there is no invitation to resend.",
          {
            reason: "already_active",
          },
        );
      }
      if (staff.disabled) {
        throw new AppError("conflict", "This staff member is disabled: re-enable them first.", {
          reason: "disabled",
        });
      }
      const link = await issueSetPasswordLink(trx, staff);
      await enqueueMail(
        {
          kind: "set_password",
          to: staff.email,
          eventKey: link.id,
          values: { role: staff.role, url: link.url },
        },
        trx,
      );
      await auditAction(
        actor,
        "staff.invite_resent",
        meta,
        { details: { userId, email: staff.email, role: staff.role } },
        trx,
      );
      return { userId, email: staff.email, role: staff.role, expiresAt: link.expiresAt };
    });
}

export interface StaffChange {
  userId: string;
  email: string;
  from: PlatformRole;
}

/** Admin ↔ support. Never one's own role, and never the last active admin's. */
export async function changeStaffRole(
  actor: AuditSubject,
  userId: string,
  role: PlatformRole,
  reason: string,
  meta: RequestMeta,
): Promise<StaffChange> {
  refuseSelf(actor, userId, "change the role of");
  return withAdminGuard(userId, role === "admin" ? null : "demote", async (trx) => {
    const staff = await findStaff(trx, userId);
    if (staff.role === role) {
      throw new AppError("conflict", `They are already ${role === "admin" ? "an admin" : "support"}.`, {
        reason: "unchanged",
      });
    }
    await trx.updateTable("user").set({ role }).where("id", "=", userId).execute();
    await auditAction(
      actor,
      "staff.role_changed",
      meta,
      { reason, details: { userId, email: staff.email, from: staff.role, to: role } },
      trx,
    );
    return { userId, email: staff.email, from: staff.role };
  });
}

/**
 * Takes someone off platform staff: their role, password, second factor, sessions (and any view of an account
 * they had open) and pending links end at once. The user row stays (see the module's comment).
 */
export async function removeStaff(
  actor: AuditSubject,
  userId: string,
  reason: string,
  meta: RequestMeta,
): Promise<StaffChange & { sessionsEnded: number }> {
  refuseSelf(actor, userId, "remove");
  const db = getDb();
  // A first check before any view is ended; the decisive one runs under the lock, with the write.
  await assertAnotherAdminRemains(db, userId, "remove");
  const sessions = await endViewsOf(userId, meta);
  return withAdminGuard(userId, "remove", async (trx) => {
    const staff = await findStaff(trx, userId);
    await trx.updateTable("user").set({ role: "user" }).where("id", "=", userId).execute();
    await closeDoors(trx, userId);
    await auditAction(
      actor,
      "staff.removed",
      meta,
      { reason, details: { userId, email: staff.email, role: staff.role, sessionsEnded: sessions.length } },
      trx,
    );
    return { userId, email: staff.email, from: staff.role, sessionsEnded: sessions.length };
  });
}

/** Removes a staff member's second factor and signs them out: they enrol a new one at their next sign-in. */
export async function resetStaffSecondFactor(
  actor: AuditSubject,
  userId: string,
  reason: string,
  meta: RequestMeta,
): Promise<StaffChange & { sessionsEnded: number }> {
  refuseSelf(actor, userId, "reset the second factor of");
  const noFactor = () =>
    new AppError("conflict", "They have no second factor to reset.", { reason: "no_second_factor" });
  const factor = await getDb()
    .selectFrom("second_factors")
    .select("user_id")
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!factor) {
    // Not staff at all is a 404, like the other actions; staff without a factor have nothing to reset.
    await getDb()
      .transaction()
      .execute((trx) => findStaff(trx, userId));
    throw noFactor();
  }
  const sessions = await endViewsOf(userId, meta);
  return withAdminGuard(userId, null, async (trx) => {
    const staff = await findStaff(trx, userId);
    const removed = await trx.deleteFrom("second_factors").where("user_id", "=", userId).executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) throw noFactor();
    // Their sessions end with it (what each proved goes with them): the next sign-in enrols a new factor.
    await trx.deleteFrom("session").where("userId", "=", userId).execute();
    await auditAction(
      actor,
      "staff.second_factor_reset",
      meta,
      { reason, details: { userId, email: staff.email, sessionsEnded: sessions.length } },
      trx,
    );
    return { userId, email: staff.email, from: staff.role, sessionsEnded: sessions.length };
  });
}

export interface CreatedByCommandLine {
  userId: string;
  email: string;
  name: string;
  role: PlatformRole;
  created: boolean;
  startedOver: boolean;
  url: string;
  expiresAt: number;
}

/**
 * `npm run staff:create`: the way a deployment gets its first admin (and a way back in for a staff member). Makes
 * the staff member without a password and returns a set-password link for the operator to hand over; with `reset`,
 * an existing staff member's account starts over instead of being refused. On the record, with no actor.
 */
export async function createStaffFromCommandLine(input: {
  email: string;
  name: string | null;
  role: PlatformRole;
  reset: boolean;
}): Promise<CreatedByCommandLine> {
  const { db, dialect } = getDbHandle();
  return db.transaction().execute(async (trx) => {
    await lockPlatformStaff(trx, dialect);
    const prepared = await prepareStaffUser(trx, dialect, input, input.reset ? "start_over" : "refuse");
    const link = await issueSetPasswordLink(trx, { id: prepared.userId, email: input.email });
    await recordAudit(
      {
        action: prepared.startedOver ? "staff.invite_resent" : "staff.invited",
        actor: null,
        details: {
          userId: prepared.userId,
          email: input.email,
          role: input.role,
          source: "staff:create",
          ...(prepared.startedOver ? { startedOver: true } : {}),
        },
      },
      trx,
    );
    return {
      userId: prepared.userId,
      email: input.email,
      name: prepared.name,
      role: input.role,
      created: prepared.created,
      startedOver: prepared.startedOver,
      url: link.url,
      expiresAt: link.expiresAt,
    };
  });
}

/** How long a set-password link lasts, for the words around it. */
export const SET_PASSWORD_HOURS = TOKEN_LIFETIME_MS.set_password / 3600_000;
