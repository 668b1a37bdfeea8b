import { afterEach, describe, expect, it } from "vitest";
import { authBool } from "@/lib/db/values";
import { AppClient } from "../../support/app-client";
import {
  createStaffMember,
  DEMO_PASSWORD,
  signInWith,
  stepUpCode,
  tenantActors,
  VIEW_REASON,
} from "../../support/actors";
import {
  callbackPath,
  IdpBrowser,
  idpUrl,
  setIdpIgnoresFreshLogin,
  setIdpOutage,
  signInWithIdp,
  startFlow,
  upsertIdentity,
  type TestIdentity,
} from "../../support/idp";
import { waitForMail } from "../../support/mailbox";
import { openTestDatabase } from "../../support/test-db";
import { freshTotpCode } from "../../support/totp-codes";

/**
 * Single sign-on through the test stack's OpenID provider, driven over HTTP as a browser would: the app's start, the
 * IdP's own login page, the app's callback. Roles come from the IdP's groups at every sign-in; an email address
 * never links anyone; a step-up by IdP re-authentication is single-use, bound to its session and its act.
 */

const MFA = ["pwd", "otp", "mfa"];
const ADMINS = ["portico-admins"];
const SUPPORT = ["portico-support"];

afterEach(async () => {
  await setIdpOutage(false);
  await setIdpIgnoresFreshLogin(false);
});

async function withDb<T>(fn: (db: ReturnType<typeof openTestDatabase>["db"]) => Promise<T>): Promise<T> {
  const handle = openTestDatabase();
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

async function me(client: AppClient): Promise<{ status: number; profile?: string; email?: string }> {
  const res = await client.request("/api/me");
  if (res.status !== 200) return { status: res.status };
  const body = (await res.json()) as { profile: string; user: { email: string } };
  return { status: 200, profile: body.profile, email: body.user.email };
}

async function userOf(email: string) {
  return withDb((db) =>
    db.selectFrom("user").selectAll().where("email", "=", email.toLowerCase()).executeTakeFirst(),
  );
}

async function auditActions(userId: string): Promise<string[]> {
  return withDb(async (db) =>
    (await db.selectFrom("audit_log").select("action").where("actor_user_id", "=", userId).execute()).map(
      (r) => r.action,
    ),
  );
}

async function acmeAccount(): Promise<string> {
  return withDb(async (db) =>
    String(
      (
        await db
          .selectFrom("tenants")
          .select("stripe_account_id")
          .where("slug", "=", "acme-bikes")
          .executeTakeFirstOrThrow()
      ).stripe_account_id,
    ),
  );
}

/** A new IdP admin with MFA, signed in through the IdP (the IdP browser keeps its session there). */
async function idpAdmin(): Promise<{ identity: TestIdentity; client: AppClient; browser: IdpBrowser }> {
  const identity = await upsertIdentity({ groups: ADMINS, amr: MFA });
  const client = new AppClient();
  const browser = new IdpBrowser();
  const result = await signInWithIdp(client, identity.email, { browser });
  expect(result.location).toBe("/admin");
  return { identity, client, browser };
}

const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

describe("signing in with the identity provider", () => {
  it("an admin whose IdP did MFA reaches the console at once, as a new, verified staff member, and is mailed", async () => {
    const since = Date.now() - 1000;
    const identity = await upsertIdentity({ groups: ADMINS, amr: MFA });
    const client = new AppClient();
    const result = await signInWithIdp(client, identity.email);
    expect(result.status).toBe(303);
    expect(result.location).toBe("/admin");
    expect(await me(client)).toMatchObject({ status: 200, profile: "admin", email: identity.email });
    expect((await client.request("/admin")).status).toBe(200);

    const user = await userOf(identity.email);
    expect(user?.role).toBe("admin");
    expect(Boolean(user?.emailVerified)).toBe(true);
    const linked = await withDb((db) =>
      db
        .selectFrom("sso_identities")
        .selectAll()
        .where("user_id", "=", user?.id ?? "")
        .execute(),
    );
    expect(linked).toHaveLength(1);
    expect(linked[0]?.subject).toBe(identity.sub);
    const assurance = await withDb((db) =>
      db
        .selectFrom("session_assurance")
        .select("method")
        .where("user_id", "=", user?.id ?? "")
        .execute(),
    );
    expect(assurance.map((a) => a.method)).toEqual(["idp_mfa"]);
    expect(await auditActions(user?.id ?? "")).toContain("sso.user_provisioned");
    const mail = await waitForMail(identity.email, { since });
    expect(mail.subject).toMatch(/sign-in/i);

    // A normal session: sign-out ends it like any other.
    expect((await client.signOut()).status).toBe(200);
    expect((await me(client)).status).toBe(401);
  });

  it("a support member without MFA at the IdP is asked for Portico's own code (set up first), then reaches the console", async () => {
    const identity = await upsertIdentity({ groups: SUPPORT, amr: ["pwd"] });
    const client = new AppClient();
    const first = await signInWithIdp(client, identity.email);
    expect(first.location).toBe("/two-factor");
    expect(await me(client)).toMatchObject({ profile: "second_factor_pending" });
    expect((await client.request("/admin")).headers.get("location")).toMatch(/\/two-factor$/);

    const enrol = await client.request("/api/second-factor/enrol", { body: {} });
    expect(enrol.status).toBe(200);
    const { secret } = (await enrol.json()) as { secret: string };
    expect(
      (await client.request("/api/second-factor/confirm", { body: { code: await freshTotpCode(secret) } }))
        .status,
    ).toBe(200);
    expect(await me(client)).toMatchObject({ profile: "support" });

    // The next sign-in asks for the code again, then opens the console.
    const again = new AppClient();
    expect((await signInWithIdp(again, identity.email)).location).toBe("/two-factor");
    expect((await again.giveSecondFactor(secret)).status).toBe(200);
    expect(await me(again)).toMatchObject({ profile: "support" });
  });

  it("re-derives the role from the groups at every sign-in; without a mapped group, no console and no staff session survives", async () => {
    const identity = await upsertIdentity({ groups: ADMINS, amr: MFA });
    const first = new AppClient();
    expect((await signInWithIdp(first, identity.email)).location).toBe("/admin");
    expect(await me(first)).toMatchObject({ profile: "admin" });

    await upsertIdentity({ ...identity, groups: SUPPORT });
    const second = new AppClient();
    expect((await signInWithIdp(second, identity.email)).location).toBe("/admin");
    expect(await me(second)).toMatchObject({ profile: "support" });
    // The role lives on the user: the earlier session is support's now too.
    expect(await me(first)).toMatchObject({ profile: "support" });
    const user = await userOf(identity.email);
    expect(user?.role).toBe("support");

    await upsertIdentity({ ...identity, groups: ["somewhere-else"] });
    const third = new AppClient();
    const refused = await signInWithIdp(third, identity.email);
    expect(refused.location).toMatch(/^\/login\?sso_error=no_staff_group/);
    expect((await me(third)).status).toBe(401);
    expect((await me(first)).status).toBe(401);
    expect((await me(second)).status).toBe(401);
    expect((await userOf(identity.email))?.role).toBe("user");
    expect(await auditActions(user?.id ?? "")).toEqual(
      expect.arrayContaining(["sso.user_provisioned", "sso.role_changed"]),
    );

    // The login page says why, in words.
    const page = await third.request(refused.location);
    expect(await page.text()).toContain("no longer in a group that gives access");

    // Back in a group: staff again at the next sign-in.
    await upsertIdentity({ ...identity, groups: ADMINS });
    const fourth = new AppClient();
    expect((await signInWithIdp(fourth, identity.email)).location).toBe("/admin");
    expect(await me(fourth)).toMatchObject({ profile: "admin" });
  });

  it("never links by email: an address that is a Portico user's is refused, and so is an identity with no mapped group", async () => {
    const staff = await createStaffMember("support");
    const lookalike = await upsertIdentity({ email: staff.email, groups: SUPPORT, amr: MFA });
    const client = new AppClient();
    const refused = await signInWithIdp(client, lookalike.email);
    expect(refused.location).toMatch(/^\/login\?sso_error=email_taken/);
    expect((await me(client)).status).toBe(401);
    expect(
      await withDb((db) =>
        db.selectFrom("sso_identities").selectAll().where("user_id", "=", staff.userId).execute(),
      ),
    ).toEqual([]);
    const page = await client.request(refused.location);
    expect(await page.text()).toContain("link your company account from your settings");

    // The tenant owner's address at the IdP is no key to their account either.
    const owner = await upsertIdentity({ email: tenantActors.owner, groups: [], amr: MFA });
    expect((await signInWithIdp(new AppClient(), owner.email)).location).toMatch(/sso_error=email_taken/);

    const nobody = await upsertIdentity({ groups: [], amr: MFA });
    expect((await signInWithIdp(new AppClient(), nobody.email)).location).toMatch(/sso_error=no_access/);
    expect(await userOf(nobody.email)).toBeUndefined();
  });

  it("an address the IdP does not vouch for stays unverified", async () => {
    const identity = await upsertIdentity({ groups: SUPPORT, amr: MFA, email_verified: false });
    expect((await signInWithIdp(new AppClient(), identity.email)).location).toBe("/admin");
    expect(Boolean((await userOf(identity.email))?.emailVerified)).toBe(false);
  });

  it("refuses a disabled user, whatever the IdP says", async () => {
    const { identity } = await idpAdmin();
    const handle = openTestDatabase();
    try {
      await handle.db
        .updateTable("user")
        .set({ banned: authBool(handle.dialect, true) })
        .where("email", "=", identity.email)
        .execute();
    } finally {
      await handle.close();
    }
    const client = new AppClient();
    expect((await signInWithIdp(client, identity.email)).location).toMatch(/sso_error=account_disabled/);
    expect((await me(client)).status).toBe(401);
  });
});

describe("the callback's checks", () => {
  it("refuses a tampered state, a callback in another browser, and a replayed callback", async () => {
    const identity = await upsertIdentity({ groups: ADMINS, amr: MFA });
    const client = new AppClient();
    const url = await startFlow(client, "/api/sso/start", {});
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get("nonce")).toBeTruthy();
    const { callback } = await new IdpBrowser().authorize(url.href, identity.email);

    const tampered = new URL(callback);
    tampered.searchParams.set("state", `${callback.searchParams.get("state") ?? ""}x`);
    const bad = await client.request(callbackPath(tampered));
    expect(bad.headers.get("location")).toMatch(/sso_error=flow_expired/);

    // The same callback from a browser that did not start the flow finds nothing.
    const stranger = new AppClient();
    expect((await stranger.request(callbackPath(callback))).headers.get("location")).toMatch(
      /sso_error=flow_expired/,
    );
    expect((await me(stranger)).status).toBe(401);

    const good = await client.request(callbackPath(callback));
    expect(new URL(good.headers.get("location") ?? "", client.baseUrl).pathname).toBe("/admin");
    const signedIn = new AppClient(client.baseUrl, client.ip, client.origin, new Map(client.cookies));

    // Replayed: the flow is spent.
    const replay = new AppClient(client.baseUrl, client.ip, client.origin, new Map(client.cookies));
    const again = await replay.request(callbackPath(callback));
    expect(again.headers.get("location")).toMatch(/sso_error=flow_expired/);
    expect(again.headers.getSetCookie().some((c) => c.startsWith("portico.session_token="))).toBe(false);
    expect(await me(signedIn)).toMatchObject({ profile: "admin" });
  });

  it("refuses an ID token whose nonce is not the flow's, and a code whose PKCE challenge was changed", async () => {
    const identity = await upsertIdentity({ groups: ADMINS, amr: MFA });
    const client = new AppClient();
    const url = await startFlow(client, "/api/sso/start", {});
    url.searchParams.set("nonce", "a-nonce-the-app-never-made");
    const { callback } = await new IdpBrowser().authorize(url.href, identity.email);
    const res = await client.request(callbackPath(callback));
    expect(res.headers.get("location")).toMatch(/sso_error=invalid_response/);
    expect((await me(client)).status).toBe(401);

    const other = new AppClient();
    const pkce = await startFlow(other, "/api/sso/start", {});
    pkce.searchParams.set("code_challenge", "A".repeat(43));
    const second = await new IdpBrowser().authorize(pkce.href, identity.email);
    const refused = await other.request(callbackPath(second.callback));
    expect(refused.headers.get("location")).toMatch(/sso_error=invalid_response/);
    expect((await me(other)).status).toBe(401);
  });

  it("says so when the person cancels at the IdP", async () => {
    const client = new AppClient();
    const url = await startFlow(client, "/api/sso/start", {});
    const state = url.searchParams.get("state") ?? "";
    // As an IdP answers a refusal (RFC 9207: with its issuer).
    const params = new URLSearchParams({ error: "access_denied", state, iss: idpUrl() });
    const res = await client.request(`/api/sso/callback?${params.toString()}`);
    expect(res.headers.get("location")).toMatch(/sso_error=cancelled/);
  });
});

describe("an IdP outage", () => {
  it("keeps the app up and password sign-in working; the SSO path answers a clear 503, then recovers", async () => {
    const identity = await upsertIdentity({ groups: ADMINS, amr: MFA });
    const client = new AppClient();
    const url = await startFlow(client, "/api/sso/start", {});
    const { callback } = await new IdpBrowser().authorize(url.href, identity.email);

    await setIdpOutage(true);
    // The code cannot be exchanged: a clear refusal, no session.
    const res = await client.request(callbackPath(callback));
    expect(res.headers.get("location")).toMatch(/sso_error=idp_unavailable/);
    expect((await me(client)).status).toBe(401);

    const start = await new AppClient().request("/api/sso/start", { body: {} });
    expect(start.status).toBe(503);
    const body = (await start.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("idp_unavailable");
    expect(body.error.message).toMatch(/identity provider is not answering/);

    expect((await new AppClient().request("/api/health")).status).toBe(200);
    const login = await new AppClient().request("/login");
    expect(login.status).toBe(200);
    expect(await login.text()).toContain("Sign in with your company account");
    const password = await signInWith(tenantActors.owner);
    expect(await me(password)).toMatchObject({ profile: "owner" });

    await setIdpOutage(false);
    expect((await signInWithIdp(new AppClient(), identity.email)).location).toBe("/admin");
  });
});

describe("linking a company account", () => {
  it("links after a step-up, signs in through it, refuses a second or foreign link, and unlinks", async () => {
    const staff = await createStaffMember("admin");
    const { client } = staff;
    const identity = await upsertIdentity({ groups: ADMINS, amr: MFA });

    const noProof = await client.request("/api/sso/link", { body: { returnTo: "/admin/settings" } });
    expect(noProof.status).toBe(403);
    const url = await startFlow(client, "/api/sso/link", {
      code: await stepUpCode(staff.email, staff.totpSecret),
      returnTo: "/admin/settings",
    });
    expect(url.searchParams.get("max_age")).toBe("0");
    expect(url.searchParams.get("prompt")).toBe("login");
    const browser = new IdpBrowser();
    const { callback, loginShown } = await browser.authorize(url.href, identity.email);
    expect(loginShown).toBe(true);
    const linked = await client.request(callbackPath(callback));
    expect(new URL(linked.headers.get("location") ?? "", client.baseUrl).href).toBe(
      new URL("/admin/settings?sso=linked", client.baseUrl).href,
    );
    expect(await auditActions(staff.userId)).toContain("sso.identity_linked");
    const page = await client.request("/admin/settings?sso=linked");
    const html = await page.text();
    expect(html).toContain(`Linked to ${identity.email}`);
    expect(html).toContain("Your company account is linked");

    // The IdP now signs this staff member in (no new user; MFA at the IdP counts).
    const viaIdp = new AppClient();
    expect((await signInWithIdp(viaIdp, identity.email)).location).toBe("/admin");
    expect(await me(viaIdp)).toMatchObject({ profile: "admin", email: staff.email });
    expect(await userOf(identity.email)).toBeUndefined();

    // A second link is refused before any step-up; so is someone else's identity.
    const twice = await client.request("/api/sso/link", { body: { code: "000000" } });
    expect(twice.status).toBe(409);
    expect(await errorCode(twice)).toBe("already_linked");
    const other = await createStaffMember("admin");
    const otherClient = other.client;
    const foreign = await startFlow(otherClient, "/api/sso/link", {
      code: await stepUpCode(other.email, other.totpSecret),
      returnTo: "/admin/settings",
    });
    const stolen = await new IdpBrowser().authorize(foreign.href, identity.email);
    const refused = await otherClient.request(callbackPath(stolen.callback));
    expect(refused.headers.get("location")).toMatch(/\/admin\/settings\?sso_error=linked_elsewhere/);

    // An identity whose groups give no staff role cannot be linked to staff.
    const plain = await upsertIdentity({ groups: [], amr: MFA });
    const mismatch = await startFlow(otherClient, "/api/sso/link", {
      code: await stepUpCode(other.email, other.totpSecret),
      returnTo: "/admin/settings",
    });
    const plainCallback = await new IdpBrowser().authorize(mismatch.href, plain.email);
    expect((await otherClient.request(callbackPath(plainCallback.callback))).headers.get("location")).toMatch(
      /sso_error=link_role_mismatch/,
    );

    // Unlinking takes a step-up too; afterwards the identity no longer reaches this account.
    expect((await client.request("/api/sso/unlink", { body: {} })).status).toBe(403);
    const unlink = await client.request("/api/sso/unlink", {
      body: { code: await stepUpCode(staff.email, staff.totpSecret) },
    });
    expect(unlink.status).toBe(200);
    expect(await auditActions(staff.userId)).toContain("sso.identity_unlinked");
    const after = new AppClient();
    await signInWithIdp(after, identity.email);
    expect((await me(after)).email).not.toBe(staff.email);
  });

  it("is for staff only here: a tenant cannot link, and a user with no password cannot unlink", async () => {
    const owner = await signInWith(tenantActors.owner);
    const res = await owner.request("/api/sso/link", { body: { password: DEMO_PASSWORD } });
    expect(res.status).toBe(403);
    expect(await errorCode(res)).toBe("tenants_disabled");
    expect((await owner.request("/admin/settings")).status).toBe(404);

    const { client } = await idpAdmin();
    // An IdP-made admin has no password and no authenticator: unlinking would lock them out.
    const unlink = await client.request("/api/sso/unlink", { body: { code: "123456" } });
    expect([403, 409]).toContain(unlink.status);
  });
});

describe("the step-up by IdP re-authentication", () => {
  it("asks the IdP for a fresh login and earns a grant that opens one view, once, for its session and act only", async () => {
    const account = await acmeAccount();
    const { identity, client, browser } = await idpAdmin();
    const returnTo = `/admin/accounts/${account}`;

    const url = await startFlow(client, "/api/sso/step-up", { purpose: "view_as.start", returnTo });
    expect(url.searchParams.get("max_age")).toBe("0");
    expect(url.searchParams.get("prompt")).toBe("login");
    // The IdP knows this browser, yet asks for the login again.
    const { callback, loginShown } = await browser.authorize(url.href, identity.email);
    expect(loginShown).toBe(true);
    const back = await client.request(callbackPath(callback));
    const location = new URL(back.headers.get("location") ?? "", client.baseUrl);
    expect(location.pathname).toBe(returnTo);
    const grant = /^#sso-grant=([A-Za-z0-9_-]{43})$/.exec(location.hash)?.[1] ?? "";
    expect(grant).not.toBe("");

    // Another session of the same person cannot spend it.
    const elsewhere = new AppClient();
    await signInWithIdp(elsewhere, identity.email);
    const stolen = await elsewhere.request("/api/admin/impersonation", {
      body: { accountId: account, reason: VIEW_REASON, confirm: true, grant },
    });
    expect(stolen.status).toBe(403);

    const view = await client.request("/api/admin/impersonation", {
      body: { accountId: account, reason: VIEW_REASON, confirm: true, grant },
    });
    expect(view.status).toBe(201);
    // While viewing, a grant for the escalation.
    const escalateUrl = await startFlow(client, "/api/sso/step-up", {
      purpose: "view_as.escalate",
      returnTo: "/",
    });
    const escalation = await browser.authorize(escalateUrl.href, identity.email);
    const escalationBack = await client.request(callbackPath(escalation.callback));
    const escalateGrant = /#sso-grant=(.+)$/.exec(escalationBack.headers.get("location") ?? "")?.[1] ?? "";
    expect(escalateGrant).not.toBe("");
    expect((await client.request("/api/admin/impersonation/stop", { body: {} })).status).toBe(200);

    // Spent: the same grant opens nothing twice. The escalation's grant is not one for opening a view.
    const reused = await client.request("/api/admin/impersonation", {
      body: { accountId: account, reason: VIEW_REASON, confirm: true, grant },
    });
    expect(reused.status).toBe(403);
    expect(await errorCode(reused)).toBe("step_up_grant_invalid");
    const wrongAct = await client.request("/api/admin/impersonation", {
      body: { accountId: account, reason: VIEW_REASON, confirm: true, grant: escalateGrant },
    });
    expect(wrongAct.status).toBe(403);

    // …but still one for the escalation, once a view is open again.
    const again = await startFlow(client, "/api/sso/step-up", { purpose: "view_as.start", returnTo });
    const againBack = await client.request(
      callbackPath((await browser.authorize(again.href, identity.email)).callback),
    );
    const secondGrant = /#sso-grant=(.+)$/.exec(againBack.headers.get("location") ?? "")?.[1] ?? "";
    expect(
      (
        await client.request("/api/admin/impersonation", {
          body: { accountId: account, reason: VIEW_REASON, confirm: true, grant: secondGrant },
        })
      ).status,
    ).toBe(201);
    const escalated = await client.request("/api/admin/impersonation/escalate", {
      body: { reason: "Owner asked us to check order 1182", confirm: true, grant: escalateGrant },
    });
    expect(escalated.status).toBe(200);
    await client.request("/api/admin/impersonation/stop", { body: {} });

    const user = await userOf(identity.email);
    expect(await auditActions(user?.id ?? "")).toContain("auth.step_up_failed");
  });

  it("refuses a stale auth_time (an IdP that skipped the fresh login) and another identity", async () => {
    const account = await acmeAccount();
    const { identity, client, browser } = await idpAdmin();
    const returnTo = `/admin/accounts/${account}`;

    // auth_time has one-second resolution: the step-up starts a second after the IdP login.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await setIdpIgnoresFreshLogin(true);
    const lax = await startFlow(client, "/api/sso/step-up", { purpose: "view_as.start", returnTo });
    const silent = await browser.authorize(lax.href, identity.email);
    expect(silent.loginShown).toBe(false);
    const stale = await client.request(callbackPath(silent.callback));
    expect(stale.headers.get("location")).toBe(
      new URL(`${returnTo}#sso-error=step_up_stale`, client.baseUrl).href,
    );
    await setIdpIgnoresFreshLogin(false);

    const someoneElse = await upsertIdentity({ groups: ADMINS, amr: MFA });
    const url = await startFlow(client, "/api/sso/step-up", { purpose: "view_as.start", returnTo });
    const other = await browser.authorize(url.href, someoneElse.email);
    const wrong = await client.request(callbackPath(other.callback));
    expect(wrong.headers.get("location")).toMatch(/#sso-error=step_up_wrong_identity$/);

    // Neither earned anything: a view still needs a proof.
    const none = await client.request("/api/admin/impersonation", {
      body: { accountId: account, reason: VIEW_REASON, confirm: true },
    });
    expect(none.status).toBe(400);
  });

  it("is never a password alone: a re-authentication without MFA at the IdP earns nothing", async () => {
    const account = await acmeAccount();
    const identity = await upsertIdentity({ groups: SUPPORT, amr: MFA });
    const client = new AppClient();
    const browser = new IdpBrowser();
    expect((await signInWithIdp(client, identity.email, { browser })).location).toBe("/admin");
    await upsertIdentity({ ...identity, amr: ["pwd"] });
    const url = await startFlow(client, "/api/sso/step-up", {
      purpose: "view_as.start",
      returnTo: `/admin/accounts/${account}`,
    });
    const { callback } = await browser.authorize(url.href, identity.email);
    expect((await client.request(callbackPath(callback))).headers.get("location")).toMatch(
      /#sso-error=step_up_no_mfa$/,
    );
  });

  it("is only for linked staff, and only for an act they may do", async () => {
    const admin = await signInWith("admin@portico.test");
    const notLinked = await admin.request("/api/sso/step-up", {
      body: { purpose: "view_as.start", returnTo: "/admin" },
    });
    expect(notLinked.status).toBe(409);
    expect(await errorCode(notLinked)).toBe("not_linked");
    const owner = await signInWith(tenantActors.owner);
    expect(
      (await owner.request("/api/sso/step-up", { body: { purpose: "view_as.start", returnTo: "/" } })).status,
    ).toBe(404);
    const { client } = await idpAdmin();
    // Not viewing an account: nothing to escalate.
    expect(
      (await client.request("/api/sso/step-up", { body: { purpose: "view_as.escalate", returnTo: "/" } }))
        .status,
    ).toBe(409);
  });
});
