import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/connection";
import { AppClient, uniqueEmail } from "../../support/app-client";
import { createStaffMember, signInAs } from "../../support/actors";
import { hasLinkTo, tokenFrom, waitForMail } from "../../support/mailbox";
import { openTestDatabase } from "../../support/test-db";
import {
  addMember,
  agents,
  errorCode,
  newOwner,
  renderedHtml,
  signInFrom,
  type Person,
} from "./account-helpers";
import { freshTotpCode } from "../../support/totp-codes";

/**
 * A person's account over its life: a second factor set up, used, renewed and removed; their data downloaded with
 * no secret in it; leaving a business; deleting the account — refused to an only owner, allowed once the business
 * has another — after which they cannot sign in and the audit log still reads, under a deleted user.
 */

let db: DbHandle;
beforeAll(() => {
  db = openTestDatabase();
});
afterAll(async () => {
  await db.close();
});

interface Overview {
  user: { email: string };
  stepUp: "code" | "password";
  secondFactor: { enabled: boolean; recoveryCodesLeft: number | null; required: boolean };
  soleOwnerOf: { name: string }[];
}

async function overview(client: AppClient): Promise<Overview> {
  const response = await client.request("/api/profile");
  expect(response.status).toBe(200);
  return ((await response.json()) as { account: Overview }).account;
}

async function enrol(person: Person): Promise<{ secret: string; recoveryCodes: string[] }> {
  const started = await person.client.request("/api/second-factor/enrol", { body: {} });
  expect(started.status).toBe(200);
  const { secret } = (await started.json()) as { secret: string };
  const confirmed = await person.client.request("/api/second-factor/confirm", {
    body: { code: await freshTotpCode(secret) },
  });
  expect(confirmed.status).toBe(200);
  const { recoveryCodes } = (await confirmed.json()) as { recoveryCodes: string[] };
  return { secret, recoveryCodes };
}

const actions = async (userId: string) =>
  (
    await db.db
      .selectFrom("audit_log")
      .select("action")
      .where("actor_user_id", "=", userId)
      .orderBy("occurred_at")
      .orderBy("id")
      .execute()
  ).map((row) => row.action);

describe("a tenant's second factor", () => {
  it("is optional: set up, then asked at every sign-in, recovery codes counted and renewed, and removable", async () => {
    const person = await newOwner(db, "tenant2fa");
    expect((await overview(person.client)).secondFactor).toEqual({
      enabled: false,
      confirmedAt: null,
      lastUsedAt: null,
      recoveryCodesLeft: null,
      required: false,
    });
    expect((await overview(person.client)).stepUp).toBe("password");

    const { secret, recoveryCodes } = await enrol(person);
    expect(recoveryCodes).toHaveLength(10);
    let state = await overview(person.client);
    expect(state.secondFactor).toMatchObject({ enabled: true, recoveryCodesLeft: 10, required: false });
    expect(state.stepUp).toBe("code");

    // Sign-in now takes the code too: the password alone opens nothing.
    const fresh = new AppClient();
    expect((await fresh.signInPasswordOnly(person.email, person.password)).status).toBe(200);
    expect(((await (await fresh.request("/api/me")).json()) as { profile: string }).profile).toBe(
      "second_factor_pending",
    );
    const home = await fresh.request("/");
    expect(home.status).toBe(307);
    expect(home.headers.get("location")).toMatch(/\/two-factor$/);
    expect(await errorCode(await fresh.request("/api/profile"))).toBe("second_factor_required");
    // A mailed link opened now waits behind the code, and is where the code leads.
    const link = await fresh.request("/confirm-email?token=abc");
    expect(link.status).toBe(307);
    const twoFactor = new URL(link.headers.get("location") ?? "", "http://x");
    expect(twoFactor.pathname).toBe("/two-factor");
    expect(twoFactor.searchParams.get("next")).toBe("/confirm-email?token=abc");
    expect((await fresh.request(`${twoFactor.pathname}${twoFactor.search}`)).status).toBe(200);
    expect(
      (await fresh.request("/api/second-factor/verify", { body: { code: recoveryCodes[0] } })).status,
    ).toBe(200);
    expect(((await (await fresh.request("/api/me")).json()) as { profile: string }).profile).toBe("owner");

    state = await overview(person.client);
    expect(state.secondFactor.recoveryCodesLeft).toBe(9);
    const page = await (await person.client.request("/settings")).text();
    expect(page).toContain("9 recovery codes left.");

    // A step-up is now a code, not the password.
    const byPassword = await person.client.request("/api/profile/email", {
      body: { newEmail: uniqueEmail("x"), password: person.password },
    });
    expect(byPassword.status).toBe(403);
    expect(await errorCode(byPassword)).toBe("code_required");

    const renewed = await person.client.request("/api/second-factor/recovery-codes", {
      body: { code: await freshTotpCode(secret) },
    });
    expect(renewed.status).toBe(200);
    expect((await overview(person.client)).secondFactor.recoveryCodesLeft).toBe(10);

    const wrong = await person.client.request("/api/second-factor/remove", { body: { code: "000000" } });
    expect(wrong.status).toBe(403);
    const removed = await person.client.request("/api/second-factor/remove", {
      body: { code: await freshTotpCode(secret) },
    });
    expect(removed.status).toBe(200);
    state = await overview(person.client);
    expect(state.secondFactor.enabled).toBe(false);
    expect(state.stepUp).toBe("password");
    const after = new AppClient();
    expect((await after.signInPasswordOnly(person.email, person.password)).status).toBe(200);
    expect(((await (await after.request("/api/me")).json()) as { profile: string }).profile).toBe("owner");
    expect(await actions(person.userId)).toEqual(
      expect.arrayContaining([
        "auth.second_factor_enrolled",
        "auth.recovery_codes_regenerated",
        "auth.second_factor_removed",
      ]),
    );
  });

  it("staff see theirs as required, can renew recovery codes, and can neither remove it nor delete themselves", async () => {
    const staff = await createStaffMember("admin");
    const { client } = staff;
    const state = await overview(client);
    expect(state.secondFactor).toMatchObject({ enabled: true, required: true, recoveryCodesLeft: 10 });
    expect(state.stepUp).toBe("code");
    const page = await renderedHtml(await client.request("/admin/settings"));
    expect(page).toContain("Required for platform staff");
    expect(page).toContain("a platform admin removes them");
    expect(page).not.toContain("Turn off two-step verification");
    const renewed = await client.request("/api/second-factor/recovery-codes", {
      body: { code: await freshTotpCode(staff.totpSecret) },
    });
    expect(renewed.status).toBe(200);
    expect(((await renewed.json()) as { recoveryCodes: string[] }).recoveryCodes).toHaveLength(10);
    // Both are refused before any code is looked at (so none is spent here).
    const removal = await client.request("/api/second-factor/remove", { body: { code: "000000" } });
    expect(removal.status).toBe(403);
    expect(((await removal.json()) as { error: { code: string } }).error.code).toBe("second_factor_required");
    expect((await overview(client)).secondFactor.enabled).toBe(true);
    const deleted = await client.request("/api/profile/delete", {
      body: { code: "000000", confirm: staff.email },
    });
    expect(deleted.status).toBe(403);
    expect((await client.request("/api/me")).status).toBe(200);
  });
});

describe("download my data", () => {
  it("holds everything Portico keeps about the person, no secret, and is on the record", async () => {
    const person = await newOwner(db, "export");
    const { secret, recoveryCodes } = await enrol(person);
    const laptop = await signInFrom(person.email, person.password, agents.firefoxLinux);
    expect((await laptop.giveSecondFactor(secret)).status).toBe(200);
    const invitee = uniqueEmail("invitee");
    const since = Date.now() - 1000;
    expect(
      (await person.client.request("/api/team/invitations", { body: { email: invitee, role: "viewer" } }))
        .status,
    ).toBe(201);
    const invitationMail = await waitForMail(invitee, { since, match: hasLinkTo("/invite") });

    const response = await person.client.request("/api/profile/export");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="portico-my-data-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const text = await response.text();
    const data = JSON.parse(text) as {
      profile: { id: string; email: string; name: string };
      memberships: { business: string; role: string }[];
      settings: { theme: string; paymentMails: boolean };
      sessions: { thisDevice: boolean; browser: string }[];
      secondFactor: { enabled: boolean; recoveryCodesLeft: number };
      auditLog: { action: string }[];
      invitationsSent: { email: string; role: string }[];
      signIn: { method: string }[];
    };
    expect(data.profile).toMatchObject({ id: person.userId, email: person.email, name: person.name });
    expect(data.memberships).toEqual([expect.objectContaining({ business: "export Works", role: "owner" })]);
    expect(data.settings).toMatchObject({ theme: "system", paymentMails: true });
    expect(data.sessions).toHaveLength(2);
    expect(data.sessions.filter((s) => s.thisDevice)).toHaveLength(1);
    expect(data.sessions.map((s) => s.browser)).toContain("firefox");
    expect(data.secondFactor).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    expect(data.signIn).toEqual([expect.objectContaining({ method: "password" })]);
    expect(data.invitationsSent).toEqual([expect.objectContaining({ email: invitee, role: "viewer" })]);
    expect(data.auditLog.map((a) => a.action)).toEqual(
      expect.arrayContaining(["auth.second_factor_enrolled", "team.invited"]),
    );

    // No secret: not the password or its hash, a session token, the TOTP secret (plain or stored), a recovery
    // code, or a link's token.
    const hash = await db.db
      .selectFrom("account")
      .select("password")
      .where("userId", "=", person.userId)
      .executeTakeFirstOrThrow();
    const sessions = await db.db
      .selectFrom("session")
      .select("token")
      .where("userId", "=", person.userId)
      .execute();
    const factor = await db.db
      .selectFrom("second_factors")
      .select("secret")
      .where("user_id", "=", person.userId)
      .executeTakeFirstOrThrow();
    const secrets = [
      person.password,
      String(hash.password),
      ...sessions.map((s) => s.token),
      secret,
      factor.secret,
      ...recoveryCodes,
      tokenFrom(invitationMail, "/invite"),
    ];
    for (const value of secrets) expect(text).not.toContain(value);
    expect(text).not.toMatch(/"(token|secret|password|recoveryCodes)"\s*:/i);

    expect(await actions(person.userId)).toContain("user.data_exported");
  });
});

describe("leaving a business and deleting the account", () => {
  it("lets a member leave, but never a business's last owner", async () => {
    const owner = await newOwner(db, "leaveowner");
    const member = await newOwner(db, "leaver");
    await addMember(db, owner, member, "viewer");
    // The member acts for the owner's business (their own is their default).
    member.client.cookies.set("portico_tenant", owner.tenantId);
    const team = await (await member.client.request("/team")).text();
    expect(team).toContain("Leave leaveowner Works");

    expect((await member.client.request("/api/team/leave", { body: {} })).status).toBe(400);
    const left = await member.client.request("/api/team/leave", { body: { confirm: true } });
    expect(left.status).toBe(200);
    expect(await left.json()).toEqual({ ok: true, redirectTo: "/" });
    const rows = await db.db
      .selectFrom("memberships")
      .select("id")
      .where("user_id", "=", member.userId)
      .where("tenant_id", "=", owner.tenantId)
      .execute();
    expect(rows).toEqual([]);
    const record = await db.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "team.member_left")
      .where("actor_user_id", "=", member.userId)
      .executeTakeFirstOrThrow();
    expect(record.tenant_id).toBe(owner.tenantId);

    const last = await owner.client.request("/api/team/leave", { body: { confirm: true } });
    expect(last.status).toBe(409);
    expect(await errorCode(last)).toBe("last_owner");
    expect(await (await owner.client.request("/team")).text()).toContain("You are the only owner");
  });

  it("refuses an only owner, deletes the account once the business has another owner, and keeps the record", async () => {
    const owner = await newOwner(db, "deleter");
    const partner = await newOwner(db, "partner");

    const mismatch = await owner.client.request("/api/profile/delete", {
      body: { password: owner.password, confirm: "someone@example.test" },
    });
    expect(mismatch.status).toBe(400);
    expect(await errorCode(mismatch)).toBe("confirmation_mismatch");
    const noProof = await owner.client.request("/api/profile/delete", { body: { confirm: owner.email } });
    expect(noProof.status).toBe(403);
    const onlyOwner = await owner.client.request("/api/profile/delete", {
      body: { password: owner.password, confirm: owner.email },
    });
    expect(onlyOwner.status).toBe(409);
    const refusal = (await onlyOwner.json()) as { error: { code: string; message: string } };
    expect(refusal.error.code).toBe("only_owner");
    expect(refusal.error.message).toContain("deleter Works");
    expect((await overview(owner.client)).soleOwnerOf).toEqual([
      expect.objectContaining({ name: "deleter Works" }),
    ]);
    expect(await (await owner.client.request("/settings")).text()).toContain(
      "You are the only owner of deleter Works",
    );

    // Hand it over: the partner joins and is made owner ("make owner" on the Team page).
    const membership = await addMember(db, owner, partner, "staff");
    const promoted = await owner.client.request(`/api/team/members/${membership}`, {
      method: "PATCH",
      body: { role: "owner" },
    });
    expect(promoted.status).toBe(200);
    expect((await overview(owner.client)).soleOwnerOf).toEqual([]);

    const laptop = await signInFrom(owner.email, owner.password, agents.chromeWindows);
    const recordsBefore = await db.db
      .selectFrom("audit_log")
      .select("id")
      .where("actor_user_id", "=", owner.userId)
      .execute();
    const since = Date.now() - 1000;
    const deleted = await owner.client.request("/api/profile/delete", {
      body: { password: owner.password, confirm: ` ${owner.email.toUpperCase()} ` },
    });
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ ok: true, redirectTo: "/login?deleted=1" });
    expect(deleted.headers.getSetCookie().some((c) => /session_token=;.*Max-Age=0/i.test(c))).toBe(true);

    // Gone: no session works, no sign-in, nothing of theirs is left but the record.
    expect((await owner.client.request("/api/me")).status).toBe(401);
    expect((await laptop.request("/api/me")).status).toBe(401);
    expect((await new AppClient().signIn(owner.email, owner.password)).status).toBe(401);
    for (const [table, column] of [
      ["user", "id"],
      ["account", "userId"],
      ["session", "userId"],
      ["memberships", "user_id"],
      ["user_settings", "user_id"],
      ["second_factors", "user_id"],
      ["one_time_tokens", "subject"],
    ] as const) {
      const left = await db.db
        .selectFrom(table)
        .select(db.db.fn.countAll<number>().as("n"))
        .where(column, "=", owner.userId)
        .executeTakeFirstOrThrow();
      expect(Number(left.n), table).toBe(0);
    }
    expect(
      await db.db
        .selectFrom("deleted_users")
        .select("user_id")
        .where("user_id", "=", owner.userId)
        .executeTakeFirst(),
    ).toEqual({ user_id: owner.userId });
    // The business stays, with its other owner.
    const owners = await db.db
      .selectFrom("memberships")
      .select("user_id")
      .where("tenant_id", "=", owner.tenantId)
      .where("role", "=", "owner")
      .execute();
    expect(owners).toEqual([{ user_id: partner.userId }]);

    const goodbye = await waitForMail(owner.email, {
      since,
      match: (m) => /account is deleted/.test(m.subject),
    });
    expect(goodbye.text).toContain("deleted");

    // The audit log keeps every row (the actor's id too), and the console shows a deleted user.
    const recordsAfter = await db.db
      .selectFrom("audit_log")
      .select("action")
      .where("actor_user_id", "=", owner.userId)
      .execute();
    expect(recordsAfter.length).toBe(recordsBefore.length + 2);
    expect(recordsAfter.map((r) => r.action)).toEqual(
      expect.arrayContaining(["user.deleted", "team.member_left"]),
    );
    const admin = await signInAs("admin");
    const page = await (await admin.request(`/admin/audit?staff=${owner.userId}`)).text();
    expect(page).toContain(`Deleted user (${owner.userId})`);
    expect(page).not.toContain(owner.email);
    const csv = await (await admin.request(`/api/admin/audit/export?staff=${owner.userId}`)).text();
    const rows = csv.trim().split("\r\n").slice(1);
    expect(rows.length).toBe(recordsAfter.length);
    for (const row of rows) expect(row.split(",")[2]).toBe(`deleted user ${owner.userId}`);
  });

  it("sends someone left with no business to their own account page, where they can still delete it", async () => {
    const person = await newOwner(db, "nobiz");
    const helper = await newOwner(db, "helper");
    await addMember(db, person, helper, "owner");
    const left = await person.client.request("/api/team/leave", { body: { confirm: true } });
    expect(left.status).toBe(200);
    expect(await left.json()).toEqual({ ok: true, redirectTo: "/profile" });

    const home = await person.client.request("/");
    expect(home.status).toBe(307);
    expect(home.headers.get("location")).toMatch(/\/profile$/);
    const page = await person.client.request("/profile");
    expect(page.status).toBe(200);
    const text = await renderedHtml(page);
    expect(text).toContain("You are not a member of any business");
    expect(text).not.toContain("Payment mails");
    expect(((await (await person.client.request("/api/me")).json()) as { profile: string }).profile).toBe(
      "user",
    );

    const deleted = await person.client.request("/api/profile/delete", {
      body: { password: person.password, confirm: person.email },
    });
    expect(deleted.status).toBe(200);
    expect((await new AppClient().signIn(person.email, person.password)).status).toBe(401);
  });
});
