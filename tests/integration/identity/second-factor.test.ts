import { describe, expect, it } from "vitest";
import { AppClient, uniqueEmail } from "../../support/app-client";
import { hasLinkTo, waitForMail } from "../../support/mailbox";
import {
  createStaffMember,
  DEMO_PASSWORD,
  signInWith,
  staffActors,
  withStepUp,
  VIEW_REASON,
} from "../../support/actors";
import { openTestDatabase } from "../../support/test-db";
import { freshTotpCode } from "../../support/totp-codes";

async function sandboxAccountOf(slug: string): Promise<string> {
  const db = openTestDatabase();
  try {
    const tenant = await db.db
      .selectFrom("tenants")
      .select("stripe_account_id")
      .where("slug", "=", slug)
      .executeTakeFirstOrThrow();
    return String(tenant.stripe_account_id);
  } finally {
    await db.close();
  }
}

/**
 * Staff need a second factor before the console and before any "view as"; a step-up is a second factor, never a
 * password; tenants may set one up, and then need it at every sign-in.
 */

const codeOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string } }).error.code;

describe("platform staff", () => {
  it("a password alone opens nothing: the console waits behind the code, and the sign-in is mailed", async () => {
    const since = Date.now() - 1000;
    const client = new AppClient();
    expect((await client.signInPasswordOnly(staffActors.support)).status).toBe(200);
    const page = await client.request("/admin");
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toMatch(/\/two-factor$/);
    const api = await client.request("/api/admin/audit/export");
    expect(api.status).toBe(403);
    expect(await codeOf(api)).toBe("second_factor_required");
    const view = await client.request("/api/admin/impersonation", {
      body: { accountId: "acct_1234567890", reason: VIEW_REASON, confirm: true, code: "123456" },
    });
    expect(view.status).toBe(403);

    const wrong = await client.request("/api/second-factor/verify", { body: { code: "000000" } });
    expect(wrong.status).toBe(403);
    expect(await codeOf(wrong)).toBe("wrong_code");
    const right = await client.giveSecondFactor(
      (await import("../../support/actor-directory")).staffTotpSecrets[staffActors.support] ?? "",
    );
    expect(right.status).toBe(200);
    expect((await client.request("/admin")).status).toBe(200);

    const mail = await waitForMail(staffActors.support, {
      since,
      match: (m) => /New sign-in/.test(m.subject),
    });
    expect(mail.text).toContain("staff account");
  });

  it("a new staff member sets up TOTP at first sign-in, then gets recovery codes that each work once", async () => {
    const staff = await createStaffMember("support");
    // createStaffMember enrolled through the API; a second sign-in needs the code, or a recovery code.
    const fresh = new AppClient();
    expect((await fresh.signInPasswordOnly(staff.email, staff.password)).status).toBe(200);
    const regenerate = await signInWith(staff.email, staff.password, staff.totpSecret);
    const codes = await regenerate.request("/api/second-factor/recovery-codes", {
      body: { code: await freshTotpCode(staff.totpSecret) },
    });
    expect(codes.status).toBe(200);
    const { recoveryCodes } = (await codes.json()) as { recoveryCodes: string[] };
    expect(recoveryCodes).toHaveLength(10);
    const recovery = recoveryCodes[0] ?? "";
    expect((await fresh.request("/api/second-factor/verify", { body: { code: recovery } })).status).toBe(200);
    expect((await fresh.request("/admin")).status).toBe(200);
    const reuse = new AppClient();
    await reuse.signInPasswordOnly(staff.email, staff.password);
    expect((await reuse.request("/api/second-factor/verify", { body: { code: recovery } })).status).toBe(403);
  });

  it("refuses a second enrolment over a confirmed factor, and staff cannot remove theirs", async () => {
    const staff = await createStaffMember("admin");
    const client = await signInWith(staff.email, staff.password, staff.totpSecret);
    const again = await client.request("/api/second-factor/enrol", { body: {} });
    expect(again.status).toBe(409);
    const remove = await client.request("/api/second-factor/remove", {
      body: { code: await freshTotpCode(staff.totpSecret) },
    });
    expect(remove.status).toBe(403);
  });

  it("a step-up takes a current code, never the password", async () => {
    const staff = await createStaffMember("support");
    const client = await signInWith(staff.email, staff.password, staff.totpSecret);
    const accountId = await sandboxAccountOf("acme-bikes");
    const withPassword = await client.request("/api/admin/impersonation", {
      body: { accountId, reason: VIEW_REASON, confirm: true, password: DEMO_PASSWORD },
    });
    expect(withPassword.status).toBe(400);
    const wrong = await client.request("/api/admin/impersonation", {
      body: { accountId, reason: VIEW_REASON, confirm: true, code: "999999" },
    });
    expect(wrong.status).toBe(403);
    const right = await withStepUp(
      staff.email,
      (code) =>
        client.request("/api/admin/impersonation", {
          body: { accountId, reason: VIEW_REASON, confirm: true, code },
        }),
      staff.totpSecret,
    );
    expect(right.status).toBe(201);
  });

  it("takes each code once: the sign-in's code does not also open a view", async () => {
    const staff = await createStaffMember("support");
    const client = new AppClient();
    expect((await client.signInPasswordOnly(staff.email, staff.password)).status).toBe(200);
    const code = await freshTotpCode(staff.totpSecret);
    expect((await client.request("/api/second-factor/verify", { body: { code } })).status).toBe(200);
    const accountId = await sandboxAccountOf("acme-bikes");
    const replay = await client.request("/api/admin/impersonation", {
      body: { accountId, reason: VIEW_REASON, confirm: true, code },
    });
    expect(replay.status).toBe(403);
    expect(await codeOf(replay)).toBe("code_used");
    // Nor does it sign in a second browser.
    const other = new AppClient();
    await other.signInPasswordOnly(staff.email, staff.password);
    const again = await other.request("/api/second-factor/verify", { body: { code } });
    expect(await codeOf(again)).toBe("code_used");
    // A used code is a right one: it does not count toward the five wrong tries, and the next code works.
    expect((await other.giveSecondFactor(staff.totpSecret)).status).toBe(200);
  });

  it("locks the code after five wrong tries", async () => {
    const staff = await createStaffMember("support");
    const client = new AppClient();
    await client.signInPasswordOnly(staff.email, staff.password);
    for (let i = 0; i < 5; i++) {
      expect((await client.request("/api/second-factor/verify", { body: { code: "000001" } })).status).toBe(
        403,
      );
    }
    const locked = await client.request("/api/second-factor/verify", {
      body: { code: await freshTotpCode(staff.totpSecret) },
    });
    expect(locked.status).toBe(429);
    expect(await codeOf(locked)).toBe("second_factor_locked");
  });
});

describe("tenants", () => {
  it("may set up a second factor, and then need it at every sign-in", async () => {
    const email = uniqueEmail("careful");
    const password = "careful-password";
    const owner = new AppClient();
    expect((await owner.signUp({ name: "Cara", email, password, businessName: "Cara Care" })).status).toBe(
      201,
    );
    const enrol = await owner.request("/api/second-factor/enrol", { body: {} });
    expect(enrol.status).toBe(200);
    const { secret, qrSvg } = (await enrol.json()) as { secret: string; qrSvg: string };
    expect(qrSvg).toContain("<svg");
    expect(
      (await owner.request("/api/second-factor/confirm", { body: { code: await freshTotpCode(secret) } }))
        .status,
    ).toBe(200);

    const next = new AppClient();
    await next.signInPasswordOnly(email, password);
    expect((await next.request("/api/tenant")).status).toBe(403);
    expect((await next.giveSecondFactor(secret)).status).toBe(200);
    expect((await next.request("/api/tenant")).status).toBe(200);

    // And may remove it again with a current code.
    expect(
      (await next.request("/api/second-factor/remove", { body: { code: await freshTotpCode(secret) } }))
        .status,
    ).toBe(200);
    const after = new AppClient();
    await after.signInPasswordOnly(email, password);
    expect((await after.request("/api/tenant")).status).toBe(200);
  });

  it("a reset password still needs the second factor", async () => {
    const email = uniqueEmail("reset2fa");
    const owner = new AppClient();
    await owner.signUp({ name: "Rex", email, password: "rex-password-1", businessName: "Rex Rentals" });
    const { secret } = (await (await owner.request("/api/second-factor/enrol", { body: {} })).json()) as {
      secret: string;
    };
    await owner.request("/api/second-factor/confirm", { body: { code: await freshTotpCode(secret) } });
    const since = Date.now() - 1000;
    await new AppClient().request("/api/password/forgot", { body: { email } });
    const mail = await waitForMail(email, { since, match: hasLinkTo("/reset-password") });
    const token = new URL(mail.links.find((l) => l.includes("/reset-password")) ?? "").searchParams.get(
      "token",
    );
    const browser = new AppClient();
    await browser.request("/api/password/reset", { body: { token, password: "rex-password-2" } });
    expect((await browser.request("/api/tenant")).status).toBe(403);
    expect((await browser.giveSecondFactor(secret)).status).toBe(200);
    expect((await browser.request("/api/tenant")).status).toBe(200);
  });
});
