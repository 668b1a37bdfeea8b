import { createHash, createPublicKey, randomBytes, verify, type JsonWebKey } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_DEMO_PASSWORD } from "../../../emulator/oidc/identities";
import { startOidcProvider, type RunningOidcProvider } from "../../../emulator/oidc/provider";

// Never listened on: the test reads the redirect's Location instead of following it.
const REDIRECT_URI = "http://127.0.0.1:3999/api/auth/oauth2/callback/sandbox";
const POST_LOGOUT_URI = "http://127.0.0.1:3999/signed-out";

let idp: RunningOidcProvider;

beforeAll(async () => {
  idp = await startOidcProvider({
    port: 0,
    redirectUris: [REDIRECT_URI],
    postLogoutRedirectUris: [POST_LOGOUT_URI],
  });
});

afterAll(async () => {
  await idp?.stop();
});

type Discovery = {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint: string;
  jwks_uri: string;
  end_session_endpoint: string;
  scopes_supported: string[];
  claims_supported: string[];
  code_challenge_methods_supported: string[];
};

type TokenResponse = { id_token?: string; access_token?: string; error?: string; error_description?: string };

type IdTokenPayload = {
  iss: string;
  aud: string;
  sub: string;
  nonce?: string;
  auth_time: number;
  amr?: string[];
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
};

/** Just enough of a browser: cookies (with their paths) across requests, redirects by hand. */
class Browser {
  private cookies = new Map<string, { name: string; value: string; path: string }>();

  async request(
    url: string,
    init: { method?: string; form?: Record<string, string> } = {},
  ): Promise<Response> {
    const target = new URL(url);
    const cookie = [...this.cookies.values()]
      .filter((c) => target.pathname.startsWith(c.path))
      .map((c) => `${c.name}=${c.value}`)
      .join("; ");
    const res = await fetch(target, {
      method: init.method ?? (init.form ? "POST" : "GET"),
      redirect: "manual",
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(init.form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : null,
    });
    for (const line of res.headers.getSetCookie()) this.store(line);
    return res;
  }

  private store(line: string): void {
    const [pair = "", ...attributes] = line.split(";").map((s) => s.trim());
    const eq = pair.indexOf("=");
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    let path = "/";
    let expired = value === "";
    for (const attribute of attributes) {
      const [key = "", val = ""] = attribute.split("=");
      if (key.toLowerCase() === "path") path = val;
      if (key.toLowerCase() === "expires" && Date.parse(val) <= Date.now()) expired = true;
    }
    const key = `${name} ${path}`;
    if (expired) this.cookies.delete(key);
    else this.cookies.set(key, { name, value, path });
  }
}

function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

function location(res: Response, base: string): string {
  const value = res.headers.get("location");
  if (!value) throw new Error(`expected a redirect, got ${res.status}`);
  return new URL(value, base).href;
}

/** Follows the provider's own redirects; stops at the first hop that leaves it (the relying party's URI). */
async function followToApp(browser: Browser, res: Response): Promise<{ url: URL | null; last: Response }> {
  let current = res;
  for (let hops = 0; hops < 10; hops++) {
    if (current.status < 300 || current.status >= 400) return { url: null, last: current };
    const next = location(current, idp.issuer);
    if (!next.startsWith(idp.issuer)) return { url: new URL(next), last: current };
    current = await browser.request(next);
  }
  throw new Error("too many redirects");
}

type Flow = { state: string; nonce: string; verifier: string; challenge: string };

function newFlow(): Flow {
  return {
    state: randomBytes(12).toString("base64url"),
    nonce: randomBytes(12).toString("base64url"),
    ...pkcePair(),
  };
}

function authorizeUrl(flow: Flow, extra: Record<string, string> = {}, omit: string[] = []): string {
  const params: Record<string, string> = {
    client_id: OIDC_CLIENT_ID,
    response_type: "code",
    redirect_uri: REDIRECT_URI,
    scope: "openid email profile groups",
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: flow.challenge,
    code_challenge_method: "S256",
    ...extra,
  };
  for (const key of omit) delete params[key];
  return `${idp.issuer}/auth?${new URLSearchParams(params).toString()}`;
}

/** GET /auth: the login page's URL when the provider asks for a login, else the relying party's callback. */
async function startAuthorize(
  browser: Browser,
  url: string,
): Promise<{ loginUrl: string; page: string } | { callback: URL }> {
  const res = await browser.request(url);
  const { url: callback, last } = await followToApp(browser, res);
  if (callback) return { callback };
  const page = await last.text();
  expect(last.status).toBe(200);
  // The final hop is the interaction page; its URL is the previous Location, so rebuild it from the form.
  const action = /action="(\/interaction\/[^"]+)\/login"/.exec(page)?.[1];
  if (!action) throw new Error(`no login form on the page (status ${last.status})`);
  return { loginUrl: `${idp.issuer}${action}`, page };
}

async function login(browser: Browser, loginUrl: string, email: string, password = OIDC_DEMO_PASSWORD) {
  const res = await browser.request(`${loginUrl}/login`, { form: { email, password } });
  return followToApp(browser, res);
}

async function exchange(
  code: string,
  verifier: string | undefined,
  auth: "basic" | "post" = "basic",
): Promise<{ status: number; body: TokenResponse }> {
  const form: Record<string, string> = { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI };
  if (verifier !== undefined) form.code_verifier = verifier;
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (auth === "basic") {
    const basic = `${encodeURIComponent(OIDC_CLIENT_ID)}:${encodeURIComponent(OIDC_CLIENT_SECRET)}`;
    headers.authorization = `Basic ${Buffer.from(basic).toString("base64")}`;
  } else {
    form.client_id = OIDC_CLIENT_ID;
    form.client_secret = OIDC_CLIENT_SECRET;
  }
  const res = await fetch(`${idp.issuer}/token`, {
    method: "POST",
    headers,
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json()) as TokenResponse };
}

function decodePart<T>(part: string | undefined): T {
  return JSON.parse(Buffer.from(part ?? "", "base64url").toString("utf8")) as T;
}

async function verifiedPayload(idToken: string): Promise<IdTokenPayload> {
  const [h, p, s] = idToken.split(".");
  const header = decodePart<{ alg: string; kid: string }>(h);
  expect(header.alg).toBe("RS256");
  const jwks = (await (await fetch(`${idp.issuer}/jwks`)).json()) as {
    keys: (JsonWebKey & { kid?: string })[];
  };
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  expect(jwk).toBeDefined();
  expect(jwk?.d).toBeUndefined();
  const key = createPublicKey({ key: jwk ?? {}, format: "jwk" });
  const ok = verify("RSA-SHA256", Buffer.from(`${h}.${p}`), key, Buffer.from(s ?? "", "base64url"));
  expect(ok).toBe(true);
  // A flipped payload must not verify with the same signature.
  const forged = Buffer.from(JSON.stringify({ ...decodePart<object>(p), email: "x@evil.test" })).toString(
    "base64url",
  );
  expect(verify("RSA-SHA256", Buffer.from(`${h}.${forged}`), key, Buffer.from(s ?? "", "base64url"))).toBe(
    false,
  );
  return decodePart<IdTokenPayload>(p);
}

/** Login through the page as `email`, returning the callback URL and the flow it answered. */
async function signIn(browser: Browser, email: string, extra: Record<string, string> = {}) {
  const flow = newFlow();
  const started = await startAuthorize(browser, authorizeUrl(flow, extra));
  if (!("loginUrl" in started)) throw new Error("expected the login page");
  const { url } = await login(browser, started.loginUrl, email);
  if (!url) throw new Error("expected a redirect to the app");
  return { flow, callback: url };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

describe("sandbox OpenID provider", () => {
  it("publishes discovery for an http loopback issuer", async () => {
    expect(idp.issuer).toBe(`http://127.0.0.1:${idp.port}`);
    const res = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const d = (await res.json()) as Discovery;
    expect(d.issuer).toBe(idp.issuer);
    expect(d.authorization_endpoint).toBe(`${idp.issuer}/auth`);
    expect(d.token_endpoint).toBe(`${idp.issuer}/token`);
    expect(d.end_session_endpoint).toBe(`${idp.issuer}/session/end`);
    expect(d.code_challenge_methods_supported).toEqual(["S256"]);
    expect(d.scopes_supported).toEqual(expect.arrayContaining(["openid", "email", "profile", "groups"]));
    expect(d.claims_supported).toEqual(
      expect.arrayContaining(["sub", "email", "email_verified", "name", "groups", "amr", "auth_time"]),
    );
  });

  it("runs the authorization-code flow with PKCE and signs an ID token with the identity's claims", async () => {
    const browser = new Browser();
    const flow = newFlow();
    const started = await startAuthorize(browser, authorizeUrl(flow));
    if (!("loginUrl" in started)) throw new Error("expected the login page");
    expect(started.page).toContain("<title>Sandbox identity provider</title>");
    expect(started.page).toContain("prefers-color-scheme:dark");
    expect(started.page).toContain('name="viewport"');
    expect(started.page).toContain("to continue to <strong>Portico</strong>");
    // Self-contained: no stylesheet, font or script from elsewhere.
    expect(started.page).not.toMatch(/https?:\/\//);
    for (const email of ["idp-admin@portico.test", "idp-support@portico.test", "idp-owner@acme.test"]) {
      expect(started.page).toContain(`data-email="${email}"`);
    }

    const { url } = await login(browser, started.loginUrl, "idp-admin@portico.test");
    expect(url).not.toBeNull();
    if (!url) return;
    expect(`${url.origin}${url.pathname}`).toBe(REDIRECT_URI);
    expect(url.searchParams.get("state")).toBe(flow.state);
    expect(url.searchParams.get("iss")).toBe(idp.issuer);
    const code = url.searchParams.get("code");
    expect(code).toBeTruthy();

    const before = Math.floor(Date.now() / 1000);
    const token = await exchange(code ?? "", flow.verifier);
    expect(token.status).toBe(200);
    expect(token.body.id_token).toBeTruthy();
    const claims = await verifiedPayload(token.body.id_token ?? "");
    expect(claims.iss).toBe(idp.issuer);
    expect(claims.aud).toBe(OIDC_CLIENT_ID);
    expect(claims.sub).toBe("sandbox-idp-admin");
    expect(claims.nonce).toBe(flow.nonce);
    expect(claims.email).toBe("idp-admin@portico.test");
    expect(claims.email_verified).toBe(true);
    expect(claims.name).toBe("Ida Admin");
    expect(claims.groups).toEqual(["portico-admins"]);
    expect(claims.amr).toEqual(["pwd", "otp", "mfa"]);
    expect(typeof claims.auth_time).toBe("number");
    expect(claims.auth_time).toBeLessThanOrEqual(before + 1);
    expect(claims.auth_time).toBeGreaterThan(before - 30);

    const userinfo = await fetch(`${idp.issuer}/me`, {
      headers: { authorization: `Bearer ${token.body.access_token ?? ""}` },
    });
    expect(userinfo.status).toBe(200);
    expect(await userinfo.json()).toEqual({
      sub: "sandbox-idp-admin",
      email: "idp-admin@portico.test",
      email_verified: true,
      name: "Ida Admin",
      groups: ["portico-admins"],
    });

    // The code is single-use, and replaying it revokes what it issued.
    const again = await exchange(code ?? "", flow.verifier);
    expect(again.status).toBe(400);
    expect(again.body.error).toBe("invalid_grant");
    const revoked = await fetch(`${idp.issuer}/me`, {
      headers: { authorization: `Bearer ${token.body.access_token ?? ""}` },
    });
    expect(revoked.status).toBe(401);
  });

  it("reports amr without mfa for an identity the IdP checked by password only (client_secret_post)", async () => {
    const { flow, callback } = await signIn(new Browser(), "idp-support@portico.test");
    const token = await exchange(callback.searchParams.get("code") ?? "", flow.verifier, "post");
    expect(token.status).toBe(200);
    const claims = await verifiedPayload(token.body.id_token ?? "");
    expect(claims.amr).toEqual(["pwd"]);
    expect(claims.groups).toEqual(["portico-support"]);
  });

  it("shows an error and issues no code for a wrong password", async () => {
    const browser = new Browser();
    const started = await startAuthorize(browser, authorizeUrl(newFlow()));
    if (!("loginUrl" in started)) throw new Error("expected the login page");
    const res = await browser.request(`${started.loginUrl}/login`, {
      form: { email: "idp-admin@portico.test", password: "not-the-password" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("location")).toBeNull();
    const page = await res.text();
    expect(page).toContain("Wrong email or password");
    expect(page).toContain('value="idp-admin@portico.test"');
    expect(page).not.toContain("code=");

    // An unknown email gets the same answer.
    const unknown = await browser.request(`${started.loginUrl}/login`, {
      form: { email: "nobody@portico.test", password: OIDC_DEMO_PASSWORD },
    });
    expect(await unknown.text()).toContain("Wrong email or password");
  });

  it("escapes what it echoes into the page", async () => {
    const started = await startAuthorize(
      new Browser(),
      authorizeUrl(newFlow(), { login_hint: `"><script>alert(1)</script>` }),
    );
    if (!("loginUrl" in started)) throw new Error("expected the login page");
    expect(started.page).not.toContain("<script>alert(1)</script>");
    expect(started.page).toContain("&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;");
  });

  it("refuses a token request without the code_verifier, or with a wrong one", async () => {
    const { flow, callback } = await signIn(new Browser(), "idp-owner@acme.test");
    const code = callback.searchParams.get("code") ?? "";
    const missing = await exchange(code, undefined);
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe("invalid_grant");
    const wrong = await exchange(code, pkcePair().verifier);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe("invalid_grant");
    expect(flow.verifier).toBeTruthy();
  });

  it("requires PKCE: an authorize without code_challenge goes back to the app with invalid_request", async () => {
    const flow = newFlow();
    const res = await new Browser().request(
      authorizeUrl(flow, {}, ["code_challenge", "code_challenge_method"]),
    );
    const url = new URL(location(res, idp.issuer));
    expect(`${url.origin}${url.pathname}`).toBe(REDIRECT_URI);
    expect(url.searchParams.get("error")).toBe("invalid_request");
    expect(url.searchParams.get("error_description")).toMatch(/PKCE/);
    expect(url.searchParams.get("state")).toBe(flow.state);
    expect(url.searchParams.get("code")).toBeNull();
  });

  it("signs a returning browser in silently, but max_age=0 and prompt=login force a fresh login", async () => {
    const browser = new Browser();
    const first = await signIn(browser, "idp-admin@portico.test");
    const firstToken = await exchange(first.callback.searchParams.get("code") ?? "", first.flow.verifier);
    const firstClaims = await verifiedPayload(firstToken.body.id_token ?? "");

    // Same cookies, no max_age: single sign-on without the page.
    const silentFlow = newFlow();
    const silent = await startAuthorize(browser, authorizeUrl(silentFlow));
    if (!("callback" in silent)) throw new Error("expected a silent sign-in");
    const silentToken = await exchange(silent.callback.searchParams.get("code") ?? "", silentFlow.verifier);
    const silentClaims = await verifiedPayload(silentToken.body.id_token ?? "");
    expect(silentClaims.auth_time).toBe(firstClaims.auth_time);
    expect(silentClaims.amr).toEqual(["pwd", "otp", "mfa"]);

    // auth_time has one-second resolution.
    await sleep(1100);
    const fresh = await signIn(browser, "idp-admin@portico.test", { max_age: "0" });
    const freshToken = await exchange(fresh.callback.searchParams.get("code") ?? "", fresh.flow.verifier);
    const freshClaims = await verifiedPayload(freshToken.body.id_token ?? "");
    expect(freshClaims.auth_time).toBeGreaterThan(firstClaims.auth_time);
    expect(freshClaims.nonce).toBe(fresh.flow.nonce);

    // A max_age the session still meets stays silent and keeps the fresh auth_time.
    const recentFlow = newFlow();
    const recent = await startAuthorize(browser, authorizeUrl(recentFlow, { max_age: "600" }));
    if (!("callback" in recent)) throw new Error("expected a silent sign-in");
    const recentToken = await exchange(recent.callback.searchParams.get("code") ?? "", recentFlow.verifier);
    expect((await verifiedPayload(recentToken.body.id_token ?? "")).auth_time).toBe(freshClaims.auth_time);

    const forced = await startAuthorize(browser, authorizeUrl(newFlow(), { prompt: "login" }));
    expect("loginUrl" in forced).toBe(true);
  });

  it("grants a scope asked for later without a login page or a consent screen", async () => {
    const browser = new Browser();
    const first = await signIn(browser, "idp-support@portico.test", { scope: "openid email" });
    const firstToken = await exchange(first.callback.searchParams.get("code") ?? "", first.flow.verifier);
    const firstClaims = await verifiedPayload(firstToken.body.id_token ?? "");
    expect(firstClaims.email).toBe("idp-support@portico.test");
    expect(firstClaims.groups).toBeUndefined();
    expect(firstClaims.name).toBeUndefined();

    const flow = newFlow();
    const more = await startAuthorize(browser, authorizeUrl(flow));
    if (!("callback" in more)) throw new Error("expected no page for the added scopes");
    const token = await exchange(more.callback.searchParams.get("code") ?? "", flow.verifier);
    const claims = await verifiedPayload(token.body.id_token ?? "");
    expect(claims.groups).toEqual(["portico-support"]);
    expect(claims.name).toBe("Sam Support");
    expect(claims.amr).toEqual(["pwd"]);
  });

  it("answers a stale or unknown interaction with a page that says to start again", async () => {
    const res = await new Browser().request(`${idp.issuer}/interaction/not-a-real-one`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("This sign-in has expired");
  });

  it("answers 503 to everything during an outage, then recovers", async () => {
    idp.setOutage(true);
    try {
      const discovery = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
      expect(discovery.status).toBe(503);
      expect(((await discovery.json()) as { error: string }).error).toBe("temporarily_unavailable");
      const authorize = await fetch(authorizeUrl(newFlow()), { redirect: "manual" });
      expect(authorize.status).toBe(503);
      expect((await fetch(`${idp.issuer}/jwks`)).status).toBe(503);
    } finally {
      idp.setOutage(false);
    }
    expect((await fetch(`${idp.issuer}/.well-known/openid-configuration`)).status).toBe(200);
  });

  it("supports RP-initiated logout back to a registered post_logout_redirect_uri", async () => {
    const browser = new Browser();
    const { flow, callback } = await signIn(browser, "idp-owner@acme.test");
    const token = await exchange(callback.searchParams.get("code") ?? "", flow.verifier);
    const params = new URLSearchParams({
      id_token_hint: token.body.id_token ?? "",
      post_logout_redirect_uri: POST_LOGOUT_URI,
      state: "bye",
    });
    const confirm = await browser.request(`${idp.issuer}/session/end?${params.toString()}`);
    expect(confirm.status).toBe(200);
    const page = await confirm.text();
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page)?.[1];
    expect(xsrf).toBeTruthy();
    const done = await browser.request(`${idp.issuer}/session/end/confirm`, {
      form: { xsrf: xsrf ?? "", logout: "yes" },
    });
    const back = new URL(location(done, idp.issuer));
    expect(`${back.origin}${back.pathname}`).toBe(POST_LOGOUT_URI);
    expect(back.searchParams.get("state")).toBe("bye");

    // The IdP session is gone: the next authorize asks for a login again.
    const next = await startAuthorize(browser, authorizeUrl(newFlow()));
    expect("loginUrl" in next).toBe(true);
  });
});
