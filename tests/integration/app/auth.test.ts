import { describe, expect, it } from "vitest";
import { AppClient, uniqueEmail } from "../../support/app-client";

const password = "correct-horse-battery";

describe("sign-up, sign-in, session and sign-out", () => {
  it("signs up a business, keeps the session, and ends it on sign-out", async () => {
    const client = new AppClient();
    const email = uniqueEmail("founder");
    const signUp = await client.signUp({
      name: "Fay Founder",
      email,
      password,
      businessName: "Fay's Florist",
    });
    expect(signUp.status).toBe(201);
    const body = await signUp.json();
    expect(body.tenant.name).toBe("Fay's Florist");
    expect(body.tenant.slug).toMatch(/^fay-s-florist/);
    expect(client.cookies.has("portico.session_token")).toBe(true);

    const me = await client.request("/api/me");
    expect(me.status).toBe(200);
    const meBody = await me.json();
    expect(meBody.user.email).toBe(email);
    expect(meBody.memberships).toEqual([
      { tenant: { name: "Fay's Florist", slug: body.tenant.slug }, role: "owner" },
    ]);

    const oldCookie = client.cookieHeader();
    expect((await client.signOut()).status).toBe(200);
    expect((await client.request("/api/me")).status).toBe(401);
    // Replaying the old cookie after sign-out is refused: the server deleted the session.
    const replay = await fetch(new URL("/api/me", client.baseUrl), { headers: { cookie: oldCookie } });
    expect(replay.status).toBe(401);

    const again = new AppClient();
    expect((await again.signIn(email, password)).status).toBe(200);
    expect((await again.request("/api/me")).status).toBe(200);
  });

  it("makes nothing of a second sign-up with the same email, and validates fields", async () => {
    const client = new AppClient();
    const email = uniqueEmail("dupe");
    expect((await client.signUp({ name: "A", email, password, businessName: "First Co" })).status).toBe(201);
    // Answered like any sign-up (the address is not revealed as taken); the owner is mailed a note instead.
    const second = await new AppClient().signUp({ name: "B", email, password, businessName: "Second Co" });
    expect(second.status).toBe(202);
    expect((await second.json()).status).toBe("check_email");

    const invalid = await new AppClient().signUp({
      name: "",
      email: "nope",
      password: "short",
      businessName: "",
    });
    expect(invalid.status).toBe(400);
    const { error } = await invalid.json();
    expect(Object.keys(error.fields).sort()).toEqual(["businessName", "email", "name", "password"]);

    // A business name is required (invitees join from their invitation's link instead).
    const noBusiness = await new AppClient().signUp({
      name: "C",
      email: uniqueEmail("nobiz"),
      password,
      businessName: "",
    });
    expect(noBusiness.status).toBe(400);
    expect((await noBusiness.json()).error.fields).toEqual({ businessName: "Enter your business name." });
  });

  it("rotates the session on sign-in: a token from before is not the token after", async () => {
    const client = new AppClient();
    await client.signIn("owner@globex.test");
    const first = client.cookies.get("portico.session_token");
    await client.signIn("owner@globex.test");
    const second = client.cookies.get("portico.session_token");
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
  });

  it("answers a wrong password and an unknown email alike", async () => {
    const wrong = await new AppClient().signIn("owner@acme.test", "not-the-password");
    const unknown = await new AppClient().signIn(uniqueEmail("ghost"), "not-the-password");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it("throttles repeated sign-in failures per IP", async () => {
    const client = new AppClient();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await client.signIn(uniqueEmail("ip"), "wrong-password")).status);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
  });

  it("throttles repeated failures per account, whatever the IP, and blocks the right password too", async () => {
    const email = uniqueEmail("target");
    await new AppClient().signUp({ name: "T", email, password, businessName: "Target Co" });
    for (let i = 0; i < 5; i++) {
      expect((await new AppClient().signIn(email, "wrong-password")).status).toBe(401);
    }
    const locked = await new AppClient().signIn(email, password);
    expect(locked.status).toBe(429);
    // An unknown email gets the same lock-out answer after the same number of failures.
    const ghost = uniqueEmail("ghost");
    for (let i = 0; i < 5; i++) await new AppClient().signIn(ghost, "wrong-password");
    const ghostLocked = await new AppClient().signIn(ghost, "wrong-password");
    expect(ghostLocked.status).toBe(429);
    // The same words; the seconds left may differ by one (the two locks started a moment apart).
    type Locked = { error: { code: string; message: string; retryAfterSeconds: number } };
    const ghostBody = (await ghostLocked.json()) as Locked;
    const realBody = (await (await new AppClient().signIn(email, password)).json()) as Locked;
    expect({ ...ghostBody.error, retryAfterSeconds: 0 }).toEqual({ ...realBody.error, retryAfterSeconds: 0 });
    expect(
      Math.abs(ghostBody.error.retryAfterSeconds - realBody.error.retryAfterSeconds),
    ).toBeLessThanOrEqual(1);
  });
});

describe("authorization on route handlers", () => {
  it("answers 401 without a session", async () => {
    expect((await new AppClient().request("/api/tenant")).status).toBe(401);
    expect((await new AppClient().request("/api/me")).status).toBe(401);
  });

  it("answers 403 to a signed-in user with the wrong role", async () => {
    const admin = new AppClient();
    await admin.signIn("admin@portico.test");
    // Platform staff are not members of any business (they see one only through a view).
    const response = await admin.request("/api/tenant");
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe("no_membership");

    const owner = new AppClient();
    await owner.signIn("owner@acme.test");
    expect((await owner.request("/api/tenant")).status).toBe(200);
  });

  it("refuses a mutating request with a foreign or missing Origin", async () => {
    const foreign = await new AppClient().request("/api/signup", {
      body: { name: "X", email: uniqueEmail(), password, businessName: "X Co" },
      origin: "http://evil.test",
    });
    expect(foreign.status).toBe(403);
    const missing = await new AppClient().request("/api/signup", {
      body: { name: "X", email: uniqueEmail(), password, businessName: "X Co" },
      origin: null,
    });
    expect(missing.status).toBe(403);

    // better-auth's own routes refuse a foreign Origin on cookie-bearing requests too.
    const client = new AppClient();
    await client.signIn("owner@acme.test");
    const signOut = await client.request("/api/auth/sign-out", { body: {}, origin: "http://evil.test" });
    expect(signOut.status).toBe(403);
  });
});

describe("security headers", () => {
  const paths = ["/login", "/api/health", "/this-page-does-not-exist", "/api/me", "/api/auth/ok"];
  for (const path of paths) {
    it(`are present on ${path}`, async () => {
      const response = await new AppClient().request(path);
      const csp = response.headers.get("content-security-policy") ?? "";
      if (path.startsWith("/api/")) {
        // JSON needs nothing: API routes get a CSP that allows no source at all (and no nonce, they skip the proxy).
        expect(csp).toContain("default-src 'none'");
        expect(csp).not.toContain("script-src");
      } else {
        expect(csp).toMatch(/script-src [^;]*'nonce-[A-Za-z0-9+/=]+'/);
      }
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("strict-transport-security")).toContain("max-age=");
      if (path !== "/api/auth/ok") expect(response.headers.get("x-request-id")).toBeTruthy();
    });
  }

  it("never lets a client choose its request id", async () => {
    for (const path of ["/login", "/api/health", "/api/me"]) {
      const response = await new AppClient().request(path, {
        headers: { "x-request-id": "chosen-by-client" },
      });
      const id = response.headers.get("x-request-id");
      expect(id).toBeTruthy();
      expect(id).not.toBe("chosen-by-client");
    }
  });

  it("gives each page load its own nonce, applied to the page's scripts", async () => {
    const first = await new AppClient().request("/login");
    const second = await new AppClient().request("/login");
    const nonceOf = (r: Response) =>
      /'nonce-([^']+)'/.exec(r.headers.get("content-security-policy") ?? "")?.[1];
    const nonce = nonceOf(first);
    expect(nonce).toBeTruthy();
    expect(nonce).not.toBe(nonceOf(second));
    expect(await first.text()).toContain(`nonce="${nonce}"`);
  });

  it("sets session cookies HttpOnly and SameSite=Lax", async () => {
    const response = await new AppClient().signIn("owner@acme.test");
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("portico.session_token="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it("answers 404 for the admin console to a tenant owner and to anonymous visitors", async () => {
    const owner = new AppClient();
    await owner.signIn("owner@acme.test");
    expect((await owner.request("/admin")).status).toBe(404);
    expect((await new AppClient().request("/admin")).status).toBe(404);
    // Other pages still send anonymous visitors to sign in.
    const anonymous = await new AppClient().request("/payments");
    expect(anonymous.status).toBe(307);
    expect(anonymous.headers.get("location")).toContain("/login");
  });
});
