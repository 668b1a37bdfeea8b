import { generateKeyPairSync, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type Provider from "oidc-provider";
import type {
  Account,
  AdapterFactory,
  AdapterPayload,
  ClientMetadata,
  Configuration,
  ErrorOut,
  JWK,
  KoaContextWithOIDC,
} from "oidc-provider";
import {
  OIDC_CLIENT_ID,
  OIDC_CLIENT_SECRET,
  OIDC_DEMO_PASSWORD,
  OIDC_IDENTITIES,
  type OidcIdentity,
} from "./identities";

/** A local OpenID Connect provider for the sandbox: one confidential client, demo identities, our own login page. */

export type OidcProviderOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** A loopback host only (the default 127.0.0.1); the issuer is `http://<host>:<port>`. */
  host?: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  identities?: readonly OidcIdentity[];
};

export type RunningOidcProvider = {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  issuer: string;
  port: number;
  /** While down, every request (discovery included) answers 503 — except the control API below. */
  setOutage(down: boolean): void;
  /** Adds an identity, or replaces the one with its `sub` (a group change takes effect at its next login). */
  upsertIdentity(identity: OidcIdentity): void;
  /** Plays an IdP that ignores max_age and prompt=login: a browser it knows gets a code without a fresh login. */
  setIgnoreFreshLogin(ignore: boolean): void;
  stop(): Promise<void>;
};

/**
 * The control API (not OpenID's; this machine only, like the Stripe sandbox's `/_emulator/`), for tests and demos:
 * `POST /_control/outage` `{ "down": true }`, `PUT /_control/identities` with an identity, `GET /_control/identities`,
 * `POST /_control/behaviour` `{ "ignoreFreshLogin": true }`. It answers during an outage too.
 */
export const OIDC_CONTROL_PREFIX = "/_control/";

type Interaction = Awaited<ReturnType<Provider["interactionDetails"]>>;

const SCOPES = ["openid", "email", "profile", "groups"];
const SCOPE_SET = new Set(SCOPES);
const LOOPBACK_HOST = /^(?:127(?:\.\d{1,3}){3}|localhost|::1)$/;
const INTERACTION_PATH = /^\/interaction\/([A-Za-z0-9_-]+)(\/login)?$/;
const MAX_FORM_BYTES = 16 * 1024;
// Tokens the provider indexes by grant, so revoking a grant removes them (as the library's own memory adapter does).
const GRANT_BOUND_MODELS = new Set([
  "AccessToken",
  "AuthorizationCode",
  "RefreshToken",
  "DeviceCode",
  "BackchannelAuthenticationRequest",
  "PreAuthorizedCode",
]);

export async function startOidcProvider(options: OidcProviderOptions): Promise<RunningOidcProvider> {
  const host = options.host ?? "127.0.0.1";
  // Plain http and non-secure cookies are only acceptable on this machine.
  if (!LOOPBACK_HOST.test(host))
    throw new Error(`The sandbox identity provider binds a loopback host only, not "${host}".`);
  if (options.redirectUris.length === 0)
    throw new Error("The sandbox identity provider needs at least one redirect URI.");
  // A copy: the control API changes this provider's people, never the module's demo list.
  const identities: OidcIdentity[] = (options.identities ?? OIDC_IDENTITIES).map((i) => ({
    ...i,
    groups: [...i.groups],
    amr: [...i.amr],
  }));
  let ignoreFreshLogin = false;

  const { default: ProviderClass, errors } = await import("oidc-provider");

  let down = false;
  // The issuer needs the port, so the server listens before the provider exists; the `request` listener is
  // added below with no await in between, so no request arrives unhandled.
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  const client: ClientMetadata = {
    client_id: OIDC_CLIENT_ID,
    client_secret: OIDC_CLIENT_SECRET,
    client_name: "Portico",
    application_type: "web",
    redirect_uris: options.redirectUris,
    ...(options.postLogoutRedirectUris?.length
      ? { post_logout_redirect_uris: options.postLogoutRedirectUris }
      : {}),
    response_types: ["code"],
    grant_types: ["authorization_code"],
    // The provider accepts client_secret_post too for a client registered with client_secret_basic.
    token_endpoint_auth_method: "client_secret_basic",
    id_token_signed_response_alg: "RS256",
    // Without it auth_time is only in the ID token when the request had max_age or prompt=login.
    require_auth_time: true,
  };

  const configuration: Configuration = {
    adapter: memoryAdapter(),
    clients: [client],
    clientAuthMethods: ["client_secret_basic", "client_secret_post"],
    responseTypes: ["code"],
    // By default PKCE is only required of public clients; the sandbox requires it of ours too.
    pkce: { required: () => true },
    // A real IdP wants redirect_uri on every request; so does the sandbox, so the app cannot lean on leniency.
    allowOmittingSingleRegisteredRedirectUri: false,
    scopes: SCOPES,
    claims: {
      // amr under openid: a standalone `amr: null` claim only reaches the ID token when the request's claims
      // parameter asks for it, so the login's amr would be dropped although the session carries it.
      openid: ["sub", "amr"],
      email: ["email", "email_verified"],
      profile: ["name"],
      groups: ["groups"],
    },
    // The ID token carries the scope's claims too, for a relying party that never calls userinfo.
    conformIdTokenClaims: false,
    findAccount: (_ctx, sub) => {
      const identity = identities.find((i) => i.sub === sub);
      return identity ? accountOf(identity) : undefined;
    },
    jwks: { keys: [signingKey()] },
    cookies: {
      keys: [randomBytes(32).toString("base64url")],
      // Cookies ignore the port: distinct names keep ours apart from the app's on the same loopback host.
      names: {
        session: "portico_idp_session",
        interaction: "portico_idp_interaction",
        resume: "portico_idp_resume",
      },
    },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.type = "html";
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.type = "html";
          ctx.body = messagePage("Signed out", "You are signed out of the sandbox identity provider.");
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    renderError: (ctx: KoaContextWithOIDC, out: ErrorOut) => {
      ctx.type = "html";
      ctx.body = messagePage("Sign-in failed", out.error_description ?? out.error, out.error);
    },
    // Our client is confidential: browsers never call the token or userinfo endpoints cross-origin.
    clientBasedCORS: () => false,
  };

  const provider = new ProviderClass(issuer, configuration);
  const callback = provider.callback();

  /** Consent is automatic for the sandbox's own client: the grant holds what was asked, within our scopes. */
  async function grantFor(
    details: Interaction,
    accountId: string,
    existingId: string | undefined,
  ): Promise<string> {
    const clientId = typeof details.params.client_id === "string" ? details.params.client_id : OIDC_CLIENT_ID;
    const existing = existingId ? await provider.Grant.find(existingId) : undefined;
    const grant = existing ?? new provider.Grant({ accountId, clientId });
    const requested = typeof details.params.scope === "string" ? details.params.scope.split(" ") : [];
    grant.addOIDCScope(requested.filter((s) => SCOPE_SET.has(s)));
    return grant.save();
  }

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, login: boolean) {
    if (req.method !== (login ? "POST" : "GET")) {
      sendHtml(res, 405, messagePage("Not allowed", "This page does not take that request."), {
        allow: login ? "POST" : "GET",
      });
      return;
    }
    let details: Interaction;
    try {
      details = await provider.interactionDetails(req, res);
    } catch (err) {
      if (!(err instanceof errors.SessionNotFound)) throw err;
      sendHtml(res, 400, expiredPage());
      return;
    }
    // The cookie names the interaction in progress; an older tab's page is stale.
    if (details.uid !== uid) {
      sendHtml(res, 400, expiredPage());
      return;
    }
    const clientId = typeof details.params.client_id === "string" ? details.params.client_id : OIDC_CLIENT_ID;
    const clientName = (await provider.Client.find(clientId))?.clientName ?? clientId;

    if (!login) {
      if (details.prompt.name === "login") {
        const hint = typeof details.params.login_hint === "string" ? details.params.login_hint : "";
        sendHtml(res, 200, loginPage({ uid, clientName, email: hint, identities }));
        return;
      }
      // Already signed in and only consent is missing: grant it without asking.
      const accountId = details.session?.accountId;
      if (!accountId) {
        sendHtml(res, 400, expiredPage());
        return;
      }
      const grantId = await grantFor(details, accountId, details.grantId);
      await provider.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
      return;
    }

    const form = new URLSearchParams(await readForm(req));
    const email = (form.get("email") ?? "").trim();
    const password = form.get("password") ?? "";
    const identity = identities.find((i) => i.email.toLowerCase() === email.toLowerCase());
    if (!identity || !sameText(identity.password, password)) {
      sendHtml(
        res,
        200,
        loginPage({ uid, clientName, email, identities, error: "Wrong email or password. Try again." }),
      );
      return;
    }
    // A fresh grant per login: an earlier one may belong to someone else who used this browser.
    const grantId = await grantFor(details, identity.sub, undefined);
    await provider.interactionFinished(
      req,
      res,
      // amr travels session → code → ID token; listing it under the openid scope lets it through.
      { login: { accountId: identity.sub, amr: [...identity.amr] }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  }

  function upsertIdentity(identity: OidcIdentity): void {
    const index = identities.findIndex((i) => i.sub === identity.sub);
    const copy = { ...identity, groups: [...identity.groups], amr: [...identity.amr] };
    if (index >= 0) identities[index] = copy;
    else identities.push(copy);
  }

  async function control(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const name = path.slice(OIDC_CONTROL_PREFIX.length);
    if (name === "identities" && req.method === "GET") {
      sendJsonValue(
        res,
        200,
        identities.map(({ password: _password, ...rest }) => rest),
      );
      return;
    }
    const body = req.method === "GET" ? "" : await readForm(req);
    let value: unknown;
    try {
      value = body ? JSON.parse(body) : {};
    } catch {
      sendJson(res, 400, { error: "invalid_request", error_description: "Send a JSON body." });
      return;
    }
    if (name === "outage" && req.method === "POST" && isRecord(value) && typeof value.down === "boolean") {
      down = value.down;
      sendJsonValue(res, 200, { down });
      return;
    }
    if (
      name === "behaviour" &&
      req.method === "POST" &&
      isRecord(value) &&
      typeof value.ignoreFreshLogin === "boolean"
    ) {
      ignoreFreshLogin = value.ignoreFreshLogin;
      sendJsonValue(res, 200, { ignoreFreshLogin });
      return;
    }
    if (name === "identities" && req.method === "PUT") {
      const identity = parseIdentity(value);
      if (!identity) {
        sendJson(res, 400, {
          error: "invalid_request",
          error_description:
            "An identity needs sub, email, name, email_verified, groups and amr (string arrays); password defaults to the demo one.",
        });
        return;
      }
      upsertIdentity(identity);
      sendJsonValue(res, 200, { sub: identity.sub });
      return;
    }
    sendJson(res, 404, { error: "not_found", error_description: "No such control endpoint." });
  }

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const requestPath = (req.url ?? "/").split("?", 1)[0] ?? "/";
    if (requestPath.startsWith(OIDC_CONTROL_PREFIX)) {
      control(req, res, requestPath).catch((err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        if (!res.headersSent) sendJson(res, 500, { error: "server_error", error_description: message });
        else res.destroy();
      });
      return;
    }
    if (ignoreFreshLogin && requestPath === "/auth" && req.url) {
      // A lax IdP: drops the request's demand for a fresh login before the provider sees it.
      const url = new URL(req.url, issuer);
      url.searchParams.delete("max_age");
      url.searchParams.delete("prompt");
      req.url = `${url.pathname}${url.search}`;
    }
    if (down) {
      sendJson(res, 503, {
        error: "temporarily_unavailable",
        error_description: "The sandbox identity provider is down (simulated outage).",
      });
      return;
    }
    const match = INTERACTION_PATH.exec(requestPath);
    const uid = match?.[1];
    if (uid === undefined) {
      void callback(req, res);
      return;
    }
    interaction(req, res, uid, match?.[2] !== undefined).catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      if (!res.headersSent) sendHtml(res, 500, messagePage("Something went wrong", message));
      else res.destroy();
    });
  });

  try {
    // Client metadata is checked lazily; load ours now so a bad redirect URI fails the start, not the first login.
    await provider.Client.find(OIDC_CLIENT_ID);
  } catch (err) {
    server.close();
    const detail =
      err instanceof errors.OIDCProviderError ? (err.error_description ?? err.error) : String(err);
    throw new Error(`The sandbox identity provider's client is invalid: ${detail}`, { cause: err });
  }

  return {
    issuer,
    port,
    setOutage(value: boolean) {
      down = value;
    },
    upsertIdentity,
    setIgnoreFreshLogin(value: boolean) {
      ignoreFreshLogin = value;
    },
    stop() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function accountOf(identity: OidcIdentity): Account {
  return {
    accountId: identity.sub,
    // amr is not a profile claim: it comes from the login, per authentication.
    claims: () => ({
      sub: identity.sub,
      email: identity.email,
      email_verified: identity.email_verified,
      name: identity.name,
      groups: [...identity.groups],
    }),
  };
}

/** A fresh RS256 key per start: tokens from an earlier run stop verifying, as after a key rotation. */
function signingKey(): JWK {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { ...privateKey.export({ format: "jwk" }), kid: randomUUID(), alg: "RS256", use: "sig" };
}

type Stored = { model: string; payload: AdapterPayload; expiresAt: number };

/** Storage for one provider instance; the library's default is module-wide and warns on every start. */
function memoryAdapter(): AdapterFactory {
  const store = new Map<string, Stored>();
  let writes = 0;
  const live = (key: string): Stored | undefined => {
    const entry = store.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      store.delete(key);
      return undefined;
    }
    return entry;
  };
  const findWhere = (model: string, match: (p: AdapterPayload) => boolean): AdapterPayload | undefined => {
    for (const [key, entry] of store) {
      if (entry.model === model && match(entry.payload) && live(key)) return entry.payload;
    }
    return undefined;
  };
  return (model) => ({
    async upsert(id, payload, expiresIn) {
      if (++writes % 200 === 0) for (const key of [...store.keys()]) live(key);
      const expiresAt = typeof expiresIn === "number" ? Date.now() + expiresIn * 1000 : Infinity;
      store.set(`${model}:${id}`, { model, payload, expiresAt });
    },
    async find(id) {
      return live(`${model}:${id}`)?.payload;
    },
    async findByUid(uid) {
      return findWhere(model, (p) => p.uid === uid);
    },
    async findByUserCode(userCode) {
      return findWhere(model, (p) => p.userCode === userCode);
    },
    async consume(id) {
      const entry = live(`${model}:${id}`);
      if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
    },
    async destroy(id) {
      store.delete(`${model}:${id}`);
    },
    async revokeByGrantId(grantId) {
      for (const [key, entry] of store) {
        if (GRANT_BOUND_MODELS.has(entry.model) && entry.payload.grantId === grantId) store.delete(key);
      }
    },
  });
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readForm(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_FORM_BYTES) {
        reject(new Error("The form is too large."));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringList(value: unknown, max: number): string[] | null {
  if (!Array.isArray(value) || value.length > max) return null;
  return value.every((v) => typeof v === "string" && v.length > 0 && v.length <= 200)
    ? (value as string[])
    : null;
}

function parseIdentity(value: unknown): OidcIdentity | null {
  if (!isRecord(value)) return null;
  const { sub, email, name, email_verified: verified, password } = value;
  const groups = stringList(value.groups, 50);
  const amr = stringList(value.amr, 10);
  if (typeof sub !== "string" || !/^[A-Za-z0-9._:-]{1,200}$/.test(sub)) return null;
  if (typeof email !== "string" || !/^[^\s@]{1,64}@[^\s@]{1,200}$/.test(email)) return null;
  if (typeof name !== "string" || name.length === 0 || name.length > 200) return null;
  if (typeof verified !== "boolean" || !groups || !amr) return null;
  if (password !== undefined && (typeof password !== "string" || password.length === 0)) return null;
  return {
    sub,
    email,
    name,
    email_verified: verified,
    groups,
    amr,
    password: password ?? OIDC_DEMO_PASSWORD,
  };
}

function sendJsonValue(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
  });
  res.end(text);
}

function sendJson(res: ServerResponse, status: number, body: Record<string, string>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
    ...(status === 503 ? { "retry-after": "5" } : {}),
  });
  res.end(text);
}

function sendHtml(
  res: ServerResponse,
  status: number,
  html: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(html),
    "cache-control": "no-store",
    // Inline style and the one inline script only; no framing (clickjacking of the login form).
    "content-security-policy":
      "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    ...headers,
  });
  res.end(html);
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const CSS = `
:root{color-scheme:light dark;--bg:#f3f4f6;--card:#fff;--text:#1b1f24;--muted:#5b6470;--border:#d6dae0;--accent:#3b5bdb;--on-accent:#fff;--error:#b42318;--error-bg:#fdecea;--tag:#fff4d6;--on-tag:#7a4d00}
@media (prefers-color-scheme:dark){:root{--bg:#121417;--card:#1c1f24;--text:#e8eaed;--muted:#a3abb5;--border:#353b44;--accent:#8ea2ff;--on-accent:#0d1020;--error:#ffb4a9;--error-bg:#3b1d1a;--tag:#3a2f12;--on-tag:#ffd98a}}
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;justify-content:center;align-items:flex-start;padding:clamp(16px,6vh,64px) 16px;background:var(--bg);color:var(--text);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{width:100%;max-width:420px;background:var(--card);border:1px solid var(--border);border-radius:12px;padding:24px}
.tag{display:inline-block;margin:0 0 12px;padding:2px 8px;border-radius:999px;background:var(--tag);color:var(--on-tag);font-size:.75rem;font-weight:600;letter-spacing:.02em;text-transform:uppercase}
h1{margin:0 0 4px;font-size:1.35rem;line-height:1.3}
h2{margin:24px 0 8px;font-size:1rem}
p{margin:0 0 12px}
.muted{color:var(--muted);font-size:.95rem}
code{font:.9em ui-monospace,SFMono-Regular,Menlo,monospace}
label{display:block;margin:14px 0 4px;font-weight:600;font-size:.9rem}
input{width:100%;padding:10px 12px;font:inherit;color:inherit;background:transparent;border:1px solid var(--border);border-radius:8px}
button{font:inherit;cursor:pointer}
input:focus-visible,button:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
.primary{display:block;width:100%;margin-top:18px;padding:11px 12px;border:0;border-radius:8px;background:var(--accent);color:var(--on-accent);font-weight:600}
.secondary{display:block;width:100%;margin-top:10px;padding:10px 12px;border:1px solid var(--border);border-radius:8px;background:transparent;color:inherit}
.error{padding:10px 12px;border-radius:8px;background:var(--error-bg);color:var(--error)}
.people{list-style:none;margin:0;padding:0;display:grid;gap:8px}
.person{width:100%;padding:10px 12px;text-align:left;border:1px solid var(--border);border-radius:8px;background:transparent;color:inherit}
.person:hover{border-color:var(--accent)}
.person small{display:block;color:var(--muted);overflow-wrap:anywhere}
`;

function page(title: string, body: string, script = ""): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<p class="tag">Sandbox</p>
${body}
</main>${script ? `\n<script>${script}</script>` : ""}
</body>
</html>`;
}

function loginPage(opts: {
  uid: string;
  clientName: string;
  email: string;
  identities: readonly OidcIdentity[];
  error?: string;
}): string {
  const people = opts.identities
    .map((i) => {
      const groups = i.groups.length > 0 ? i.groups.join(", ") : "no groups";
      const factor = i.amr.includes("mfa") ? "MFA at the IdP" : "password only";
      return `<li><button type="button" class="person" data-email="${escapeHtml(i.email)}">${escapeHtml(i.name)}<small>${escapeHtml(i.email)} · ${escapeHtml(groups)} · ${escapeHtml(factor)}</small></button></li>`;
    })
    .join("\n");
  const body = `<h1>Sign in</h1>
<p class="muted">to continue to <strong>${escapeHtml(opts.clientName)}</strong>. Demo identities only; their password is <code>${escapeHtml(OIDC_DEMO_PASSWORD)}</code>.</p>
${opts.error ? `<p class="error" role="alert">${escapeHtml(opts.error)}</p>` : ""}
<form method="post" action="/interaction/${escapeHtml(encodeURIComponent(opts.uid))}/login">
<label for="email">Email</label>
<input id="email" name="email" type="email" required autocomplete="username" autocapitalize="none" spellcheck="false" value="${escapeHtml(opts.email)}"${opts.email ? "" : " autofocus"}>
<label for="password">Password</label>
<input id="password" name="password" type="password" required autocomplete="current-password"${opts.email ? " autofocus" : ""}>
<button class="primary" type="submit">Sign in</button>
</form>
<h2>Demo identities</h2>
<ul class="people">
${people}
</ul>`;
  // Picking a person fills the email; the password stays typed, as on a real IdP.
  const script = `document.querySelectorAll("[data-email]").forEach(function(b){b.addEventListener("click",function(){document.getElementById("email").value=b.getAttribute("data-email");document.getElementById("password").focus();});});`;
  return page("Sandbox identity provider", body, script);
}

function logoutPage(form: string): string {
  // `form` is the provider's own hidden form (action and xsrf token); the buttons submit it.
  return page(
    "Sign out – Sandbox identity provider",
    `<h1>Sign out?</h1>
<p class="muted">Sign out of the sandbox identity provider too.</p>
${form}
<button class="primary" autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button class="secondary" type="submit" form="op.logoutForm">No, stay signed in</button>`,
  );
}

function messagePage(heading: string, text: string, code?: string): string {
  return page(
    `${heading} – Sandbox identity provider`,
    `<h1>${escapeHtml(heading)}</h1>
<p>${escapeHtml(text)}</p>${code ? `\n<p class="muted"><code>${escapeHtml(code)}</code></p>` : ""}`,
  );
}

function expiredPage(): string {
  return messagePage(
    "This sign-in has expired",
    "The sign-in request is no longer valid. Go back to the app and sign in again.",
  );
}
