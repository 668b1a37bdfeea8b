import http from "node:http";
import path from "node:path";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAuth } from "@/lib/auth";
import { PASSWORD_ATTEMPTS_PER_ACCOUNT } from "@/lib/auth/lockout";
import type { DbHandle } from "@/lib/db/connection";
import { freePort, startApp, waitForHttp, type Child } from "@/scripts/lib/stack";
import { AppClient, appUrl, uniqueEmail } from "../../support/app-client";
import { createStaffMember, DEMO_PASSWORD, signInAs, signInWith } from "../../support/actors";
import { staffWithPasskey } from "../../support/step-up";
import { openTestDatabase } from "../../support/test-db";

/**
 * The side doors and weak spots an attacker tries first: better-auth's admin endpoints, role and ban fields set
 * through the API, lockouts raced in parallel, client-chosen addresses, open redirects, huge bodies, empty reasons —
 * and that every privileged action lands in the audit log with the address Portico trusts.
 */

let db: DbHandle;
let acmeAccount = "";

async function newTenantUser(
  prefix: string,
  password = "a-long-password-1",
): Promise<{ email: string; password: string; id: string }> {
  const email = uniqueEmail(prefix);
  const response = await new AppClient().signUp({
    name: "Test Person",
    email,
    password,
    businessName: `${prefix} Co`,
  });
  expect(response.status).toBe(201);
  const user = await db.db
    .selectFrom("user")
    .select("id")
    .where("email", "=", email)
    .executeTakeFirstOrThrow();
  return { email, password, id: user.id };
}

async function auditRows(action: string, userId: string) {
  return db.db
    .selectFrom("audit_log")
    .selectAll()
    .where("action", "=", action)
    .where("details", "like", `%${userId}%`)
    .orderBy("occurred_at", "asc")
    .execute();
}

beforeAll(async () => {
  db = openTestDatabase();
  const acme = await db.db
    .selectFrom("tenants")
    .select("stripe_account_id")
    .where("slug", "=", "acme-bikes")
    .executeTakeFirstOrThrow();
  acmeAccount = String(acme.stripe_account_id);
});

afterAll(async () => {
  await db?.close();
});

describe("no side doors", () => {
  it("defines none of better-auth's admin endpoints", () => {
    const names = Object.keys(getAuth().api);
    for (const name of [
      "impersonateUser",
      "setRole",
      "setUserPassword",
      "banUser",
      "listUsers",
      "createUser",
      "removeUser",
    ]) {
      expect(names).not.toContain(name);
    }
  });

  it("lets nobody set their own role or ban, through Portico's profile route or better-auth's update-user", async () => {
    const person = await newTenantUser("role");
    const client = await signInWith(person.email, person.password);
    for (const body of [
      { role: "admin" },
      { role: "support", name: "X" },
      { banned: true },
      { banReason: "x" },
    ]) {
      const response = await client.request("/api/profile", { method: "PATCH", body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      // better-auth's own endpoint is closed altogether.
      const closed = await client.request("/api/auth/update-user", { body });
      expect(closed.status, JSON.stringify(body)).toBe(404);
    }
    const row = await db.db
      .selectFrom("user")
      .select(["role", "banned", "name"])
      .where("id", "=", person.id)
      .executeTakeFirstOrThrow();
    expect(row.role).toBe("user");
    expect(Boolean(row.banned)).toBe(false);
    expect(row.name).toBe("Test Person");
    expect((await (await client.request("/api/me")).json()).profile).toBe("owner");
  });

  it("refuses a disabled user at sign-in and ends their sessions", async () => {
    const person = await newTenantUser("banned");
    const before = await signInWith(person.email, person.password);
    await db.db
      .updateTable("user")
      .set({ banned: db.dialect === "postgres" ? true : 1 })
      .where("id", "=", person.id)
      .execute();
    expect((await before.request("/api/me")).status).toBe(401);
    const refused = await new AppClient().signIn(person.email, person.password);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "ACCOUNT_DISABLED" });
  });

  it("lets an admin disable a user from the console — sessions end, audited — and re-enable them", async () => {
    const person = await newTenantUser("disable");
    const victim = await signInWith(person.email, person.password);
    // An admin of the test's own, who confirms each change with a passkey (each TOTP code works once).
    const staff = await staffWithPasskey("admin");
    const admin = staff.client;
    const status = async (disabled: boolean, reason: string, client = admin, userId = person.id) =>
      client.request(`/api/admin/users/${userId}/status`, {
        body: { disabled, reason, confirm: true, ...(client === admin ? await staff.proof() : {}) },
      });

    expect((await status(true, "\u200b".repeat(12))).status).toBe(400);
    expect((await status(true, "Fraud report 5521 from the bank", await signInAs("support"))).status).toBe(
      404,
    );
    expect((await status(true, "Testing a self-disable", admin, staff.userId)).status).toBe(409);

    const disabled = await status(true, "Fraud report 5521 from the bank");
    expect(disabled.status).toBe(200);
    expect((await disabled.json()).sessionsEnded).toBeGreaterThanOrEqual(1);
    expect((await victim.request("/api/me")).status).toBe(401);
    expect((await new AppClient().signIn(person.email, person.password)).status).toBe(403);
    const [row] = await auditRows("user.disabled", person.id);
    expect(row).toMatchObject({
      actor_email: staff.email,
      actor_role: "admin",
      reason: "Fraud report 5521 from the bank",
      ip: admin.ip,
    });

    expect((await status(false, "Bank confirmed it was a mistake")).status).toBe(200);
    expect((await new AppClient().signIn(person.email, person.password)).status).toBe(200);
    expect(await auditRows("user.enabled", person.id)).toHaveLength(1);
  });
});

describe("throttles that hold", () => {
  /** `count` sign-ins at once, each from its own address (so no per-address limit is involved). */
  async function burst(email: string, count: number, password = "not-the-password") {
    const responses = await Promise.all(
      Array.from({ length: count }, () => new AppClient().signIn(email, password)),
    );
    const statuses = responses.map((r) => r.status);
    const bodies = await Promise.all(responses.map((r) => r.json().catch(() => null)));
    return { statuses, bodies };
  }

  const count = (values: number[], value: number) => values.filter((v) => v === value).length;

  it("checks at most 5 passwords of one account however many guesses arrive at once", async () => {
    const person = await newTenantUser("race");
    const { statuses, bodies } = await burst(person.email, 100);
    expect(count(statuses, 401)).toBe(PASSWORD_ATTEMPTS_PER_ACCOUNT);
    expect(count(statuses, 429)).toBe(100 - PASSWORD_ATTEMPTS_PER_ACCOUNT);
    const locked = bodies.find((b) => b?.error?.code === "account_locked");
    expect(locked?.error.message).toMatch(/locked for 15 minutes/);
    expect(locked?.error.retryAfterSeconds).toBeGreaterThan(60);
    // The right password is refused too until the window ends.
    expect((await new AppClient().signIn(person.email, person.password)).status).toBe(429);
  });

  it("locks an address that has no account exactly like one that has", async () => {
    const { statuses } = await burst(uniqueEmail("ghost"), 40);
    expect(count(statuses, 401)).toBe(PASSWORD_ATTEMPTS_PER_ACCOUNT);
    expect(count(statuses, 429)).toBe(40 - PASSWORD_ATTEMPTS_PER_ACCOUNT);
  });

  it("holds for step-up codes raced in parallel too", async () => {
    const staff = await createStaffMember("support");
    const client = await signInWith(staff.email, staff.password);
    const responses = await Promise.all(
      Array.from({ length: 30 }, () =>
        client.request("/api/admin/impersonation", {
          body: {
            accountId: acmeAccount,
            reason: "Ticket 77: payouts",
            confirm: true,
            code: "000000",
          },
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    // Five wrong codes per 15 minutes, whatever the concurrency (the same budget as passwords).
    expect(count(statuses, 403)).toBe(5);
    expect(count(statuses, 429)).toBe(25);
  });

  it("tells a network's short limit from an account's lockout", async () => {
    const client = new AppClient();
    let limited: Response | null = null;
    for (let i = 0; i < 6 && !limited; i++) {
      const response = await client.signIn(uniqueEmail("net"), "not-the-password");
      if (response.status === 429) limited = response;
    }
    expect(limited).not.toBeNull();
    const body = await limited?.json();
    expect(body.error.code).toBe("rate_limited");
    expect(body.error.message).toMatch(/Wait \d+ seconds/);
    expect(Number(limited?.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("the client's address", () => {
  it("is the one the trusted proxy reports; a client-sent stamp header is ignored", async () => {
    const person = await newTenantUser("ip");
    const client = new AppClient();
    const response = await client.request("/api/auth/sign-in/email", {
      body: { email: person.email, password: person.password },
      headers: { "x-portico-client-ip": "6.6.6.6" },
    });
    expect(response.status).toBe(200);
    const session = await db.db
      .selectFrom("session")
      .select("ipAddress")
      .where("userId", "=", person.id)
      .orderBy("createdAt", "desc")
      .executeTakeFirstOrThrow();
    expect(session.ipAddress).toBe(client.ip);
  });

  describe("with no trusted proxy (TRUSTED_PROXY_HOPS=0)", () => {
    let server: Child;
    let url: string;
    beforeAll(async () => {
      const port = await freePort();
      url = `http://localhost:${port}`;
      const dataDir = process.env.PORTICO_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), "portico-hops-"));
      server = startApp({
        port,
        env: { ...process.env, NODE_ENV: "production", TRUSTED_PROXY_HOPS: "0", PORTICO_DATA_DIR: dataDir },
        logFile: path.join(dataDir, "app-hops-0.log"),
      });
      await waitForHttp(`${url}/api/health`, 60_000, server);
    }, 90_000);
    afterAll(async () => {
      await server?.stop();
    });

    it("keeps rotated X-Forwarded-For values in one bucket", async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        // A new "address" every time, which a direct client may claim but not be believed.
        const client = new AppClient(url, `198.51.100.${i + 1}`, appUrl());
        statuses.push((await client.signIn(uniqueEmail("rotate"), "not-the-password")).status);
      }
      // better-auth's per-address limit (3 per 10 s) counted them all as one address.
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(3);
      expect(statuses.slice(3)).toEqual([429, 429]);
    });
  });
});

describe("redirects and bodies", () => {
  it("never sends a signed-in visitor off-site from ?next=, and never answers 500", async () => {
    const client = await signInAs("owner");
    for (const next of [
      "%2F%09%2Fevil.example",
      "%2F%2Fevil.example",
      "%2F%5Cevil.example",
      "https%3A%2F%2Fevil.example",
      "%E0%A4%A",
      "%2Fpayments%3Fstatus%3Drefunded",
    ]) {
      const response = await client.request(`/login?next=${next}`);
      expect(response.status, next).toBe(307);
      const location = new URL(response.headers.get("location") ?? "", appUrl());
      expect(location.origin, next).toBe(new URL(appUrl()).origin);
    }
    const kept = await client.request(`/login?next=${encodeURIComponent("/payments?status=refunded")}`);
    expect(kept.headers.get("location")).toMatch(/\/payments\?status=refunded$/);
  });

  /** Streams `totalBytes` of JSON-ish filler and reports how much the server had pulled when it answered. */
  async function streamed(pathname: string, totalBytes: number, headers: Record<string, string> = {}) {
    let sent = 0;
    const chunk = new TextEncoder().encode(`"${"x".repeat(64 * 1024 - 2)}"`);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= totalBytes) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const response = await fetch(new URL(pathname, appUrl()), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: appUrl(),
        "x-forwarded-for": "10.9.9.9",
        ...headers,
      },
      body,
      duplex: "half",
    } as RequestInit);
    const answeredAfter = sent;
    await response.body?.cancel();
    return { status: response.status, answeredAfter };
  }

  it("stops reading a 100 MB sign-up and a 200 MB webhook at their limits", async () => {
    const signup = await streamed("/api/signup", 100 * 1024 * 1024);
    expect(signup.status).toBe(413);
    expect(signup.answeredAfter).toBeLessThan(16 * 1024 * 1024);
    const webhook = await streamed("/api/webhooks/stripe", 200 * 1024 * 1024, {
      "stripe-signature": "t=1,v1=x",
    });
    expect(webhook.status).toBe(413);
    expect(webhook.answeredAfter).toBeLessThan(16 * 1024 * 1024);
  }, 60_000);

  it("refuses a declared Content-Length over the limit before reading any of it", async () => {
    const target = new URL("/api/signup", appUrl());
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: "POST",
          headers: {
            "content-type": "application/json",
            "content-length": String(100 * 1024 * 1024),
            origin: appUrl(),
          },
        },
        (response) => {
          resolve(response.statusCode ?? 0);
          response.resume();
          request.destroy();
        },
      );
      request.on("error", reject);
      request.write("{");
    });
    expect(status).toBe(413);
  });

  it("limits JSON routes to 64 KB and better-auth's endpoints too", async () => {
    const owner = await signInAs("owner");
    const big = "x".repeat(70 * 1024);
    expect(
      (await owner.request("/api/team/invitations", { body: { email: big, role: "staff" } })).status,
    ).toBe(413);
    expect(
      (await new AppClient().request("/api/auth/sign-in/email", { body: { email: big, password: "x" } }))
        .status,
    ).toBe(413);
    expect((await new AppClient().request("/api/signup", { body: { name: big } })).status).toBe(413);
    // Under the limit, the same routes answer as usual.
    expect((await new AppClient().request("/api/signup", { body: { name: "x" } })).status).toBe(400);
  });
});

describe("every privileged action is audited, with the trusted address", () => {
  it("records team changes, settings, money and onboarding links, and exports", async () => {
    const owner = await signInAs("owner");
    const email = uniqueEmail("invitee");
    const invited = await owner.request("/api/team/invitations", { body: { email, role: "viewer" } });
    expect(invited.status).toBe(201);
    const { invitation } = await invited.json();
    expect((await owner.request(`/api/team/invitations/${invitation.id}`, { method: "DELETE" })).status).toBe(
      200,
    );
    expect(
      (
        await owner.request("/api/settings", {
          method: "PUT",
          body: { theme: "system", brandColor: null, overlay: "dialog", locale: null },
        })
      ).status,
    ).toBe(200);
    expect((await owner.request("/api/account/onboarding-link", { body: {} })).status).toBe(200);
    const admin = await signInAs("admin");
    const exported = await admin.request("/api/admin/audit/export?action=team.invited");
    expect(exported.status).toBe(200);
    expect(await exported.text()).toContain(email);

    const rows = await db.db
      .selectFrom("audit_log")
      .select(["action", "actor_email", "ip", "details"])
      .where("occurred_at", ">", Date.now() - 60_000)
      .where("ip", "in", [owner.ip, admin.ip])
      .orderBy("occurred_at", "asc")
      .execute();
    const actions = rows.map((r) => r.action);
    for (const action of [
      "team.invited",
      "team.invitation_revoked",
      "settings.updated",
      "account.onboarding_link_created",
      "audit.exported",
    ]) {
      expect(actions, action).toContain(action);
    }
    const invite = rows.find((r) => r.action === "team.invited");
    expect(invite).toMatchObject({ actor_email: "owner@acme.test", ip: owner.ip });
    expect(String(invite?.details)).toContain(email);
    // A link is a credential: the audit row says one was made, never what it was.
    const link = rows.find((r) => r.action === "account.onboarding_link_created");
    expect(String(link?.details ?? "")).not.toMatch(/https?:/);
  });

  it("records a failed step-up", async () => {
    const staff = await createStaffMember("support", DEMO_PASSWORD);
    const client = await signInWith(staff.email, staff.password);
    const response = await client.request("/api/admin/impersonation", {
      body: {
        accountId: acmeAccount,
        reason: "Ticket 9001: payout missing",
        confirm: true,
        code: "000000",
      },
    });
    expect(response.status).toBe(403);
    const row = await db.db
      .selectFrom("audit_log")
      .selectAll()
      .where("actor_user_id", "=", staff.userId)
      .where("action", "=", "auth.step_up_failed")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ action: "auth.step_up_failed", ip: client.ip });
    expect(JSON.parse(String(row.details))).toEqual({ purpose: "view_as.start", method: "second_factor" });
  });
});
