import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DbHandle } from "@/lib/db/connection";
import { authBool } from "@/lib/db/values";
import { AppClient } from "../../support/app-client";
import { createStaffMember, signInAs } from "../../support/actors";
import { exampleEmail, runScript } from "../../support/existing-accounts";
import { hasLinkTo, tokenFrom, waitForMail } from "../../support/mailbox";
import { staffWithPasskey, type StaffWithPasskey } from "../../support/step-up";
import { openTestDatabase } from "../../support/test-db";
import { freshTotpCode, withTotpCode } from "../../support/totp-codes";

/**
 * Platform staff: the first admin from `npm run staff:create` (a set-password link that works once), the console's
 * staff page (invite, resend, role, disable, remove, reset the second factor — each with a reason, audited), and the
 * rules that keep the platform an admin: nobody changes their own access, and the last active admin stays one even
 * when two admins act on each other at the same moment. Every change takes a fresh step-up (its refusals are in
 * step-up.test.ts): this file's admin confirms with a passkey, as many times as it needs; the racing admins with a
 * code each.
 */

const REASON = "Access review SEC-118: role adjusted";
const PASSWORD = "staff-first-password-1";
let db: DbHandle;
let admin: StaffWithPasskey;

const codeOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string } }).error.code;

const staffCreate = (args: string[], env: Record<string, string | undefined> = {}) =>
  runScript("scripts/staff-create.ts", args, env);

/** Follows a set-password link as the person would: the page, their password, then their second factor. */
async function acceptLink(url: string, email: string): Promise<AppClient> {
  const link = new URL(url);
  const client = new AppClient();
  const page = await client.request(`${link.pathname}${link.search}`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain(email);
  const set = await client.request("/api/password/set", {
    body: { token: link.searchParams.get("token"), password: PASSWORD },
  });
  expect(set.status).toBe(200);
  expect(await set.json()).toMatchObject({ signedIn: true, redirectTo: "/two-factor" });
  // Staff owe their second factor before anything else.
  const waiting = await client.request("/admin");
  expect(waiting.status).toBe(307);
  expect(waiting.headers.get("location")).toMatch(/\/two-factor$/);
  const enrol = await client.request("/api/second-factor/enrol", { body: {} });
  expect(enrol.status).toBe(200);
  const { secret } = (await enrol.json()) as { secret: string };
  expect(
    (await client.request("/api/second-factor/confirm", { body: { code: await freshTotpCode(secret) } }))
      .status,
  ).toBe(200);
  AppClient.totpSecrets.set(email, secret);
  return client;
}

async function userByEmail(email: string) {
  return db.db
    .selectFrom("user")
    .leftJoin("account", (join) =>
      join.onRef("account.userId", "=", "user.id").on("account.providerId", "=", "credential"),
    )
    .select(["user.id", "user.role", "user.banned", "account.id as credentialId"])
    .where("user.email", "=", email)
    .executeTakeFirst();
}

async function latestAudit(action: string, userId: string) {
  const rows = await db.db
    .selectFrom("audit_log")
    .select(["reason", "details", "actor_email"])
    .where("action", "=", action)
    .orderBy("occurred_at", "desc")
    .limit(20)
    .execute();
  return rows.find((row) => (JSON.parse(row.details ?? "{}") as { userId?: string }).userId === userId);
}

/** `admin` does something that takes a step-up, confirmed with their passkey. */
async function asAdmin(url: string, body: Record<string, unknown> = {}, method = "POST"): Promise<Response> {
  return admin.client.request(url, { method, body: { ...body, ...(await admin.proof()) } });
}

beforeAll(async () => {
  db = openTestDatabase();
  admin = await staffWithPasskey("admin");
}, 120_000);

afterAll(async () => {
  await db.close();
});

describe("npm run staff:create", () => {
  it("prints a set-password link that works once; the new admin sets a password and a second factor and opens the console", async () => {
    const email = exampleEmail("first-admin");
    const made = await staffCreate(["--email", email, "--role", "admin", "--name", "Nia First"]);
    expect(made.stderr).toBe("");
    expect(made.code).toBe(0);
    const lines = made.stdout.trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(`Created platform admin ${email} (Nia First), without a password.`);
    const url = lines[2] ?? "";
    expect(url).toMatch(/^http:\/\/localhost:\d+\/set-password\?token=/);
    const user = await userByEmail(email);
    expect(user).toMatchObject({ role: "admin", credentialId: null });

    const client = await acceptLink(url, email);
    expect((await client.request("/admin")).status).toBe(200);
    expect((await client.request("/admin/staff")).status).toBe(200);
    // Once only.
    const again = await new AppClient().request("/api/password/set", {
      body: { token: new URL(url).searchParams.get("token"), password: "another-password-2" },
    });
    expect(again.status).toBe(400);
    expect(await codeOf(again)).toBe("token_used");
    expect((await new AppClient().request(`${new URL(url).pathname}${new URL(url).search}`)).status).toBe(
      200,
    );

    // Someone who is already staff is refused — unless --reset, which starts their account over.
    const twice = await staffCreate(["--email", email, "--role", "admin"]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain("already platform staff");
    expect(twice.stderr).toContain("--reset");
    const reset = await staffCreate(["--email", email, "--role", "admin", "--reset"]);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain("Started over");
    expect((await client.request("/admin")).status).not.toBe(200);
    expect(await userByEmail(email)).toMatchObject({ credentialId: null });
    const audit = await db.db
      .selectFrom("audit_log")
      .select(["details", "actor_email"])
      .where("action", "=", "staff.invited")
      .orderBy("occurred_at", "desc")
      .limit(10)
      .execute();
    expect(audit.some((row) => (JSON.parse(row.details ?? "{}") as { email?: string }).email === email)).toBe(
      true,
    );
  });

  it("refuses bad input with a clear message", async () => {
    const badEmail = await staffCreate(["--email", "not-an-email", "--role", "admin"]);
    expect(badEmail.code).toBe(2);
    expect(badEmail.stderr).toContain('"not-an-email" is not a valid email address.');
    const badRole = await staffCreate(["--email", exampleEmail("x"), "--role", "owner"]);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('"owner" is not a platform role');
    const noRole = await staffCreate(["--email", exampleEmail("x")]);
    expect(noRole.code).toBe(2);
    // A member of a business does not double as staff.
    const member = await staffCreate(["--email", "owner@acme.test", "--role", "support"]);
    expect(member.code).toBe(1);
    expect(member.stderr).toContain("member of a business");
  });

  it("works on a fresh production database, and refuses the sandbox's demo addresses there", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "portico-prod-"));
    const file = path.join(dir, "portico.db");
    const production = {
      NODE_ENV: "production",
      APP_URL: "https://dashboard.example.com",
      DATABASE_URL: `file:${file}`,
      PORTICO_DATA_DIR: dir,
      BETTER_AUTH_SECRET: "x".repeat(16) + "production-secret-0123456789",
      // Put together at run time, so the repository's secret scan has no key-shaped literal to flag.
      STRIPE_SECRET_KEY: ["sk", "live", "example"].join("_"),
      STRIPE_PUBLISHABLE_KEY: ["pk", "live", "example"].join("_"),
      STRIPE_WEBHOOK_SECRET: ["whsec", "example"].join("_"),
      SMTP_URL: "smtp://127.0.0.1:2525",
      MAIL_FROM: "Portico <no-reply@example.com>",
      EMULATOR_URL: undefined,
    };
    try {
      const made = await staffCreate(["--email", "ops@example.com", "--role", "admin"], production);
      expect(made.stderr).toBe("");
      expect(made.code).toBe(0);
      expect(made.stdout).toContain("Created platform admin ops@example.com (ops), without a password.");
      expect(made.stdout).toMatch(/^https:\/\/dashboard\.example\.com\/set-password\?token=/m);
      const handle = openDatabase({ kind: "sqlite", path: file });
      try {
        const user = await handle.db
          .selectFrom("user")
          .select(["role", "emailVerified"])
          .where("email", "=", "ops@example.com")
          .executeTakeFirstOrThrow();
        expect(user.role).toBe("admin");
        const credentials = await handle.db.selectFrom("account").select("id").execute();
        expect(credentials).toHaveLength(0);
      } finally {
        await handle.close();
      }
      const demo = await staffCreate(["--email", "admin@portico.test", "--role", "admin"], production);
      expect(demo.code).toBe(1);
      expect(demo.stderr).toContain("sandbox demo domain");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("the console's staff page", () => {
  it("is the admins' only: support and tenants find nothing, and only admins see it in the navigation", async () => {
    const support = await signInAs("support");
    expect((await support.request("/admin/staff")).status).toBe(404);
    expect((await support.request("/api/admin/staff", { body: {} })).status).toBe(404);
    expect(await (await support.request("/admin")).text()).not.toContain('href="/admin/staff"');
    const owner = await signInAs("owner");
    expect((await owner.request("/admin/staff")).status).toBe(404);
    expect((await owner.request("/api/admin/staff", { body: {} })).status).toBe(404);
    expect(await (await admin.client.request("/admin")).text()).toContain('href="/admin/staff"');
  });

  it("invites support by mail; resend replaces the link; the invitee joins; every step is audited", async () => {
    const email = exampleEmail("new-support");
    const since = Date.now() - 1000;
    const noReason = await asAdmin("/api/admin/staff", {
      email,
      name: "Sol Support",
      role: "support",
      reason: "x",
    });
    expect(noReason.status).toBe(400);
    const invited = await asAdmin("/api/admin/staff", {
      email,
      name: "Sol Support",
      role: "support",
      reason: REASON,
    });
    expect(invited.status).toBe(201);
    const first = await waitForMail(email, { since, match: hasLinkTo("/set-password") });
    expect(first.subject).toContain("Set your password");
    const userId = (await userByEmail(email))?.id ?? "";
    expect((await latestAudit("staff.invited", userId))?.reason).toBe(REASON);
    // Inviting the same person twice is refused.
    const twice = await asAdmin("/api/admin/staff", {
      email,
      name: "Sol Support",
      role: "support",
      reason: REASON,
    });
    expect(twice.status).toBe(409);

    const page = await admin.client.request("/admin/staff");
    const html = await page.text();
    expect(html).toContain(email);
    expect(html).toContain("Invited");

    const resent = await asAdmin(`/api/admin/staff/${userId}/resend`);
    expect(resent.status).toBe(200);
    const second = await waitForMail(email, {
      since,
      match: (m) => hasLinkTo("/set-password")(m) && m.id !== first.id,
    });
    const old = await new AppClient().request("/api/password/set", {
      body: { token: tokenFrom(first, "/set-password"), password: PASSWORD },
    });
    expect(old.status).toBe(400);
    const link = second.links.find((l) => l.includes("/set-password")) ?? "";
    const client = await acceptLink(link, email);
    expect((await client.request("/admin")).status).toBe(200);
    expect((await client.request("/admin/staff")).status).toBe(404);
    expect(await latestAudit("staff.invite_resent", userId)).toBeDefined();
    // Joined: nothing to resend any more.
    expect((await asAdmin(`/api/admin/staff/${userId}/resend`)).status).toBe(409);
  });

  it("changes roles, disables, resets the second factor and removes — with reasons, on the record, never to oneself", async () => {
    const member = await createStaffMember("support");
    const memberClient = member.client;
    const target = `/api/admin/staff/${member.userId}`;

    expect((await asAdmin(target, { role: "admin" }, "PATCH")).status).toBe(400);
    const promoted = await asAdmin(target, { role: "admin", reason: REASON }, "PATCH");
    expect(promoted.status).toBe(200);
    expect((await memberClient.request("/admin/staff")).status).toBe(200);
    expect((await latestAudit("staff.role_changed", member.userId))?.reason).toBe(REASON);
    const demoted = await asAdmin(target, { role: "support", reason: REASON }, "PATCH");
    expect(demoted.status).toBe(200);
    expect((await memberClient.request("/admin/staff")).status).toBe(404);

    // Nobody changes their own access.
    for (const [url, body, method] of [
      [`/api/admin/staff/${admin.userId}`, { role: "support", reason: REASON }, "PATCH"],
      [`/api/admin/staff/${admin.userId}/remove`, { reason: REASON, confirm: true }, "POST"],
      [`/api/admin/staff/${admin.userId}/second-factor/reset`, { reason: REASON, confirm: true }, "POST"],
      [`/api/admin/users/${admin.userId}/status`, { disabled: true, reason: REASON, confirm: true }, "POST"],
    ] as const) {
      const refused = await asAdmin(url, body, method);
      expect(refused.status, url).toBe(409);
      expect(await codeOf(refused), url).toBe("self");
    }

    // Reset the second factor: signed out, and the next sign-in enrols a new one.
    const unconfirmed = await asAdmin(`${target}/second-factor/reset`, { reason: REASON });
    expect(unconfirmed.status).toBe(400);
    const reset = await asAdmin(`${target}/second-factor/reset`, { reason: REASON, confirm: true });
    expect(reset.status).toBe(200);
    expect((await memberClient.request("/api/me")).status).toBe(401);
    const again = new AppClient();
    expect((await again.signInPasswordOnly(member.email, member.password)).status).toBe(200);
    const pending = await again.request("/api/me");
    expect(((await pending.json()) as { profile: string }).profile).toBe("second_factor_pending");
    expect((await again.request("/api/second-factor/enrol", { body: {} })).status).toBe(200);
    expect(await latestAudit("staff.second_factor_reset", member.userId)).toBeDefined();

    // Disable (through the console's user status route) and re-enable.
    const disabled = await asAdmin(`/api/admin/users/${member.userId}/status`, {
      disabled: true,
      reason: REASON,
      confirm: true,
    });
    expect(disabled.status).toBe(200);
    expect((await again.request("/api/me")).status).toBe(401);
    expect((await new AppClient().signInPasswordOnly(member.email, member.password)).status).toBe(403);
    expect(
      (
        await asAdmin(`/api/admin/users/${member.userId}/status`, {
          disabled: false,
          reason: REASON,
          confirm: true,
        })
      ).status,
    ).toBe(200);

    // Remove: the role and every way in end; the row stays for the record; the address can be invited again.
    const unconfirmedRemove = await asAdmin(`${target}/remove`, { reason: REASON });
    expect(unconfirmedRemove.status).toBe(400);
    const signedIn = new AppClient();
    expect((await signedIn.signInPasswordOnly(member.email, member.password)).status).toBe(200);
    const removed = await asAdmin(`${target}/remove`, { reason: REASON, confirm: true });
    expect(removed.status).toBe(200);
    expect((await signedIn.request("/api/me")).status).toBe(401);
    expect((await new AppClient().signInPasswordOnly(member.email, member.password)).status).toBe(401);
    expect(await userByEmail(member.email)).toMatchObject({ role: "user", credentialId: null });
    expect((await latestAudit("staff.removed", member.userId))?.reason).toBe(REASON);
    expect((await asAdmin(`${target}/remove`, { reason: REASON, confirm: true })).status).toBe(404);
    const back = await asAdmin("/api/admin/staff", {
      email: member.email,
      name: "Back Again",
      role: "support",
      reason: REASON,
    });
    expect(back.status).toBe(201);
    expect((await userByEmail(member.email))?.id).toBe(member.userId);
  });
});

describe("the platform keeps an admin", () => {
  type Admin = Awaited<ReturnType<typeof createStaffMember>>;

  /**
   * Every other admin is made support for the test (and restored after): two admins are the only ones. They are new,
   * with a code or two to step up with at once.
   */
  async function onlyAdmins<T>(run: (a: Admin, b: Admin) => Promise<T>): Promise<T> {
    const a = await createStaffMember("admin");
    const b = await createStaffMember("admin");
    const others = await db.db
      .selectFrom("user")
      .select("id")
      .where("role", "like", "%admin%")
      .where("id", "not in", [a.userId, b.userId])
      .execute();
    const ids = others.map((row) => row.id);
    if (ids.length > 0)
      await db.db.updateTable("user").set({ role: "support" }).where("id", "in", ids).execute();
    try {
      return await run(a, b);
    } finally {
      if (ids.length > 0)
        await db.db.updateTable("user").set({ role: "admin" }).where("id", "in", ids).execute();
    }
  }

  async function activeAdmins(ids: string[]): Promise<number> {
    const rows = await db.db
      .selectFrom("user")
      .innerJoin("account", "account.userId", "user.id")
      .select(["user.id", "user.banned"])
      .where("user.id", "in", ids)
      .where("user.role", "=", "admin")
      .where("account.providerId", "=", "credential")
      .execute();
    return rows.filter((row) => !row.banned).length;
  }

  it("two admins demoting, disabling or removing each other at once: exactly one succeeds", async () => {
    await onlyAdmins(async (a, b) => {
      const both = () => [a.userId, b.userId];
      const race = async (make: (actor: Admin, other: Admin, code: string) => Promise<Response>) => {
        // Each with a fresh code of their own, taken before either request leaves.
        const [codeA, codeB] = await Promise.all([freshTotpCode(a.totpSecret), freshTotpCode(b.totpSecret)]);
        const [first, second] = await Promise.all([make(a, b, codeA), make(b, a, codeB)]);
        const statuses = [first.status, second.status].sort();
        // The loser is refused as the last admin — or, had the winner's change landed before its request was
        // authorized, finds the staff page gone (demoted) or its session ended (disabled).
        expect(statuses.filter((status) => status === 200)).toHaveLength(1);
        expect([401, 404, 409]).toContain(statuses.find((status) => status !== 200));
        expect(await activeAdmins(both())).toBe(1);
      };
      const restore = async () => {
        await db.db
          .updateTable("user")
          .set({ role: "admin", banned: authBool(db.dialect, false) })
          .where("id", "in", both())
          .execute();
      };

      await race((actor, other, code) =>
        actor.client.request(`/api/admin/staff/${other.userId}`, {
          method: "PATCH",
          body: { role: "support", reason: REASON, code },
        }),
      );
      // The one left cannot be demoted by anyone: the only admin who could is themselves.
      await restore();
      await race((actor, other, code) =>
        actor.client.request(`/api/admin/users/${other.userId}/status`, {
          body: { disabled: true, reason: REASON, confirm: true, code },
        }),
      );
    });
  }, 120_000);

  it("the last admin cannot be taken away from the command line either", async () => {
    await onlyAdmins(async (a, b) => {
      // One of the two is demoted (not the last); then the other is the last active admin.
      expect(
        (
          await withTotpCode(a.totpSecret, (code) =>
            a.client.request(`/api/admin/staff/${b.userId}`, {
              method: "PATCH",
              body: { role: "support", reason: REASON, code },
            }),
          )
        ).status,
      ).toBe(200);
      const demote = await staffCreate(["--email", a.email, "--role", "support", "--reset"]);
      expect(demote.code).toBe(1);
      expect(demote.stderr).toContain("last active admin");
      // The disable route refuses it too, whoever asks (here support, who cannot ask at all).
      const removeSelf = await withTotpCode(a.totpSecret, (code) =>
        a.client.request(`/api/admin/staff/${a.userId}/remove`, {
          body: { reason: REASON, confirm: true, code },
        }),
      );
      expect(removeSelf.status).toBe(409);
      await db.db.updateTable("user").set({ role: "admin" }).where("id", "=", b.userId).execute();
    });
  }, 120_000);
});
