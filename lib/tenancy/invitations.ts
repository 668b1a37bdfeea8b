import "server-only";
import type { Kysely, Transaction } from "kysely";
import { recordAudit } from "../audit";
import { platformRoleOf } from "../auth/platform-role";
import { consumeToken, issueToken, peekToken, revokeTokens } from "../auth/tokens";
import { hashPassword } from "../auth/password";
import { insertUserWithPassword } from "../auth/users";
import { getDb, getDbHandle } from "../db";
import type { DialectName } from "../db/dialect";
import type { DB, TenantRole } from "../db/schema";
import { authBool, authDate } from "../db/values";
import { AppError } from "../errors";
import { newId } from "../ids";
import { appLink } from "../mail/links";
import { enqueueMail, reserveMailSend } from "../mail/outbox";
import { toPendingInvitation, type PendingInvitation, type RecordChange } from "./team";

/**
 * Invitations that prove ownership: the invitee gets a signed, single-use link by mail, and joining takes the link
 * **and** an account whose verified email is the invited one — knowing someone's address is not enough, and neither
 * is a forwarded link opened by another account. Resending replaces the link; revoking ends it.
 */

export interface Inviter {
  id: string;
  name: string;
}

const INVITATION_COLUMNS = [
  "id",
  "tenant_id",
  "email",
  "role",
  "created_at",
  "expires_at",
  "sent_at",
  "approval",
  "token_id",
  "accepted_at",
] as const;

/** Issues a fresh link for the invitation (ending the previous one) and queues its mail, in `trx`. */
export async function mailInvitation(
  trx: Transaction<DB>,
  invitation: {
    id: string;
    email: string;
    role: TenantRole;
    tenantId: string;
    previousTokenId: string | null;
  },
  inviter: Inviter | null,
): Promise<{ expiresAt: number; sentAt: number }> {
  if (invitation.previousTokenId) {
    await trx
      .updateTable("one_time_tokens")
      .set({ consumed_at: Date.now() })
      .where("id", "=", invitation.previousTokenId)
      .where("consumed_at", "is", null)
      .execute();
  }
  const tenant = await trx
    .selectFrom("tenants")
    .select(["name"])
    .where("id", "=", invitation.tenantId)
    .executeTakeFirstOrThrow();
  const issued = await issueToken(
    { purpose: "invitation", subject: invitation.id, payload: { email: invitation.email } },
    trx,
  );
  const sentAt = Date.now();
  await trx
    .updateTable("invitations")
    .set({ token_id: issued.id, expires_at: issued.expiresAt, sent_at: sentAt })
    .where("id", "=", invitation.id)
    .execute();
  const url = appLink("/invite", { token: issued.token });
  await enqueueMail(
    inviter
      ? {
          kind: "invitation",
          to: invitation.email,
          eventKey: issued.id,
          values: { inviter: inviter.name, business: tenant.name, role: invitation.role, url },
        }
      : {
          kind: "owner_invitation",
          to: invitation.email,
          eventKey: issued.id,
          values: { business: tenant.name, url },
        },
    trx,
    { limitChecked: true },
  );
  return { expiresAt: issued.expiresAt, sentAt };
}

/** Counts the invitation mail against the address's limit, before the transaction that sends it. */
async function reserveInvitationMail(email: string, owner: boolean): Promise<void> {
  if (!(await reserveMailSend(owner ? "owner_invitation" : "invitation", email))) {
    throw new AppError(
      "too_many_requests",
      "Too many invitations were mailed to this address in the last hour. Try again later.",
      { reason: "mail_limited", retryAfterSeconds: 3600 },
    );
  }
}

export async function inviteMember(
  tenantId: string,
  email: string,
  role: TenantRole,
  inviter: Inviter,
  record?: RecordChange<PendingInvitation>,
): Promise<PendingInvitation> {
  const normalized = email.trim().toLowerCase();
  await reserveInvitationMail(normalized, false);
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
        throw new AppError(
          "conflict",
          "This person has already been invited: resend the invitation instead.",
          {
            reason: "already_invited",
          },
        );
      }
      const id = newId("inv");
      const createdAt = Date.now();
      await trx
        .insertInto("invitations")
        .values({
          id,
          tenant_id: tenantId,
          email: normalized,
          role,
          invited_by: inviter.id,
          created_at: createdAt,
          accepted_at: null,
          expires_at: null,
          token_id: null,
          sent_at: null,
          approval: null,
          approved_by: null,
        })
        .execute();
      const sent = await mailInvitation(
        trx,
        { id, email: normalized, role, tenantId, previousTokenId: null },
        inviter,
      );
      const invitation: PendingInvitation = {
        id,
        email: normalized,
        role,
        createdAt,
        expiresAt: sent.expiresAt,
        sentAt: sent.sentAt,
        awaitingApproval: false,
      };
      await record?.(trx, invitation);
      return invitation;
    });
}

/** Mails a new link for a pending invitation of this tenant; the previous link stops working. */
export async function resendInvitation(
  tenantId: string,
  invitationId: string,
  inviter: Inviter | null,
  record?: RecordChange<PendingInvitation>,
): Promise<PendingInvitation> {
  const pending = await getDb()
    .selectFrom("invitations")
    .select("email")
    .where("id", "=", invitationId)
    .where("tenant_id", "=", tenantId)
    .where("accepted_at", "is", null)
    .executeTakeFirst();
  if (!pending) throw new AppError("not_found", "No such invitation.");
  await reserveInvitationMail(pending.email, inviter === null);
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const row = await trx
        .selectFrom("invitations")
        .select(INVITATION_COLUMNS)
        .where("id", "=", invitationId)
        .where("tenant_id", "=", tenantId)
        .where("accepted_at", "is", null)
        .executeTakeFirst();
      if (!row) throw new AppError("not_found", "No such invitation.");
      if (row.approval === "pending") {
        throw new AppError("conflict", "This invitation is waiting for a second admin's approval.", {
          reason: "awaiting_approval",
        });
      }
      const sent = await mailInvitation(
        trx,
        { id: row.id, email: row.email, role: row.role, tenantId, previousTokenId: row.token_id },
        inviter,
      );
      const invitation = toPendingInvitation({ ...row, expires_at: sent.expiresAt, sent_at: sent.sentAt });
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
      const row = await trx
        .selectFrom("invitations")
        .select(INVITATION_COLUMNS)
        .where("id", "=", invitationId)
        .where("tenant_id", "=", tenantId)
        .where("accepted_at", "is", null)
        .executeTakeFirst();
      if (!row) throw new AppError("not_found", "No such invitation.");
      await trx.deleteFrom("invitations").where("id", "=", row.id).execute();
      await revokeTokens("invitation", row.id, trx);
      const revoked = toPendingInvitation(row);
      await record?.(trx, revoked);
      return revoked;
    });
}

export interface InvitationView {
  email: string;
  role: TenantRole;
  tenantName: string;
  /** Whether the invited address already has an account (sign in to accept) or needs one (create it here). */
  hasAccount: boolean;
}

async function pendingInvitationOf(tokenSubject: string, executor = getDb()) {
  const row = await executor
    .selectFrom("invitations")
    .innerJoin("tenants", "tenants.id", "invitations.tenant_id")
    .select([
      "invitations.id",
      "invitations.tenant_id",
      "invitations.email",
      "invitations.role",
      "invitations.accepted_at",
      "invitations.approval",
      "tenants.name as tenant_name",
    ])
    .where("invitations.id", "=", tokenSubject)
    .executeTakeFirst();
  if (!row || row.accepted_at !== null || row.approval === "pending") {
    throw new AppError("invalid_request", "This invitation is no longer valid. Ask for a new one.", {
      reason: "token_used",
    });
  }
  return row;
}

/** What the invitation page shows, without using the link up. */
export async function describeInvitation(token: string): Promise<InvitationView> {
  const used = await peekToken("invitation", token);
  const invitation = await pendingInvitationOf(used.subject);
  const account = await findAccountHolder(getDb(), invitation.email);
  return {
    email: invitation.email,
    role: invitation.role,
    tenantName: invitation.tenant_name,
    hasAccount: account?.canSignIn ?? false,
  };
}

/**
 * The user with this address, and whether they can sign in. A former staff member's row is kept without a password
 * (lib/staff/staff.ts): for an invitation, that address has no account to sign in to, and accepting gives it one.
 */
async function findAccountHolder(
  db: Kysely<DB> | Transaction<DB>,
  email: string,
): Promise<{ id: string; canSignIn: boolean } | null> {
  const row = await db
    .selectFrom("user")
    .leftJoin("account", (join) =>
      join.onRef("account.userId", "=", "user.id").on("account.providerId", "=", "credential"),
    )
    .select(["user.id", "user.role", "account.id as credentialId"])
    .where("user.email", "=", email)
    .executeTakeFirst();
  if (!row) return null;
  return { id: row.id, canSignIn: row.credentialId !== null || platformRoleOf(row.role) !== null };
}

/** Gives a dormant user (no password, no role) the password and name the invitee chose. */
async function reviveDormantUser(
  trx: Transaction<DB>,
  dialect: DialectName,
  userId: string,
  input: { name: string; passwordHash: string },
): Promise<string> {
  const now = new Date();
  await trx
    .updateTable("user")
    .set({ name: input.name, emailVerified: authBool(dialect, true), updatedAt: authDate(dialect, now) })
    .where("id", "=", userId)
    .execute();
  await trx
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
      password: input.passwordHash,
      createdAt: authDate(dialect, now),
      updatedAt: authDate(dialect, now),
    })
    .execute();
  return userId;
}

async function join(
  trx: Transaction<DB>,
  invitation: { id: string; tenant_id: string; role: TenantRole },
  user: { id: string; email: string },
): Promise<void> {
  const userId = user.id;
  const now = Date.now();
  await trx
    .insertInto("memberships")
    .values({
      id: newId("mem"),
      user_id: userId,
      tenant_id: invitation.tenant_id,
      role: invitation.role,
      created_at: now,
    })
    .onConflict((oc) => oc.columns(["user_id", "tenant_id"]).doNothing())
    .execute();
  await trx.updateTable("invitations").set({ accepted_at: now }).where("id", "=", invitation.id).execute();
  if (invitation.role === "owner") {
    // A business changing hands (or an existing account's owner arriving from the console's invitation): on record.
    const tenant = await trx
      .selectFrom("tenants")
      .select("stripe_account_id")
      .where("id", "=", invitation.tenant_id)
      .executeTakeFirst();
    await recordAudit(
      {
        action: "tenant.owner_joined",
        actor: { userId, email: user.email.toLowerCase(), role: "owner" },
        accountId: tenant?.stripe_account_id ?? null,
        tenantId: invitation.tenant_id,
        details: { invitationId: invitation.id },
      },
      trx,
    );
  }
}

export interface JoinedTeam {
  tenantId: string;
  role: TenantRole;
}

/**
 * A signed-in user accepts with the link. Their verified email must be the invited address; platform staff never
 * join a business (they see one only through a view).
 */
export async function acceptInvitation(
  token: string,
  user: { id: string; email: string; emailVerified: boolean; isStaff: boolean },
): Promise<JoinedTeam> {
  if (user.isStaff) {
    throw new AppError("forbidden", "Platform staff cannot join a business; they view it from the console.", {
      reason: "staff_cannot_join",
    });
  }
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const used = await consumeToken("invitation", token, trx);
      const invitation = await pendingInvitationOf(used.subject, trx);
      if (!user.emailVerified || invitation.email !== user.email.toLowerCase()) {
        throw new AppError(
          "forbidden",
          `This invitation is for ${invitation.email}. Sign in with that address to accept it.`,
          { reason: "invitation_wrong_user" },
        );
      }
      await join(trx, invitation, user);
      return { tenantId: invitation.tenant_id, role: invitation.role };
    });
}

/**
 * Someone without an account accepts with the link: it was mailed to the invited address, so it proves that
 * address — the new account is created verified and joins the team, in the transaction that uses the link up.
 */
export async function registerWithInvitation(
  token: string,
  input: { name: string; password: string },
): Promise<JoinedTeam & { email: string; userId: string }> {
  const { dialect } = getDbHandle();
  const passwordHash = await hashPassword(input.password);
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const used = await consumeToken("invitation", token, trx);
      const invitation = await pendingInvitationOf(used.subject, trx);
      const existing = await findAccountHolder(trx, invitation.email);
      if (existing && existing.canSignIn) {
        throw new AppError(
          "conflict",
          "This address already has an account: sign in to accept the invitation.",
          {
            reason: "account_exists",
          },
        );
      }
      const userId = existing
        ? await reviveDormantUser(trx, dialect, existing.id, { name: input.name, passwordHash })
        : await insertUserWithPassword(trx, dialect, {
            name: input.name,
            email: invitation.email,
            passwordHash,
            emailVerified: true,
          });
      await join(trx, invitation, { id: userId, email: invitation.email });
      return { tenantId: invitation.tenant_id, role: invitation.role, email: invitation.email, userId };
    });
}
