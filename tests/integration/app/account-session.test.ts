import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import platformConfig from "@/portico.config";
import { parsePlatformConfig } from "@/lib/config/platform-config";
import { managementFeatures, planComponents } from "@/lib/access/account-session-plan";
import { AppClient, uniqueEmail } from "../../support/app-client";
import {
  accountSessionRequests,
  clearFaults,
  normalizeParams,
  setFaults,
} from "../../support/emulator-client";

const config = parsePlatformConfig(platformConfig);

async function signedIn(email: string): Promise<AppClient> {
  const client = new AppClient();
  const response = await client.signIn(email);
  expect(response.status).toBe(200);
  return client;
}

async function tenantAccount(client: AppClient): Promise<string> {
  const before = (await accountSessionRequests()).length;
  const response = await client.request("/api/account-session", { body: {} });
  expect(response.status).toBe(200);
  const after = await accountSessionRequests();
  expect(after.length).toBe(before + 1);
  return String(after.at(-1)?.params.account);
}

afterEach(async () => {
  await clearFaults();
});

describe("POST /api/account-session", () => {
  it("answers 401 without a session and never calls Stripe", async () => {
    const before = (await accountSessionRequests()).length;
    const response = await new AppClient().request("/api/account-session", { body: {} });
    expect(response.status).toBe(401);
    expect((await accountSessionRequests()).length).toBe(before);
  });

  it("returns a fresh secret on every call, with no-store caching", async () => {
    const client = await signedIn("owner@acme.test");
    const first = await client.request("/api/account-session", { body: {} });
    const second = await client.request("/api/account-session", { body: {} });
    expect(first.headers.get("cache-control")).toBe("no-store");
    const a = await first.json();
    const b = await second.json();
    expect(a.clientSecret).toMatch(/^accs_secret__/);
    expect(a.expiresAt).toBeGreaterThan(Date.now() / 1000);
    expect(b.clientSecret).not.toBe(a.clientSecret);
  });

  it("ignores an account named in the body, query or headers: the session is for the caller's account", async () => {
    const acme = await signedIn("owner@acme.test");
    const globex = await signedIn("owner@globex.test");
    const acmeAccount = await tenantAccount(acme);
    const globexAccount = await tenantAccount(globex);
    expect(acmeAccount).not.toBe(globexAccount);

    const before = (await accountSessionRequests()).length;
    const response = await acme.request(
      `/api/account-session?account=${globexAccount}&stripeAccount=${globexAccount}`,
      {
        body: { account: globexAccount, accountId: globexAccount, stripeAccount: globexAccount },
        headers: { "stripe-account": globexAccount, "x-tenant-id": globexAccount },
      },
    );
    expect(response.status).toBe(200);
    const after = await accountSessionRequests();
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)?.params.account).toBe(acmeAccount);
  });

  it("gives each tenant's cookie its own account only", async () => {
    const acme = await signedIn("staff@acme.test");
    const globex = await signedIn("owner@globex.test");
    const acmeAccount = await tenantAccount(acme);
    // Globex's owner, with Acme's tenant chosen in the active-tenant cookie, still gets Globex's account.
    globex.cookies.set("portico_tenant", "ten_anything");
    expect(await tenantAccount(globex)).not.toBe(acmeAccount);
  });

  it("answers 403 to a user without a membership and never calls Stripe", async () => {
    const admin = await signedIn("admin@portico.test");
    const before = (await accountSessionRequests()).length;
    const response = await admin.request("/api/account-session", { body: {} });
    expect(response.status).toBe(403);
    expect((await accountSessionRequests()).length).toBe(before);
  });

  it("refuses a cross-site request, a missing Origin and a non-JSON body", async () => {
    const client = await signedIn("owner@acme.test");
    expect(
      (await client.request("/api/account-session", { body: {}, origin: "http://evil.test" })).status,
    ).toBe(403);
    expect((await client.request("/api/account-session", { body: {}, origin: null })).status).toBe(403);
    const form = await client.request("/api/account-session", {
      body: "account=acct_x",
      headers: { "content-type": "text/plain" },
    });
    expect(form.status).toBe(415);
    expect((await client.request("/api/account-session")).status).toBe(405);
  });

  for (const [email, role] of [
    ["owner@acme.test", "owner"],
    ["staff@acme.test", "staff"],
    ["viewer@acme.test", "viewer"],
  ] as const) {
    it(`enables exactly the policy's components and features for the ${role}`, async () => {
      const client = await signedIn(email);
      await tenantAccount(client);
      const sent = (await accountSessionRequests()).at(-1);
      const expected = planComponents(
        role,
        {
          requirementCollection: config.connectedAccounts.controller.requirementCollection,
          capabilities: {},
        },
        config.embeddedComponents,
      );
      expect(normalizeParams(sent?.params.components)).toEqual(expected);
      if (role === "viewer") {
        for (const component of Object.values(expected) as { features?: Record<string, boolean> }[]) {
          const features: Record<string, boolean | undefined> = component.features ?? {};
          for (const feature of managementFeatures) {
            expect(features[feature] ?? false).toBe(false);
          }
        }
      }
      if (role === "staff") {
        expect(expected.payments?.features?.refund_management).toBe(true);
        expect(expected.payments?.features?.dispute_management).toBe(true);
        expect(expected.payouts?.features?.standard_payouts).toBe(false);
        expect(expected.payouts?.features?.edit_payout_schedule).toBe(false);
        expect(expected.account_management).toBeUndefined();
        expect(expected.notification_banner).toBeUndefined();
        expect(expected.balances?.features?.standard_payouts).toBe(false);
        expect(expected.balances?.features?.external_account_collection).toBe(false);
      }
    });
  }

  it("throttles a user with 429 and Retry-After before any Stripe call", async () => {
    const client = new AppClient();
    const email = uniqueEmail("busy");
    expect(
      (await client.signUp({ name: "Busy", email, password: "busy-password-1", businessName: "Busy Co" }))
        .status,
    ).toBe(201);
    let limited: Response | null = null;
    for (let i = 0; i < 40 && !limited; i++) {
      const response = await client.request("/api/account-session", { body: {} });
      if (response.status === 429) limited = response;
      else expect(response.status).toBe(200);
    }
    expect(limited).not.toBeNull();
    expect(Number(limited?.headers.get("retry-after"))).toBeGreaterThan(0);
    const before = (await accountSessionRequests()).length;
    expect((await client.request("/api/account-session", { body: {} })).status).toBe(429);
    expect((await accountSessionRequests()).length).toBe(before);
  });

  it("answers a generic error, with a stable code and no Stripe detail, when Stripe fails", async () => {
    const client = await signedIn("owner@globex.test");
    await setFaults([
      { path_prefix: "/v1/account_sessions", error_rate: 1, error_status: 500, should_retry: false },
    ]);
    const response = await client.request("/api/account-session", { body: {} });
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body).toEqual({
      error: { code: "stripe_unavailable", message: "Stripe is unavailable. Try again." },
    });
    expect(JSON.stringify(body)).not.toMatch(/acct_|accs_|req_/);
  });

  it("answers 503 with Retry-After within 2 s under sustained rate limiting", async () => {
    const client = await signedIn("owner@globex.test");
    await setFaults([{ path_prefix: "/v1/account_sessions", rate_limit_rate: 1 }]);
    const started = Date.now();
    const response = await client.request("/api/account-session", { body: {} });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBeTruthy();
    expect((await response.json()).error.code).toBe("stripe_rate_limited");
  });

  it("retries transient faults with one idempotency key and succeeds", async () => {
    const client = await signedIn("owner@globex.test");
    await setFaults([{ path_prefix: "/v1/account_sessions", error_rate: 1, error_status: 503, count: 2 }]);
    const before = (await accountSessionRequests()).length;
    const response = await client.request("/api/account-session", { body: {} });
    expect(response.status).toBe(200);
    const attempts = (await accountSessionRequests()).slice(before);
    expect(attempts.map((a) => a.status)).toEqual([503, 503, 200]);
    expect(new Set(attempts.map((a) => a.idempotency_key)).size).toBe(1);
  });

  it("answers within its deadline when Stripe hangs", async () => {
    const client = await signedIn("owner@globex.test");
    await setFaults([{ path_prefix: "/v1/account_sessions", hang: true }]);
    const started = Date.now();
    const response = await client.request("/api/account-session", { body: {} });
    const elapsed = Date.now() - started;
    expect(response.status).toBe(504);
    expect((await response.json()).error.code).toBe("stripe_timeout");
    expect(elapsed).toBeLessThan(12_000);
  }, 20_000);

  it("never writes a client secret to the logs", async () => {
    const client = await signedIn("owner@acme.test");
    const { clientSecret } = await (await client.request("/api/account-session", { body: {} })).json();
    expect(clientSecret).toMatch(/^accs_secret__/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const logFile = process.env.PORTICO_TEST_APP_LOG;
    expect(logFile).toBeTruthy();
    const logs = readFileSync(String(logFile), "utf8");
    expect(logs).toContain("connect.account_session.created");
    expect(logs).not.toContain(clientSecret);
    expect(logs).not.toContain("accs_secret__");
    expect(logs).not.toMatch(/portico\.session_token=/);
  });
});
