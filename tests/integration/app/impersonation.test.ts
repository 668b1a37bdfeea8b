import { afterAll, beforeAll, describe, expect, it } from "vitest";
import platformConfig from "@/portico.config";
import { parsePlatformConfig } from "@/lib/config/platform-config";
import { managementFeatures, planComponents } from "@/lib/access/account-session-plan";
import type { DbHandle } from "@/lib/db/connection";
import { AppClient } from "../../support/app-client";
import { createStaffMember, signInWithRecoveryCode, withStepUp } from "../../support/actors";
import { accountSessionRequests, normalizeParams } from "../../support/emulator-client";
import { openTestDatabase } from "../../support/test-db";

const config = parsePlatformConfig(platformConfig);
const reason = "Ticket 4821: customer cannot see payouts";
let db: DbHandle;
let acmeAccount: string;

/** Whose authenticator each signed-in client's step-up codes come from. */
const emailOf = new WeakMap<AppClient, string>();

async function staff(email: "support@portico.test" | "admin@portico.test"): Promise<AppClient> {
  const client = new AppClient();
  expect((await client.signIn(email)).status).toBe(200);
  emailOf.set(client, email);
  return client;
}

const FRESH_PASSWORD = "fresh-staff-password-1";

/** A staff member of the test's own, signed in, so a lockout it triggers touches no other test. */
async function freshStaff(role: "admin" | "support") {
  const staff = await createStaffMember(role, FRESH_PASSWORD);
  emailOf.set(staff.client, staff.email);
  return staff;
}

/**
 * A request that needs the client's step-up code: a fresh code (again if already used) unless the body names its
 * own — a test of a wrong or missing code spends none.
 */
async function withCode(
  client: AppClient,
  body: Record<string, unknown>,
  send: (body: Record<string, unknown>) => Promise<Response>,
): Promise<Response> {
  if ("code" in body) return send(body);
  return withStepUp(emailOf.get(client) ?? "admin@portico.test", (code) => send({ code, ...body }));
}

async function start(client: AppClient, body: Record<string, unknown> = {}): Promise<Response> {
  return withCode(client, body, (withCodeBody) =>
    client.request("/api/admin/impersonation", {
      body: { accountId: acmeAccount, reason, confirm: true, ...withCodeBody },
    }),
  );
}

async function auditFor(impersonationId: string) {
  return db.db
    .selectFrom("audit_log")
    .selectAll()
    .where("impersonation_id", "=", impersonationId)
    .orderBy("occurred_at", "asc")
    .orderBy("id", "asc")
    .execute();
}

beforeAll(async () => {
  db = openTestDatabase();
  const tenant = await db.db
    .selectFrom("tenants")
    .select("stripe_account_id")
    .where("slug", "=", "acme-bikes")
    .executeTakeFirstOrThrow();
  acmeAccount = String(tenant.stripe_account_id);
});

afterAll(async () => {
  await db.close();
});

describe("impersonation (view as this account)", () => {
  it("is not there for anonymous visitors and tenant users", async () => {
    expect(
      (
        await new AppClient().request("/api/admin/impersonation", {
          body: { accountId: "acct_x", reason, confirm: true },
        })
      ).status,
    ).toBe(404);
    const owner = new AppClient();
    await owner.signIn("owner@acme.test");
    expect((await start(owner)).status).toBe(404);
  });

  it("needs a reason that says something, an explicit confirmation and a linked account", async () => {
    const { client: support } = await freshStaff("support");
    expect((await start(support, { reason: "too short", code: "000000" })).status).toBe(400);
    // Ten zero-width spaces, padding and punctuation are not reasons.
    for (const empty of [
      "\u200b".repeat(10),
      "a\u200bb\u200bc\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b",
      " ".repeat(12),
      "..........",
      "ab\t\t\t\t\t\t\t\t\t\t",
    ]) {
      const refused = await start(support, { reason: empty, code: "000000" });
      expect(refused.status, JSON.stringify(empty)).toBe(400);
      expect((await refused.json()).error.fields.reason).toBeTruthy();
    }
    expect((await start(support, { confirm: false, code: "000000" })).status).toBe(400);
    const unknown = await start(support, { accountId: "acct_doesnotexist1" });
    expect(unknown.status).toBe(409);
    expect((await unknown.json()).error.code).toBe("no_tenant");
  });

  it("needs a current code from the staff member's authenticator (step-up), never the password; wrong ones lock it", async () => {
    const { client, userId, email, password, totpSecret } = await freshStaff("support");
    const startedRows = () =>
      db.db
        .selectFrom("impersonations")
        .select("id")
        .where("staff_user_id", "=", userId)
        .execute()
        .then((rows) => rows.length);

    const missing = await client.request("/api/admin/impersonation", {
      body: { accountId: acmeAccount, reason, confirm: true },
    });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.message).toMatch(/code/i);
    // The password is no step-up for staff: not even accepted as a field.
    const byPassword = await client.request("/api/admin/impersonation", {
      body: { accountId: acmeAccount, reason, confirm: true, password },
    });
    expect(byPassword.status).toBe(400);
    for (let i = 0; i < 5; i++) {
      const wrong = await start(client, { code: String(100000 + i) });
      expect(wrong.status).toBe(403);
      expect((await wrong.json()).error.code).toBe("wrong_code");
    }
    // Locked now: even the right code is refused, here and at sign-in's second step (the same secret).
    const locked = await start(client);
    expect(locked.status).toBe(429);
    expect(locked.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await locked.json()).error.code).toBe("second_factor_locked");
    const again = new AppClient();
    expect((await again.signInPasswordOnly(email, password)).status).toBe(200);
    expect((await again.giveSecondFactor(totpSecret)).status).toBe(429);
    expect(await startedRows()).toBe(0);
    // Each wrong code is on the record (and nothing else: no view started).
    const audited = await db.db
      .selectFrom("audit_log")
      .select(["action", "ip"])
      .where("actor_user_id", "=", userId)
      .where("action", "=", "auth.step_up_failed")
      .execute();
    expect(audited).toHaveLength(5);
    expect(audited.every((a) => a.ip === client.ip)).toBe(true);
  });

  it("starts with the right code; a success does not wipe the wrong ones before it", async () => {
    const { client: admin } = await freshStaff("admin");
    const wrongTimes = async (n: number) => {
      for (let i = 0; i < n; i++) expect((await start(admin, { code: String(200000 + i) })).status).toBe(403);
    };
    await wrongTimes(4);
    expect((await start(admin)).status).toBe(201);
    expect((await admin.request("/api/admin/impersonation/stop", { body: {} })).status).toBeLessThan(300);
    // The success gave back only its own attempt: one more wrong one spends the budget of 5.
    await wrongTimes(1);
    const locked = await start(admin);
    expect(locked.status).toBe(429);
    expect((await locked.json()).error.code).toBe("second_factor_locked");
  });

  // Two fresh authenticator codes (sign-in, then the step-up): each works once, a new one comes every 30 s.
  it(
    "gives support a read-only view of the tenant, audits it, and refuses every change",
    { timeout: 120_000 },
    async () => {
      const support = await staff("support@portico.test");
      const started = await start(support);
      expect(started.status).toBe(201);
      const { impersonation } = await started.json();

      const me = await (await support.request("/api/me")).json();
      expect(me.profile).toBe("support_viewing");
      expect(me.impersonation).toMatchObject({
        accountId: acmeAccount,
        tenant: { slug: "acme-bikes" },
        profile: "support",
        reason,
      });

      const before = (await accountSessionRequests()).length;
      expect((await support.request("/api/account-session", { body: {} })).status).toBe(200);
      const sent = (await accountSessionRequests()).slice(before);
      expect(sent).toHaveLength(1);
      expect(sent[0]?.params.account).toBe(acmeAccount);
      const components = normalizeParams(sent[0]?.params.components) as Record<
        string,
        { features?: Record<string, boolean> }
      >;
      expect(components).toEqual(
        planComponents(
          "support_viewing",
          {
            requirementCollection: config.connectedAccounts.controller.requirementCollection,
            capabilities: {},
          },
          config.embeddedComponents,
        ),
      );
      // No component without a read-only mode, and nothing sensitive in support's view.
      for (const key of [
        "account_management",
        "account_onboarding",
        "notification_banner",
        "tax_settings",
        "tax_registrations",
        "documents",
        "balance_report",
      ]) {
        expect(components[key], key).toBeUndefined();
      }
      for (const component of Object.values(components)) {
        for (const feature of managementFeatures) expect(component.features?.[feature] ?? false).toBe(false);
        expect(component.features?.disable_stripe_user_authentication ?? false).toBe(false);
      }

      // Read-only: no team, settings, test data or credentials; no console; no nested impersonation.
      expect(
        (await support.request("/api/team/invitations", { body: { email: "x@example.test", role: "staff" } }))
          .status,
      ).toBe(403);
      expect(
        (
          await support.request("/api/settings", {
            method: "PUT",
            body: { theme: "dark", brandColor: null, overlay: "dialog", locale: null },
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await support.request("/api/test-data", {
            body: { kind: "customer", operationId: crypto.randomUUID() },
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await support.request("/api/profile/password", {
            body: { currentPassword: "portico-demo", newPassword: "another-password" },
          })
        ).status,
      ).toBe(403);
      expect((await start(support)).status).toBe(403);
      expect((await support.request("/admin")).status).toBe(403);
      // Support can never take the owner's view.
      expect(
        (
          await support.request("/api/admin/impersonation/escalate", {
            body: { reason, confirm: true, code: "000000" },
          })
        ).status,
      ).toBe(403);

      const stopped = await support.request("/api/admin/impersonation/stop", { body: {} });
      expect(stopped.status).toBe(200);
      expect((await stopped.json()).redirectTo).toBe(`/admin/accounts/${acmeAccount}`);
      expect((await (await support.request("/api/me")).json()).impersonation).toBeNull();
      expect((await support.request("/api/account-session", { body: {} })).status).toBe(403);

      const audit = await auditFor(impersonation.id);
      expect(audit.map((a) => a.action)).toEqual([
        "impersonation.started",
        "impersonation.account_session",
        "impersonation.stopped",
      ]);
      for (const entry of audit) {
        expect(entry).toMatchObject({
          actor_email: "support@portico.test",
          actor_role: "support",
          account_id: acmeAccount,
          reason,
        });
        expect(entry.ip).toBe(support.ip);
      }
      expect(JSON.parse(String(audit[1]?.components))).toContain("payments");
      // The log is append-only.
      await expect(
        db.db.deleteFrom("audit_log").where("impersonation_id", "=", impersonation.id).execute(),
      ).rejects.toThrow();
    },
  );

  it("lets an admin take the owner's read-only view, with its own reason and a fresh step-up", async () => {
    // An admin of the test's own: the view and the escalation each spend a code, on top of the sign-in.
    const { client: admin } = await freshStaff("admin");
    const { impersonation } = await (await start(admin)).json();
    const escalate = (body: Record<string, unknown>) =>
      withCode(admin, body, (withCodeBody) =>
        admin.request("/api/admin/impersonation/escalate", {
          body: { reason: "Owner asked us to check order 1182", confirm: true, ...withCodeBody },
        }),
      );
    expect((await escalate({ reason: "short", code: "000000" })).status).toBe(400);
    expect((await escalate({ code: undefined })).status).toBe(400);
    const wrong = await escalate({ code: "012345" });
    expect(wrong.status).toBe(403);
    expect((await wrong.json()).error.code).toBe("wrong_code");
    expect((await escalate({})).status).toBe(200);
    expect((await (await admin.request("/api/me")).json()).profile).toBe("admin_escalated");

    const before = (await accountSessionRequests()).length;
    expect((await admin.request("/api/account-session", { body: {} })).status).toBe(200);
    const components = normalizeParams(
      (await accountSessionRequests()).slice(before)[0]?.params.components,
    ) as Record<string, { features?: Record<string, boolean> }>;
    expect(components).toEqual(
      planComponents(
        "admin_escalated",
        {
          requirementCollection: config.connectedAccounts.controller.requirementCollection,
          capabilities: {},
        },
        config.embeddedComponents,
      ),
    );
    // The owner's view shows more (documents, reports) and still moves no money and changes nothing.
    expect(components.documents).toBeDefined();
    expect(components.account_management).toBeUndefined();
    for (const component of Object.values(components)) {
      for (const feature of managementFeatures) expect(component.features?.[feature] ?? false).toBe(false);
      expect(component.features?.disable_stripe_user_authentication ?? false).toBe(false);
    }
    // Still read-only for Portico's own writes, and every allowed action is on the record.
    expect(
      (
        await admin.request("/api/test-data", {
          body: { kind: "customer", operationId: crypto.randomUUID() },
        })
      ).status,
    ).toBe(403);
    expect((await admin.request("/api/account/refresh", { body: {} })).status).toBe(200);
    await admin.request("/api/admin/impersonation/stop", { body: {} });
    const audit = await auditFor(impersonation.id);
    expect(audit.map((a) => a.action)).toEqual([
      "impersonation.started",
      "auth.step_up_failed",
      "impersonation.escalated",
      "impersonation.account_session",
      "impersonation.action",
      "impersonation.stopped",
    ]);
    expect(audit.find((a) => a.action === "impersonation.escalated")?.reason).toBe(
      "Owner asked us to check order 1182",
    );
  });

  it("ends by itself past its limit, and the expiry is on the record", async () => {
    const { client: support } = await freshStaff("support");
    const { impersonation } = await (await start(support)).json();
    // Move its limit to just after it started (as if its hour had passed).
    const row = await db.db
      .selectFrom("impersonations")
      .selectAll()
      .where("id", "=", impersonation.id)
      .executeTakeFirstOrThrow();
    await db.db
      .updateTable("impersonations")
      .set({ expires_at: Number(row.started_at) + 1 })
      .where("id", "=", impersonation.id)
      .execute();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await (await support.request("/api/me")).json()).impersonation).toBeNull();
    expect((await support.request("/api/account-session", { body: {} })).status).toBe(403);
    const actions = (await auditFor(impersonation.id)).map((a) => a.action);
    expect(actions).toEqual(["impersonation.started", "impersonation.expired"]);
  });

  it("ends on sign-out, and a new one elsewhere replaces the old", async () => {
    const staffMember = await freshStaff("support");
    const first = staffMember.client;
    const one = (await (await start(first)).json()).impersonation;
    // Another device: the password and a recovery code (its authenticator's codes are for the step-ups).
    const second = await signInWithRecoveryCode(staffMember);
    emailOf.set(second, staffMember.email);
    const two = (await (await start(second)).json()).impersonation;
    const rowOne = await db.db
      .selectFrom("impersonations")
      .selectAll()
      .where("id", "=", one.id)
      .executeTakeFirstOrThrow();
    expect(rowOne.end_reason).toBe("replaced");
    expect((await second.signOut()).status).toBe(200);
    const rowTwo = await db.db
      .selectFrom("impersonations")
      .selectAll()
      .where("id", "=", two.id)
      .executeTakeFirstOrThrow();
    expect(rowTwo.end_reason).toBe("signed_out");
    expect((await auditFor(two.id)).map((a) => a.action)).toEqual([
      "impersonation.started",
      "impersonation.stopped",
    ]);
  });
});
