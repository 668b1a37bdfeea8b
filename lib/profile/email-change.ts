import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit";
import type { AuditActor } from "../audit/actor";
import { consumeToken, issueToken, peekToken, revokeTokens } from "../auth/tokens";
import { getDb, getDbHandle } from "../db";
import { authBool, authDate } from "../db/values";
import { AppError } from "../errors";
import type { RequestMeta } from "../impersonation";
import { appLink } from "../mail/links";
import { enqueueMail, localeOf, reserveMailSend } from "../mail/outbox";
import { hitThrottle } from "../throttle";

/**
 * Changing one's email, verified first: after a step-up (the caller's), a signed single-use link goes to the *new*
 * address; only when it is used does the address change (better-auth's `user.email` itself, so sign-in, mails and
 * the console follow), and the old address is told. An address that already belongs to someone gets a different
 * mail, and the person asking sees exactly the same answer and the same pending change — nothing tells them the
 * address is registered.
 */

export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Use at most 254 characters.")
  .pipe(z.email("Enter a valid email address."));

export interface PendingEmailChange {
  email: string;
  requestedAt: number;
  expiresAt: number;
}

const REQUESTS_PER_HOUR = 10;

const payloadSchema = z.object({ email: emailField });

/** The change waiting for its link to be used, if any (the newest request replaces older ones). */
export async function pendingEmailChange(userId: string): Promise<PendingEmailChange | null> {
  const row = await getDb()
    .selectFrom("one_time_tokens")
    .select(["payload", "created_at", "expires_at"])
    .where("purpose", "=", "change_email")
    .where("subject", "=", userId)
    .where("consumed_at", "is", null)
    .where("expires_at", ">", Date.now())
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(row.payload);
  } catch {
    return null;
  }
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) return null;
  return {
    email: parsed.data.email,
    requestedAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
  };
}

/** Mails the link to the new address (or, when it is taken, a note to its owner). The step-up is the caller's. */
export async function requestEmailChange(
  input: { userId: string; currentEmail: string; newEmail: string },
  meta: RequestMeta,
  actor: AuditActor,
): Promise<PendingEmailChange> {
  const email = emailField.parse(input.newEmail);
  if (email === input.currentEmail.toLowerCase()) {
    throw new AppError("invalid_request", "That is already your email address.", {
      reason: "same_email",
      fields: { newEmail: "That is already your email address." },
    });
  }
  const budget = await hitThrottle(`email-change:${input.userId}`, REQUESTS_PER_HOUR, 3600_000);
  if (!budget.allowed) {
    throw new AppError(
      "too_many_requests",
      "Too many email changes asked for in the last hour. Try again later.",
      {
        reason: "rate_limited",
        retryAfterSeconds: budget.retryAfterSeconds,
      },
    );
  }
  const { db } = getDbHandle();
  const taken = await db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirst();
  const kind = taken ? "change_email_taken" : "change_email";
  // Both kinds have the same per-address limit, so being limited tells nothing either.
  if (!(await reserveMailSend(kind, email))) {
    throw new AppError(
      "too_many_requests",
      "Too many mails went to this address in the last hour. Try again later.",
      { reason: "mail_limited", retryAfterSeconds: 3600 },
    );
  }
  // The link is in the asker's language; a note to an existing account is in its owner's.
  const locale = await localeOf(taken ? email : input.currentEmail);
  return db.transaction().execute(async (trx) => {
    await revokeTokens("change_email", input.userId, trx);
    const issued = await issueToken(
      { purpose: "change_email", subject: input.userId, payload: { email } },
      trx,
    );
    await enqueueMail(
      {
        kind,
        to: email,
        eventKey: issued.id,
        locale,
        values: {
          url: taken ? appLink("/login") : appLink("/confirm-email", { token: issued.token }),
        },
      },
      trx,
      { limitChecked: true },
    );
    await recordAudit(
      {
        action: "auth.email_change_requested",
        actor,
        ip: meta.ip,
        userAgent: meta.userAgent,
        details: { newEmail: email },
      },
      trx,
    );
    return { email, requestedAt: Date.now(), expiresAt: issued.expiresAt };
  });
}

/** Withdraws a pending change: its link stops working. */
export async function cancelEmailChange(
  userId: string,
  meta: RequestMeta,
  actor: AuditActor,
): Promise<boolean> {
  const pending = await pendingEmailChange(userId);
  if (!pending) return false;
  await getDbHandle()
    .db.transaction()
    .execute(async (trx) => {
      await revokeTokens("change_email", userId, trx);
      await recordAudit(
        {
          action: "auth.email_change_cancelled",
          actor,
          ip: meta.ip,
          userAgent: meta.userAgent,
          details: { newEmail: pending.email },
        },
        trx,
      );
    });
  return true;
}

function wrongUser(): AppError {
  return new AppError(
    "forbidden",
    "This link was sent for another account. Sign out, then sign in with the account that asked for the change.",
    { reason: "wrong_user" },
  );
}

function payloadEmail(payload: Record<string, unknown>): string {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) {
    throw new AppError("invalid_request", "This link is not valid. Ask for a new one.", {
      reason: "token_invalid",
    });
  }
  return parsed.data.email;
}

/** What the confirmation page shows before the link is used (looking does not use it up). */
export async function describeEmailChangeLink(
  token: string,
  user: { id: string },
): Promise<{ newEmail: string }> {
  const pending = await peekToken("change_email", token);
  if (pending.subject !== user.id) throw wrongUser();
  return { newEmail: payloadEmail(pending.payload) };
}

function isUniqueViolation(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${String((error as { code?: unknown }).code)}` : "";
  return /unique|23505|SQLITE_CONSTRAINT/i.test(text);
}

function emailTaken(): AppError {
  return new AppError(
    "conflict",
    "This address now belongs to another account, so your email was not changed. Ask for the change again with another address.",
    { reason: "email_taken" },
  );
}

/**
 * Uses the link: only the person who asked, signed in, can. The address changes everywhere at once (the session
 * stays), the link and any other pending change end, and the old address hears of it.
 */
export async function confirmEmailChange(
  token: string,
  user: { id: string; email: string },
  meta: RequestMeta,
  actor: AuditActor,
): Promise<{ email: string; previousEmail: string }> {
  // The link's shape, expiry, owner and payload first, without using it up: a wrong user leaves it usable.
  await describeEmailChangeLink(token, user);
  const { db, dialect } = getDbHandle();
  const locale = await localeOf(user.email);
  try {
    return await db.transaction().execute(async (trx) => {
      const used = await consumeToken("change_email", token, trx);
      if (used.subject !== user.id) throw wrongUser();
      const email = payloadEmail(used.payload);
      const current = await trx
        .selectFrom("user")
        .select("email")
        .where("id", "=", user.id)
        .executeTakeFirstOrThrow();
      const other = await trx
        .selectFrom("user")
        .select("id")
        .where("email", "=", email)
        .where("id", "!=", user.id)
        .executeTakeFirst();
      if (other) throw emailTaken();
      await trx
        .updateTable("user")
        .set({
          email,
          emailVerified: authBool(dialect, true),
          updatedAt: authDate(dialect, new Date()),
        })
        .where("id", "=", user.id)
        .execute();
      await revokeTokens("change_email", user.id, trx);
      await enqueueMail(
        {
          kind: "email_changed",
          to: current.email,
          eventKey: used.id,
          locale,
          values: { newEmail: email, url: appLink("/login") },
        },
        trx,
      );
      await recordAudit(
        {
          action: "auth.email_changed",
          actor,
          ip: meta.ip,
          userAgent: meta.userAgent,
          details: { from: current.email, to: email },
        },
        trx,
      );
      return { email, previousEmail: current.email };
    });
  } catch (error) {
    // Two people confirming the same free address at once: the database's unique index decides.
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}
