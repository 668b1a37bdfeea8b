import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/connection";
import { AppClient, uniqueEmail } from "../../support/app-client";
import { createStaffMember, signInAs, startView } from "../../support/actors";
import { accountSessionRequests } from "../../support/emulator-client";
import { existingAccount, exampleEmail, type ExistingAccount } from "../../support/existing-accounts";
import { hasLinkTo, listMail, tokenFrom, waitForMail, type CaughtMail } from "../../support/mailbox";
import { staffWithPasskey, type StaffWithPasskey } from "../../support/step-up";
import { openTestDatabase } from "../../support/test-db";

/**
 * The platform's existing accounts get their business from the console: an admin invites the owner; an address
 * Stripe has for the account is mailed at once, any other waits for a second admin; the account's own address hears
 * of it; the owner joins through the ordinary invitation page and works in the dashboard on that very account.
 * Every action takes a fresh step-up (its refusals are in step-up.test.ts): the admins here confirm with a passkey.
 */

const REASON = "Ticket 7731: owner confirmed on a call";
let db: DbHandle;
let adminA: StaffWithPasskey;
let adminAId: string;
let adminB: StaffWithPasskey;
let support: AppClient;

const codeOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string } }).error.code;

const isInvitation = (mail: CaughtMail) => hasLinkTo("/invite")(mail) && mail.subject.includes("dashboard");
const isNotice = (mail: CaughtMail) => mail.subject.includes("An owner was invited");

function ownerRoute(account: string, action = ""): string {
  return `/api/admin/accounts/${account}/owner-invitation${action ? `/${action}` : ""}`;
}

/** An admin's request that takes a step-up, confirmed with their passkey. */
async function act(admin: StaffWithPasskey, url: string, body: Record<string, unknown>) {
  return admin.client.request(url, { body: { ...body, ...(await admin.proof()) } });
}

async function invite(admin: StaffWithPasskey, account: ExistingAccount, email: string) {
  return act(admin, ownerRoute(account.id), { email, businessName: account.businessName });
}

/** The same request by someone who may not make it (with a code: the refusal comes before any step-up). */
async function inviteAs(client: AppClient, account: ExistingAccount, email: string) {
  return client.request(ownerRoute(account.id), {
    body: { email, businessName: account.businessName, code: "123456" },
  });
}

async function pendingInvitation(accountId: string) {
  return db.db
    .selectFrom("invitations")
    .innerJoin("tenants", "tenants.id", "invitations.tenant_id")
    .select([
      "invitations.id",
      "invitations.email",
      "invitations.approval",
      "invitations.approved_by",
      "invitations.invited_by",
      "invitations.sent_at",
      "tenants.id as tenant_id",
      "tenants.name as tenant_name",
    ])
    .where("tenants.stripe_account_id", "=", accountId)
    .where("invitations.accepted_at", "is", null)
    .executeTakeFirst();
}

async function auditActions(accountId: string): Promise<{ action: string; reason: string | null }[]> {
  return db.db
    .selectFrom("audit_log")
    .select(["action", "reason"])
    .where("account_id", "=", accountId)
    .orderBy("occurred_at", "asc")
    .orderBy("id", "asc")
    .execute();
}

beforeAll(async () => {
  db = openTestDatabase();
  adminA = await staffWithPasskey("admin");
  adminAId = adminA.userId;
  adminB = await staffWithPasskey("admin");
  support = (await createStaffMember("support")).client;
}, 120_000);

afterAll(async () => {
  await db.close();
});

describe("an admin invites an existing account's owner", () => {
  it("mails the invitation at once for the account's own email, tells that address, and the owner joins and works on that account", async () => {
    const account = await existingAccount();
    const since = Date.now() - 1000;
    const made = await invite(adminA, account, account.email.toUpperCase());
    expect(made.status).toBe(201);
    const { invitation } = (await made.json()) as { invitation: { outcome: string; match: string } };
    expect(invitation).toMatchObject({ outcome: "invited", match: "account_email" });

    // The invitee (here the account's own address) gets the invitation, and the account's address the notice.
    const mail = await waitForMail(account.email, { since, match: isInvitation });
    expect(mail.subject).toContain(account.businessName);
    const notice = await waitForMail(account.email, { since, match: isNotice });
    expect(notice.text).toContain(account.id);
    expect(notice.text).toContain(account.email);

    const tenant = await db.db
      .selectFrom("tenants")
      .select(["id", "name"])
      .where("stripe_account_id", "=", account.id)
      .executeTakeFirstOrThrow();
    expect(tenant.name).toBe(account.businessName);
    const mirror = await db.db
      .selectFrom("stripe_accounts")
      .select("tenant_id")
      .where("id", "=", account.id)
      .executeTakeFirstOrThrow();
    expect(mirror.tenant_id).toBe(tenant.id);

    // The invitee is new here: the ordinary invitation page, as owner.
    const token = tokenFrom(mail, "/invite");
    const page = await new AppClient().request(`/invite?token=${encodeURIComponent(token)}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(account.businessName);
    const owner = new AppClient();
    const joined = await owner.request("/api/invitations/register", {
      body: { token, name: "Hana Holder", password: "hana-password-1" },
    });
    expect(joined.status).toBe(201);
    expect((await owner.request("/", { headers: { "sec-fetch-dest": "empty" } })).status).toBe(200);
    const me = (await (await owner.request("/api/tenant")).json()) as {
      tenant: { name: string };
      role: string;
    };
    expect(me).toMatchObject({ tenant: { name: account.businessName }, role: "owner" });

    // Account Sessions are minted for that very account.
    const minted = await owner.request("/api/account-session", { body: {} });
    expect(minted.status).toBe(200);
    const sent = (await accountSessionRequests()).at(-1);
    expect(sent?.params.account).toBe(account.id);

    // And staff can view the new business.
    const viewing = await createStaffMember("support");
    const viewer = viewing.client;
    await startView(viewer, account.id, viewing.email, viewing.totpSecret);
    expect((await viewer.request("/", { headers: { "sec-fetch-dest": "empty" } })).status).toBe(200);
    expect((await viewer.request("/api/account-session", { body: {} })).status).toBe(200);
    expect((await accountSessionRequests()).at(-1)?.params.account).toBe(account.id);

    const actions = (await auditActions(account.id)).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(["tenant.owner_invited", "tenant.owner_joined"]));
  });

  it("matches the account holder's address at Stripe (not in the mirror); an existing user accepts and lands on it", async () => {
    const account = await existingAccount();
    // Someone who already owns a business of their own, invited with the address Stripe has for the holder.
    const holder = new AppClient();
    expect(
      (
        await holder.signUp({
          name: "Hana Holder",
          email: account.individualEmail,
          password: "holder-password-1",
          businessName: "Hana's First Shop",
        })
      ).status,
    ).toBe(201);
    const since = Date.now() - 1000;
    const made = await invite(adminA, account, account.individualEmail);
    expect(made.status).toBe(201);
    expect(((await made.json()) as { invitation: { match: string } }).invitation.match).toBe(
      "individual_email",
    );
    const mail = await waitForMail(account.individualEmail, { since, match: isInvitation });
    // The Stripe account's own address is told who was invited.
    const notice = await waitForMail(account.email, { since, match: isNotice });
    expect(notice.text).toContain(account.individualEmail);

    const accepted = await holder.request("/api/invitations/accept", {
      body: { token: tokenFrom(mail, "/invite") },
    });
    expect(accepted.status).toBe(200);
    // The dashboard opens on the business just joined, not the person's first one.
    const me = (await (await holder.request("/api/tenant")).json()) as {
      tenant: { name: string };
      role: string;
    };
    expect(me).toMatchObject({ tenant: { name: account.businessName }, role: "owner" });
    expect((await holder.request("/api/account-session", { body: {} })).status).toBe(200);
    expect((await accountSessionRequests()).at(-1)?.params.account).toBe(account.id);
  });

  it("any other address waits for a second admin: not the one who asked, not support; then it is mailed", async () => {
    const account = await existingAccount();
    const invitee = exampleEmail("someone-else");
    const since = Date.now() - 1000;
    const made = await invite(adminA, account, invitee);
    expect(made.status).toBe(201);
    expect(((await made.json()) as { invitation: { outcome: string } }).invitation.outcome).toBe(
      "awaiting_approval",
    );
    const pending = await pendingInvitation(account.id);
    expect(pending).toMatchObject({
      email: invitee,
      approval: "pending",
      sent_at: null,
      invited_by: adminAId,
    });
    if (!pending) throw new Error("no invitation");

    // Support sees it on the account's page, but cannot act on it.
    const supportPage = await support.request(`/admin/accounts/${account.id}`);
    expect(supportPage.status).toBe(200);
    const html = await supportPage.text();
    expect(html).toContain(invitee);
    expect(html).toContain("Waiting for another admin");
    const body = { invitationId: pending.id, reason: REASON };
    for (const action of ["approve", "reject", "resend", "revoke"]) {
      const refused = await support.request(ownerRoute(account.id, action), {
        body:
          action === "resend"
            ? { invitationId: pending.id, code: "123456" }
            : { ...body, confirm: true, code: "123456" },
      });
      expect(refused.status, action).toBe(404);
    }
    expect((await inviteAs(support, account, invitee)).status).toBe(404);

    // The admin who asked cannot approve it; a reason is needed; resending waits for the approval too.
    const own = await act(adminA, ownerRoute(account.id, "approve"), body);
    expect(own.status).toBe(403);
    expect(await codeOf(own)).toBe("own_request");
    expect(
      (await act(adminB, ownerRoute(account.id, "approve"), { invitationId: pending.id, reason: "ok" }))
        .status,
    ).toBe(400);
    const early = await act(adminB, ownerRoute(account.id, "resend"), { invitationId: pending.id });
    expect(early.status).toBe(409);
    expect(await listMail(invitee, since)).toHaveLength(0);

    const approved = await act(adminB, ownerRoute(account.id, "approve"), body);
    expect(approved.status).toBe(200);
    const mail = await waitForMail(invitee, { since, match: isInvitation });
    await waitForMail(account.email, { since, match: (m) => isNotice(m) && m.text.includes(invitee) });
    expect(await pendingInvitation(account.id)).toMatchObject({ approval: "approved" });
    // Approving twice is not possible.
    expect((await act(adminB, ownerRoute(account.id, "approve"), body)).status).toBe(409);

    const joined = await new AppClient().request("/api/invitations/register", {
      body: { token: tokenFrom(mail, "/invite"), name: "Omar Owner", password: "omar-password-1" },
    });
    expect(joined.status).toBe(201);
    const audit = await auditActions(account.id);
    expect(audit.find((e) => e.action === "tenant.owner_invite_approved")?.reason).toBe(REASON);
  });

  it("a second admin can reject it instead: never mailed, and the account can be offered again", async () => {
    const account = await existingAccount();
    const invitee = exampleEmail("wrong-person");
    const since = Date.now() - 1000;
    expect((await invite(adminA, account, invitee)).status).toBe(201);
    const pending = await pendingInvitation(account.id);
    if (!pending) throw new Error("no invitation");
    const own = await act(adminA, ownerRoute(account.id, "reject"), {
      invitationId: pending.id,
      reason: REASON,
    });
    expect(own.status).toBe(403);
    const rejected = await act(adminB, ownerRoute(account.id, "reject"), {
      invitationId: pending.id,
      reason: "Caller could not prove ownership",
    });
    expect(rejected.status).toBe(200);
    expect(await pendingInvitation(account.id)).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await listMail(invitee, since)).toHaveLength(0);
    const audit = await auditActions(account.id);
    expect(audit.find((e) => e.action === "tenant.owner_invite_rejected")?.reason).toBe(
      "Caller could not prove ownership",
    );
    // Offered again, to the right person this time: the business made the first time is reused.
    expect((await invite(adminA, account, account.email)).status).toBe(201);
    expect(
      await db.db.selectFrom("tenants").select("id").where("stripe_account_id", "=", account.id).execute(),
    ).toHaveLength(1);
  });

  it("resending replaces the link, withdrawing ends it; both are audited", async () => {
    const account = await existingAccount();
    const since = Date.now() - 1000;
    expect((await invite(adminA, account, account.email)).status).toBe(201);
    const first = tokenFrom(await waitForMail(account.email, { since, match: isInvitation }), "/invite");
    const pending = await pendingInvitation(account.id);
    if (!pending) throw new Error("no invitation");
    // Inviting the same owner again is refused; resend is the way.
    expect((await invite(adminB, account, account.email)).status).toBe(409);
    const resent = await act(adminB, ownerRoute(account.id, "resend"), { invitationId: pending.id });
    expect(resent.status).toBe(200);
    const second = tokenFrom(
      await waitForMail(account.email, { since, match: (m) => isInvitation(m) && !m.text.includes(first) }),
      "/invite",
    );
    const old = await new AppClient().request("/api/invitations/register", {
      body: { token: first, name: "Old Link", password: "old-link-pass-1" },
    });
    expect(old.status).toBe(400);
    const revoked = await act(adminA, ownerRoute(account.id, "revoke"), {
      invitationId: pending.id,
      reason: REASON,
      confirm: true,
    });
    expect(revoked.status).toBe(200);
    const late = await new AppClient().request("/api/invitations/register", {
      body: { token: second, name: "Too Late", password: "too-late-pass-1" },
    });
    expect(late.status).toBe(400);
    const actions = (await auditActions(account.id)).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "tenant.owner_invited",
        "tenant.owner_invite_resent",
        "tenant.owner_invite_revoked",
      ]),
    );
  });

  it("refuses accounts that already have a business, unknown accounts, bad input and everyone but admins", async () => {
    const acme = await db.db
      .selectFrom("tenants")
      .select("stripe_account_id")
      .where("slug", "=", "acme-bikes")
      .executeTakeFirstOrThrow();
    const linked = await act(adminA, ownerRoute(String(acme.stripe_account_id)), {
      email: uniqueEmail("intruder"),
      businessName: "Acme Again",
    });
    expect(linked.status).toBe(409);
    expect(await codeOf(linked)).toBe("already_linked");
    const unknown = await act(adminA, ownerRoute("acct_NotInTheMirror000"), {
      email: uniqueEmail("x"),
      businessName: "Nobody",
    });
    expect(unknown.status).toBe(404);
    expect(await codeOf(unknown)).toBe("not_in_mirror");
    const account = await existingAccount();
    const bad = await act(adminA, ownerRoute(account.id), { email: "not-an-email", businessName: "X" });
    expect(bad.status).toBe(400);
    for (const who of ["owner", "anonymous"] as const) {
      const client = await signInAs(who);
      expect((await inviteAs(client, account, account.email)).status, who).toBe(404);
    }
    // Support and tenants do not even see the console's import.
    expect((await support.request("/admin/accounts/import")).status).toBe(404);
  });
});
