import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/connection";
import { createStaffMember } from "../../support/actors";
import type { AppClient } from "../../support/app-client";
import { exampleEmail, existingAccounts, type ExistingAccount } from "../../support/existing-accounts";
import {
  staffWithPasskey,
  wrongTotpCode,
  type StaffMember,
  type StaffWithPasskey,
} from "../../support/step-up";
import { openTestDatabase } from "../../support/test-db";
import { withTotpCode } from "../../support/totp-codes";

/**
 * Every console action that grants or takes away access asks for a fresh step-up, after its body is valid and
 * before it changes anything: refused without a proof (400, the code field named), refused with a wrong code (403,
 * audited as a failed step-up with the action's purpose, nothing changed), done with a fresh code or a passkey.
 * Each TOTP code works once per person, so the actions are spread over staff members of this file's own (about two
 * codes each at once); the setup steps up with a passkey.
 */

const REASON = "Access review SEC-204: confirmed with the requester";
let db: DbHandle;
/** Sets the scene (pending invitations) with passkey step-ups. */
let setup: StaffWithPasskey;
let accounts: {
  mailed: ExistingAccount;
  toApprove: ExistingAccount;
  toReject: ExistingAccount;
  imported: ExistingAccount;
};

const errorOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string; fields?: Record<string, string> } }).error;

/** How many times `userId` did `action` (per the audit log), or failed a step-up for `purpose`. */
async function auditCount(action: string, userId: string, purpose?: string): Promise<number> {
  const rows = await db.db
    .selectFrom("audit_log")
    .select("details")
    .where("action", "=", action)
    .where("actor_user_id", "=", userId)
    .execute();
  if (purpose === undefined) return rows.length;
  return rows.filter((row) => (JSON.parse(row.details ?? "{}") as { purpose?: string }).purpose === purpose)
    .length;
}

/**
 * The three answers of one action: without a proof, with a wrong code (audited as `purpose`, and `done` — the
 * action's own audit entry — not written), then with a fresh code, whose response is returned (and
 * `lastCode` set to that code).
 */
let lastCode = "";
async function stepUpThenDo(
  actor: StaffMember,
  purpose: string,
  done: string,
  send: (proof: Record<string, unknown>) => Promise<Response>,
): Promise<Response> {
  const before = await auditCount(done, actor.userId);
  const failedBefore = await auditCount("auth.step_up_failed", actor.userId, purpose);

  const missing = await send({});
  expect(missing.status, `${purpose} without a proof`).toBe(400);
  const missingError = await errorOf(missing);
  expect(missingError.code).toBe("invalid_request");
  expect(missingError.fields?.code).toBe("Enter the current code from your authenticator app.");

  const wrong = await send({ code: wrongTotpCode(actor.totpSecret) });
  expect(wrong.status, `${purpose} with a wrong code`).toBe(403);
  expect((await errorOf(wrong)).code).toBe("wrong_code");
  expect(
    await auditCount("auth.step_up_failed", actor.userId, purpose),
    "the failed step-up is audited",
  ).toBe(failedBefore + 1);
  expect(await auditCount(done, actor.userId), `${purpose}: nothing done yet`).toBe(before);

  const response = await withTotpCode(actor.totpSecret, (code) => {
    lastCode = code;
    return send({ code });
  });
  expect(response.status, `${purpose} with a fresh code`).toBeLessThan(300);
  expect(await auditCount(done, actor.userId), `${purpose} done`).toBe(before + 1);
  return response;
}

const post = (client: AppClient, url: string, body: Record<string, unknown>, method = "POST") =>
  client.request(url, { method, body });

async function userIdOf(email: string): Promise<string> {
  const row = await db.db
    .selectFrom("user")
    .select("id")
    .where("email", "=", email)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function invitationOf(accountId: string): Promise<string> {
  const row = await db.db
    .selectFrom("invitations")
    .innerJoin("tenants", "tenants.id", "invitations.tenant_id")
    .select("invitations.id")
    .where("tenants.stripe_account_id", "=", accountId)
    .where("invitations.accepted_at", "is", null)
    .executeTakeFirstOrThrow();
  return row.id;
}

const ownerRoute = (account: ExistingAccount, action = "") =>
  `/api/admin/accounts/${account.id}/owner-invitation${action ? `/${action}` : ""}`;

beforeAll(async () => {
  db = openTestDatabase();
  setup = await staffWithPasskey("admin");
  const [mailed, toApprove, toReject, imported] = await existingAccounts([{}, {}, {}, {}]);
  if (!mailed || !toApprove || !toReject || !imported) throw new Error("no accounts");
  accounts = { mailed, toApprove, toReject, imported };
}, 120_000);

afterAll(async () => {
  await db.close();
});

describe("staff management takes a fresh step-up", () => {
  it("invite and resend", async () => {
    const admin = await createStaffMember("admin");
    const email = exampleEmail("stepped-up-support");
    const invited = await stepUpThenDo(admin, "staff.invite", "staff.invited", (proof) =>
      post(admin.client, "/api/admin/staff", {
        email,
        name: "Sid Support",
        role: "support",
        reason: REASON,
        ...proof,
      }),
    );
    expect(invited.status).toBe(201);
    const userId = await userIdOf(email);
    await stepUpThenDo(admin, "staff.resend", "staff.invite_resent", (proof) =>
      post(admin.client, `/api/admin/staff/${userId}/resend`, proof),
    );
  });

  it("role change, second-factor reset, disable, re-enable and removal", async () => {
    const first = await createStaffMember("admin");
    const second = await createStaffMember("admin");
    const target = await createStaffMember("support");
    const base = `/api/admin/staff/${target.userId}`;
    await stepUpThenDo(first, "staff.role", "staff.role_changed", (proof) =>
      post(first.client, base, { role: "admin", reason: REASON, ...proof }, "PATCH"),
    );
    await stepUpThenDo(first, "staff.second_factor_reset", "staff.second_factor_reset", (proof) =>
      post(first.client, `${base}/second-factor/reset`, { reason: REASON, confirm: true, ...proof }),
    );
    const status = `/api/admin/users/${target.userId}/status`;
    await stepUpThenDo(second, "user.disable", "user.disabled", (proof) =>
      post(second.client, status, { disabled: true, reason: REASON, confirm: true, ...proof }),
    );
    await stepUpThenDo(second, "user.enable", "user.enabled", (proof) =>
      post(second.client, status, { disabled: false, reason: REASON, confirm: true, ...proof }),
    );
    // A passkey serves as well as a code.
    const removed = await post(setup.client, `${base}/remove`, {
      reason: REASON,
      confirm: true,
      ...(await setup.proof()),
    });
    expect(removed.status).toBe(200);
    expect(await auditCount("staff.removed", setup.userId)).toBeGreaterThan(0);
  });

  it("removal; a used code, a grant not earned for the act and an invalid body do nothing", async () => {
    const admin = await createStaffMember("admin");
    const target = await createStaffMember("support");
    const response = await stepUpThenDo(admin, "staff.remove", "staff.removed", (proof) =>
      post(admin.client, `/api/admin/staff/${target.userId}/remove`, {
        reason: REASON,
        confirm: true,
        ...proof,
      }),
    );
    expect(response.status).toBe(200);
    // The code just used does not serve a second time, not even for another act.
    const invite = {
      email: exampleEmail("twice"),
      name: "Tess Twice",
      role: "admin",
      reason: REASON,
    };
    const replay = await post(admin.client, "/api/admin/staff", { ...invite, code: lastCode });
    expect(replay.status).toBe(403);
    expect((await errorOf(replay)).code).toBe("code_used");
    // An invalid body is refused before the step-up: no code is spent and nothing is audited as a failed step-up.
    const failed = await auditCount("auth.step_up_failed", admin.userId);
    const unconfirmed = await post(admin.client, `/api/admin/staff/${target.userId}/remove`, {
      reason: REASON,
      code: wrongTotpCode(admin.totpSecret),
    });
    expect(unconfirmed.status).toBe(400);
    expect(await auditCount("auth.step_up_failed", admin.userId)).toBe(failed);
    // A grant that no IdP re-authentication earned for this act is refused (and audited as the IdP's).
    const grant = await post(admin.client, "/api/admin/staff", { ...invite, grant: "g".repeat(43) });
    expect(grant.status).toBe(403);
    expect((await errorOf(grant)).code).toBe("step_up_grant_invalid");
    expect(await auditCount("auth.step_up_failed", admin.userId, "staff.invite")).toBe(2);
    expect(await auditCount("staff.invited", admin.userId)).toBe(0);
  });
});

describe("existing accounts' owners take a fresh step-up", () => {
  it("invite, resend and withdraw", async () => {
    const admin = await createStaffMember("admin");
    const other = await createStaffMember("admin");
    const account = accounts.mailed;
    const made = await stepUpThenDo(admin, "tenant.owner_invite", "tenant.owner_invited", (proof) =>
      post(admin.client, ownerRoute(account), {
        email: account.email,
        businessName: account.businessName,
        ...proof,
      }),
    );
    expect(made.status).toBe(201);
    const invitationId = await invitationOf(account.id);
    await stepUpThenDo(admin, "tenant.owner_invite_resend", "tenant.owner_invite_resent", (proof) =>
      post(admin.client, ownerRoute(account, "resend"), { invitationId, ...proof }),
    );
    await stepUpThenDo(other, "tenant.owner_invite_revoke", "tenant.owner_invite_revoked", (proof) =>
      post(other.client, ownerRoute(account, "revoke"), {
        invitationId,
        reason: REASON,
        confirm: true,
        ...proof,
      }),
    );
  });

  it("a second admin's approval and rejection", async () => {
    // Addresses Stripe does not have: the invitations wait for a second admin.
    for (const account of [accounts.toApprove, accounts.toReject]) {
      const waiting = await post(setup.client, ownerRoute(account), {
        email: exampleEmail("not-stripes"),
        businessName: account.businessName,
        ...(await setup.proof()),
      });
      expect(waiting.status).toBe(201);
    }
    const admin = await createStaffMember("admin");
    await stepUpThenDo(admin, "tenant.owner_invite_approve", "tenant.owner_invite_approved", async (proof) =>
      post(admin.client, ownerRoute(accounts.toApprove, "approve"), {
        invitationId: await invitationOf(accounts.toApprove.id),
        reason: REASON,
        ...proof,
      }),
    );
    await stepUpThenDo(admin, "tenant.owner_invite_reject", "tenant.owner_invite_rejected", async (proof) =>
      post(admin.client, ownerRoute(accounts.toReject, "reject"), {
        invitationId: await invitationOf(accounts.toReject.id),
        reason: REASON,
        ...proof,
      }),
    );
  });

  it("the import (its dry run needs none; a list that cannot be read spends no code)", async () => {
    const admin = await createStaffMember("admin");
    const account = accounts.imported;
    const list = `${account.id},${account.businessName},${account.email}\n`;
    const dry = await post(admin.client, "/api/admin/accounts/import", { list, dryRun: true });
    expect(dry.status).toBe(200);
    expect(((await dry.json()) as { report: { counts: { invited: number } } }).report.counts.invited).toBe(1);
    const failed = await auditCount("auth.step_up_failed", admin.userId);
    const empty = await post(admin.client, "/api/admin/accounts/import", {
      list: " \n",
      dryRun: false,
      code: wrongTotpCode(admin.totpSecret),
    });
    expect(empty.status).toBe(400);
    expect((await errorOf(empty)).code).toBe("empty_list");
    expect(await auditCount("auth.step_up_failed", admin.userId)).toBe(failed);

    // The dry run was audited as an import too: count the real one from here.
    const response = await stepUpThenDo(admin, "tenants.import", "tenants.imported", (proof) =>
      post(admin.client, "/api/admin/accounts/import", { list, dryRun: false, ...proof }),
    );
    const report = ((await response.json()) as { report: { dryRun: boolean; counts: { invited: number } } })
      .report;
    expect(report).toMatchObject({ dryRun: false, counts: { invited: 1 } });
    expect(
      await db.db.selectFrom("tenants").select("id").where("stripe_account_id", "=", account.id).execute(),
    ).toHaveLength(1);
  });
});
