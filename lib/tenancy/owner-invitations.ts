import "server-only";
import { sql, type Transaction } from "kysely";
import Stripe from "stripe";
import { getMirroredAccount, type MirroredAccount } from "../accounts/mirror";
import { auditAction, recordAudit, type AuditAction, type AuditSubject } from "../audit";
import { revokeTokens } from "../auth/tokens";
import { getDb, getDbHandle } from "../db";
import type { DB } from "../db/schema";
import { AppError } from "../errors";
import type { RequestMeta } from "../impersonation";
import { newId } from "../ids";
import { appLink } from "../mail/links";
import { enqueueMail, reserveMailSend } from "../mail/outbox";
import { callStripe, StripeUnavailableError } from "../stripe/call";
import { getStripe } from "../stripe/client";
import { mailInvitation } from "./invitations";
import { insertTenant, slugExists } from "./queries";
import { uniqueSlug } from "./signup";
import { slugify } from "./slug";

/**
 * Giving a connected account that the platform already has (mirrored by `npm run stripe:sync`, with no tenant) its
 * Portico business: an admin invites its owner. The tenant is made for that `acct_…` at once, with an owner
 * invitation; whether the invitation is mailed at once depends on the address:
 *
 * - it is the Stripe account's own email, or its individual's or representative's (asked of Stripe when the mirror's
 *   copy of the account's email is not it): mailed at once;
 * - anything else — or Stripe could not be asked — waits for a second admin's approval (never the one who asked),
 *   and is mailed only once approved.
 *
 * When the invitation is mailed, the Stripe account's own email is told who was invited (`owner_invited_notice`),
 * so a wrong owner cannot be slipped in quietly. Every step is audited. The same code serves the console's form,
 * its bulk import and `npm run tenants:import` (lib/tenancy/account-import.ts).
 */

export const ACCOUNT_ID_PATTERN = /^acct_[A-Za-z0-9]{1,64}$/;

/** Which of the account's addresses the invited one is. */
export type OwnerMatch = "account_email" | "individual_email" | "representative_email";

export interface OwnerEmailCheck {
  match: OwnerMatch | null;
  /** The account's own email as Stripe has it (the mirror's copy when Stripe was not asked). */
  accountEmail: string | null;
  /** Stripe was down or rate-limited: the address could not be compared, so the invitation waits. */
  unverified: boolean;
}

/** Who links: an admin in the console, or the operator at the command line (no actor). */
export type LinkActor = AuditSubject | null;

const same = (a: string | null | undefined, b: string) => (a ?? "").trim().toLowerCase() === b;

/**
 * Compares an address with the account's own addresses: the mirror's copy of its email first; otherwise the account
 * as Stripe has it now (its email, its individual's), and for a business whose people the platform can see, its
 * representative's. The same calls in the sandbox and live.
 */
export async function checkOwnerEmail(
  account: { id: string; email: string | null },
  email: string,
  options: { rateLimitBudgetMs?: number } = {},
): Promise<OwnerEmailCheck> {
  if (same(account.email, email))
    return { match: "account_email", accountEmail: account.email, unverified: false };
  const call = { deadlineMs: 15_000, rateLimitBudgetMs: options.rateLimitBudgetMs ?? 3_000 };
  let live: Stripe.Account;
  try {
    live = await callStripe((o) => getStripe().accounts.retrieve(account.id, {}, o), call);
  } catch (error) {
    if (error instanceof StripeUnavailableError) {
      return { match: null, accountEmail: account.email, unverified: true };
    }
    if (error instanceof Stripe.errors.StripeError) {
      throw new AppError(
        "not_found",
        "Stripe does not know this account (or it is not connected to the platform).",
        {
          reason: "unknown_account",
        },
      );
    }
    throw error;
  }
  const accountEmail = live.email ?? account.email;
  if (same(live.email, email)) return { match: "account_email", accountEmail, unverified: false };
  if (same(live.individual?.email, email))
    return { match: "individual_email", accountEmail, unverified: false };
  // A business's people are listed only where the platform can see its details (Stripe shows `company` then).
  if (live.business_type && live.business_type !== "individual" && live.company) {
    try {
      const people = await callStripe(
        (o) =>
          getStripe().accounts.listPersons(
            account.id,
            { relationship: { representative: true }, limit: 10 },
            o,
          ),
        call,
      );
      if (people.data.some((person) => same(person.email, email))) {
        return { match: "representative_email", accountEmail, unverified: false };
      }
    } catch (error) {
      if (error instanceof StripeUnavailableError) return { match: null, accountEmail, unverified: true };
      // Not allowed to list this account's people: the representative cannot be compared, which is a mismatch.
      if (!(error instanceof Stripe.errors.StripeError)) throw error;
    }
  }
  return { match: null, accountEmail, unverified: false };
}

/** Whether Stripe knows an account the mirror does not (to tell "run the sync" from "no such account"). */
export async function accountKnownToStripe(accountId: string): Promise<boolean | null> {
  try {
    await callStripe((o) => getStripe().accounts.retrieve(accountId, {}, o), {
      deadlineMs: 15_000,
      rateLimitBudgetMs: 10_000,
    });
    return true;
  } catch (error) {
    if (error instanceof StripeUnavailableError) return null;
    if (error instanceof Stripe.errors.StripeError) return false;
    throw error;
  }
}

export interface OwnerInvitationView {
  id: string;
  tenantId: string;
  email: string;
  createdAt: number;
  invitedBy: { id: string; name: string; email: string } | null;
  awaitingApproval: boolean;
  approvedBy: { id: string; name: string; email: string } | null;
  sentAt: number | null;
  expiresAt: number | null;
  /** The mailed link has expired (resend it). */
  expired: boolean;
}

export interface AccountOwnership {
  tenant: { id: string; name: string; slug: string; createdAt: number } | null;
  /** Members of the account's tenant: once there is one, the business is claimed. */
  memberCount: number;
  /** Pending owner invitations of the tenant (not accepted yet). */
  invitations: OwnerInvitationView[];
}

type Executor = ReturnType<typeof getDb> | Transaction<DB>;

async function tenantOfAccount(db: Executor, accountId: string) {
  return db
    .selectFrom("tenants")
    .select(["id", "name", "slug", "created_at"])
    .where("stripe_account_id", "=", accountId)
    .executeTakeFirst();
}

/** The account's business, how many members it has, and its pending owner invitations — what the console shows. */
export async function accountOwnership(accountId: string, db: Executor = getDb()): Promise<AccountOwnership> {
  const tenant = await tenantOfAccount(db, accountId);
  if (!tenant) return { tenant: null, memberCount: 0, invitations: [] };
  const members = await db
    .selectFrom("memberships")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("tenant_id", "=", tenant.id)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom("invitations")
    .leftJoin("user as inviter", "inviter.id", "invitations.invited_by")
    .leftJoin("user as approver", "approver.id", "invitations.approved_by")
    .select([
      "invitations.id",
      "invitations.tenant_id",
      "invitations.email",
      "invitations.created_at",
      "invitations.approval",
      "invitations.sent_at",
      "invitations.expires_at",
      "invitations.invited_by",
      "invitations.approved_by",
      "inviter.name as inviter_name",
      "inviter.email as inviter_email",
      "approver.name as approver_name",
      "approver.email as approver_email",
    ])
    .where("invitations.tenant_id", "=", tenant.id)
    .where("invitations.role", "=", "owner")
    .where("invitations.accepted_at", "is", null)
    .orderBy("invitations.created_at", "asc")
    .execute();
  const readAt = Date.now();
  return {
    tenant: { id: tenant.id, name: tenant.name, slug: tenant.slug, createdAt: Number(tenant.created_at) },
    memberCount: Number(members.count),
    invitations: rows.map((row) => ({
      id: row.id,
      tenantId: row.tenant_id,
      email: row.email,
      createdAt: Number(row.created_at),
      invitedBy:
        row.invited_by && row.inviter_email
          ? { id: row.invited_by, name: row.inviter_name ?? "", email: row.inviter_email }
          : null,
      awaitingApproval: row.approval === "pending",
      approvedBy:
        row.approved_by && row.approver_email
          ? { id: row.approved_by, name: row.approver_name ?? "", email: row.approver_email }
          : null,
      sentAt: row.sent_at === null ? null : Number(row.sent_at),
      expiresAt: row.expires_at === null ? null : Number(row.expires_at),
      expired: row.expires_at !== null && Number(row.expires_at) <= readAt,
    })),
  };
}

export interface LinkRequest {
  accountId: string;
  /** Lower-cased, valid (callers validate). */
  email: string;
  /** The business's name in Portico; null takes the mirror's. */
  businessName: string | null;
}

export type LinkResult =
  | { outcome: "invited"; tenantId: string | null; invitationId: string | null; match: OwnerMatch }
  | {
      outcome: "awaiting_approval";
      tenantId: string | null;
      invitationId: string | null;
      /** Stripe could not be asked; otherwise the address matched none of the account's. */
      unverified: boolean;
    }
  /** Already linked the same way: the account's business has this owner, or has invited them. */
  | { outcome: "skipped"; tenantId: string };

/** Refusals, each with its reason code (the import's report lists them). */
function refusal(
  reason: string,
  message: string,
  code: "conflict" | "not_found" | "invalid_request" = "conflict",
) {
  return new AppError(code, message, { reason });
}

type Claim = { kind: "free"; tenantId: string | null } | { kind: "same"; tenantId: string };

/**
 * Where the account stands: free to link (no business, or an unclaimed one — no member, no pending invitation —
 * left by a rejected or revoked invitation), already linked to this owner, or linked to someone else.
 */
async function claimOf(db: Executor, accountId: string, email: string): Promise<Claim> {
  const tenant = await tenantOfAccount(db, accountId);
  if (!tenant) return { kind: "free", tenantId: null };
  const members = await db
    .selectFrom("memberships")
    .innerJoin("user", "user.id", "memberships.user_id")
    .select(["user.email", "memberships.role"])
    .where("memberships.tenant_id", "=", tenant.id)
    .execute();
  const invitations = await db
    .selectFrom("invitations")
    .select(["email", "role"])
    .where("tenant_id", "=", tenant.id)
    .where("accepted_at", "is", null)
    .execute();
  if (members.length === 0 && invitations.length === 0) return { kind: "free", tenantId: tenant.id };
  const owners = [...members, ...invitations]
    .filter((m) => m.role === "owner")
    .map((m) => m.email.toLowerCase());
  if (owners.includes(email)) return { kind: "same", tenantId: tenant.id };
  throw refusal(
    "already_linked",
    members.length > 0
      ? `This account already belongs to the business “${tenant.name}”, with another owner.`
      : `This account's owner has already been invited with another address.`,
  );
}

function mirrorProblem(account: MirroredAccount | null): AppError | null {
  if (!account) {
    return refusal(
      "not_in_mirror",
      "This account is not in Portico's copy of the platform's accounts: run npm run stripe:sync, or check the id.",
      "not_found",
    );
  }
  if (account.deauthorized) {
    return refusal(
      "account_disconnected",
      "This account disconnected from the platform: it cannot get a business.",
    );
  }
  return null;
}

/** Takes the account's mirror row for the rest of `trx`, so two invitations for one account are made one at a time. */
async function lockAccount(trx: Transaction<DB>, accountId: string): Promise<void> {
  const { dialect } = getDbHandle();
  if (dialect === "postgres") {
    await trx.selectFrom("stripe_accounts").select("id").where("id", "=", accountId).forUpdate().execute();
  } else {
    await trx
      .updateTable("stripe_accounts")
      .set({ id: sql.ref("id") })
      .where("id", "=", accountId)
      .execute();
  }
}

/** The Stripe account's own address hears that an owner was invited (when it has one). */
async function noticeAccount(
  trx: Transaction<DB>,
  input: {
    accountId: string;
    accountEmail: string | null;
    invitee: string;
    business: string;
    eventKey: string;
  },
): Promise<boolean> {
  if (!input.accountEmail) return false;
  await enqueueMail(
    {
      kind: "owner_invited_notice",
      to: input.accountEmail,
      eventKey: input.eventKey,
      values: {
        invitee: input.invitee,
        business: input.business,
        accountId: input.accountId,
        url: appLink("/login"),
      },
    },
    trx,
  );
  return true;
}

async function audit(
  actor: LinkActor,
  action: AuditAction,
  meta: RequestMeta,
  extra: { accountId: string; tenantId: string; reason?: string | null; details: Record<string, unknown> },
  trx: Transaction<DB>,
): Promise<void> {
  if (actor) {
    await auditAction(actor, action, meta, extra, trx);
    return;
  }
  await recordAudit(
    {
      action,
      actor: null,
      accountId: extra.accountId,
      tenantId: extra.tenantId,
      reason: extra.reason ?? null,
      details: extra.details,
    },
    trx,
  );
}

const mailLimited = () =>
  refusal(
    "mail_limited",
    "Too many invitations were mailed to this address in the last hour. Try again later.",
  );

export interface LinkOptions {
  /** Says what would happen, changing nothing (Stripe is still asked, to tell). */
  dryRun?: boolean;
  /** "console" (the account's page), "import" (a list), "cli" (npm run tenants:import). */
  source: "console" | "import" | "cli";
  importId?: string;
  /** How long a rate-limited Stripe lookup may keep retrying (a list can afford to wait longer). */
  rateLimitBudgetMs?: number;
}

/**
 * Gives the account its business and invites its owner (see the module's comment). Throws an AppError whose reason
 * says why when it cannot: not_in_mirror, account_disconnected, unknown_account, already_linked, missing_business_name,
 * mail_limited. An account already linked the same way is `skipped`.
 */
export async function inviteAccountOwner(
  actor: LinkActor,
  request: LinkRequest,
  meta: RequestMeta,
  options: LinkOptions,
): Promise<LinkResult> {
  const email = request.email.trim().toLowerCase();
  const account = await getMirroredAccount(request.accountId);
  const problem = mirrorProblem(account);
  if (problem || !account) throw problem ?? refusal("not_in_mirror", "Not found.", "not_found");
  const businessName = (request.businessName ?? "").trim() || account.businessName?.trim() || "";
  if (!businessName) {
    throw refusal(
      "missing_business_name",
      "Give the business a name: the account has none at Stripe.",
      "invalid_request",
    );
  }
  const claim = await claimOf(getDb(), account.id, email);
  if (claim.kind === "same") return { outcome: "skipped", tenantId: claim.tenantId };

  const check = await checkOwnerEmail(account, email, { rateLimitBudgetMs: options.rateLimitBudgetMs });
  if (options.dryRun) {
    return check.match
      ? { outcome: "invited", tenantId: claim.tenantId, invitationId: null, match: check.match }
      : {
          outcome: "awaiting_approval",
          tenantId: claim.tenantId,
          invitationId: null,
          unverified: check.unverified,
        };
  }
  // The invitation's mail counts against the address's hourly limit before the transaction that queues it.
  if (check.match && !(await reserveMailSend("owner_invitation", email))) throw mailLimited();

  const { db } = getDbHandle();
  return db.transaction().execute(async (trx) => {
    await lockAccount(trx, account.id);
    // Again under the lock: another admin (or another import) may have linked it meanwhile.
    const now = await claimOf(trx, account.id, email);
    if (now.kind === "same") return { outcome: "skipped", tenantId: now.tenantId } satisfies LinkResult;
    let tenantId = now.tenantId;
    if (tenantId) {
      await trx.updateTable("tenants").set({ name: businessName }).where("id", "=", tenantId).execute();
    } else {
      tenantId = newId("ten");
      const slug = await uniqueSlug(slugify(businessName), (s) => slugExists(s, trx));
      await insertTenant({ id: tenantId, name: businessName, slug, stripeAccountId: account.id }, trx);
    }
    await trx
      .updateTable("stripe_accounts")
      .set({ tenant_id: tenantId })
      .where("id", "=", account.id)
      .execute();
    const invitationId = newId("inv");
    await trx
      .insertInto("invitations")
      .values({
        id: invitationId,
        tenant_id: tenantId,
        email,
        role: "owner",
        invited_by: actor?.user.id ?? null,
        created_at: Date.now(),
        accepted_at: null,
        expires_at: null,
        token_id: null,
        sent_at: null,
        approval: check.match ? null : "pending",
        approved_by: null,
      })
      .execute();
    let noticeSent = false;
    if (check.match) {
      await mailInvitation(
        trx,
        { id: invitationId, email, role: "owner", tenantId, previousTokenId: null },
        null,
      );
      noticeSent = await noticeAccount(trx, {
        accountId: account.id,
        accountEmail: check.accountEmail,
        invitee: email,
        business: businessName,
        eventKey: invitationId,
      });
    }
    await audit(
      actor,
      "tenant.owner_invited",
      meta,
      {
        accountId: account.id,
        tenantId,
        details: {
          invitationId,
          email,
          businessName,
          source: options.source,
          ...(options.importId ? { importId: options.importId } : {}),
          match: check.match,
          ...(check.unverified ? { stripeUnavailable: true } : {}),
          awaitingApproval: !check.match,
          noticeSent,
        },
      },
      trx,
    );
    return check.match
      ? ({ outcome: "invited", tenantId, invitationId, match: check.match } satisfies LinkResult)
      : ({
          outcome: "awaiting_approval",
          tenantId,
          invitationId,
          unverified: check.unverified,
        } satisfies LinkResult);
  });
}

interface PendingRow {
  id: string;
  tenant_id: string;
  email: string;
  invited_by: string | null;
  approval: "pending" | "approved" | null;
  token_id: string | null;
  tenant_name: string;
}

/** The account's pending owner invitation `invitationId`, in `trx` (404 when it is not one of this account's). */
async function pendingOwnerInvitation(
  trx: Transaction<DB>,
  accountId: string,
  invitationId: string,
): Promise<PendingRow> {
  const row = await trx
    .selectFrom("invitations")
    .innerJoin("tenants", "tenants.id", "invitations.tenant_id")
    .select([
      "invitations.id",
      "invitations.tenant_id",
      "invitations.email",
      "invitations.invited_by",
      "invitations.approval",
      "invitations.token_id",
      "tenants.name as tenant_name",
    ])
    .where("invitations.id", "=", invitationId)
    .where("tenants.stripe_account_id", "=", accountId)
    .where("invitations.role", "=", "owner")
    .where("invitations.accepted_at", "is", null)
    .executeTakeFirst();
  if (!row) throw new AppError("not_found", "No such pending invitation for this account.");
  return row;
}

function awaiting(row: PendingRow, actor: AuditSubject, verb: "approve" | "reject"): void {
  if (row.approval !== "pending") {
    throw new AppError("conflict", "This invitation is not waiting for approval.", {
      reason: "not_awaiting_approval",
    });
  }
  if (row.invited_by === actor.user.id) {
    throw new AppError("forbidden", `Another admin must ${verb} an invitation you asked for.`, {
      reason: "own_request",
    });
  }
}

/** A second admin approves an invitation that waits: it is mailed now, and the account's own address is told. */
export async function approveOwnerInvitation(
  actor: AuditSubject,
  accountId: string,
  invitationId: string,
  reason: string,
  meta: RequestMeta,
): Promise<{ email: string; expiresAt: number }> {
  const account = await getMirroredAccount(accountId);
  if (!account) throw new AppError("not_found", "No such account.");
  const first = await getDb()
    .transaction()
    .execute(async (trx) => {
      const row = await pendingOwnerInvitation(trx, accountId, invitationId);
      awaiting(row, actor, "approve");
      return row;
    });
  if (!(await reserveMailSend("owner_invitation", first.email))) throw mailLimited();
  return getDb()
    .transaction()
    .execute(async (trx) => {
      await lockAccount(trx, accountId);
      const row = await pendingOwnerInvitation(trx, accountId, invitationId);
      awaiting(row, actor, "approve");
      await trx
        .updateTable("invitations")
        .set({ approval: "approved", approved_by: actor.user.id })
        .where("id", "=", row.id)
        .execute();
      const sent = await mailInvitation(
        trx,
        {
          id: row.id,
          email: row.email,
          role: "owner",
          tenantId: row.tenant_id,
          previousTokenId: row.token_id,
        },
        null,
      );
      const noticeSent = await noticeAccount(trx, {
        accountId,
        accountEmail: account.email,
        invitee: row.email,
        business: row.tenant_name,
        eventKey: row.id,
      });
      await audit(
        actor,
        "tenant.owner_invite_approved",
        meta,
        {
          accountId,
          tenantId: row.tenant_id,
          reason,
          details: { invitationId: row.id, email: row.email, requestedBy: row.invited_by, noticeSent },
        },
        trx,
      );
      return { email: row.email, expiresAt: sent.expiresAt };
    });
}

/** A second admin rejects an invitation that waits: it is deleted unsent; the account may be offered again. */
export async function rejectOwnerInvitation(
  actor: AuditSubject,
  accountId: string,
  invitationId: string,
  reason: string,
  meta: RequestMeta,
): Promise<{ email: string }> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      await lockAccount(trx, accountId);
      const row = await pendingOwnerInvitation(trx, accountId, invitationId);
      awaiting(row, actor, "reject");
      await trx.deleteFrom("invitations").where("id", "=", row.id).execute();
      await audit(
        actor,
        "tenant.owner_invite_rejected",
        meta,
        {
          accountId,
          tenantId: row.tenant_id,
          reason,
          details: { invitationId: row.id, email: row.email, requestedBy: row.invited_by },
        },
        trx,
      );
      return { email: row.email };
    });
}

/** Mails a sent owner invitation again with a new link (the previous one stops working). */
export async function resendOwnerInvitation(
  actor: AuditSubject,
  accountId: string,
  invitationId: string,
  meta: RequestMeta,
): Promise<{ email: string; expiresAt: number }> {
  const first = await getDb()
    .transaction()
    .execute((trx) => pendingOwnerInvitation(trx, accountId, invitationId));
  if (first.approval === "pending") {
    throw new AppError("conflict", "This invitation is waiting for a second admin's approval.", {
      reason: "awaiting_approval",
    });
  }
  if (!(await reserveMailSend("owner_invitation", first.email))) throw mailLimited();
  return getDb()
    .transaction()
    .execute(async (trx) => {
      await lockAccount(trx, accountId);
      const row = await pendingOwnerInvitation(trx, accountId, invitationId);
      if (row.approval === "pending") {
        throw new AppError("conflict", "This invitation is waiting for a second admin's approval.", {
          reason: "awaiting_approval",
        });
      }
      const sent = await mailInvitation(
        trx,
        {
          id: row.id,
          email: row.email,
          role: "owner",
          tenantId: row.tenant_id,
          previousTokenId: row.token_id,
        },
        null,
      );
      await audit(
        actor,
        "tenant.owner_invite_resent",
        meta,
        { accountId, tenantId: row.tenant_id, details: { invitationId: row.id, email: row.email } },
        trx,
      );
      return { email: row.email, expiresAt: sent.expiresAt };
    });
}

/** Withdraws an owner invitation, sent or waiting: its link stops working; the account may be offered again. */
export async function revokeOwnerInvitation(
  actor: AuditSubject,
  accountId: string,
  invitationId: string,
  reason: string,
  meta: RequestMeta,
): Promise<{ email: string }> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      await lockAccount(trx, accountId);
      const row = await pendingOwnerInvitation(trx, accountId, invitationId);
      await trx.deleteFrom("invitations").where("id", "=", row.id).execute();
      await revokeTokens("invitation", row.id, trx);
      await audit(
        actor,
        "tenant.owner_invite_revoked",
        meta,
        {
          accountId,
          tenantId: row.tenant_id,
          reason,
          details: {
            invitationId: row.id,
            email: row.email,
            wasAwaitingApproval: row.approval === "pending",
          },
        },
        trx,
      );
      return { email: row.email };
    });
}
