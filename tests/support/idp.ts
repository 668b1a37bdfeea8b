import { randomInt } from "node:crypto";
import { OIDC_DEMO_PASSWORD } from "../../emulator/oidc/identities";
import type { AppClient } from "./app-client";

/**
 * The test stack's OpenID provider (emulator/oidc, started by `npm test`): its control API (outage, identities, a
 * lax-IdP switch), and a browser of its own — cookies for the IdP's host — that signs in on its login page over HTTP,
 * as a person would, beside an AppClient for the app's side.
 */

export function idpUrl(): string {
  const url = process.env.PORTICO_TEST_IDP_URL;
  if (!url) throw new Error("PORTICO_TEST_IDP_URL is not set: run the integration tests through `npm test`.");
  return url;
}

async function control(path: string, method: string, body: unknown): Promise<void> {
  const res = await fetch(`${idpUrl()}/_control/${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`IdP control ${path}: ${res.status} ${await res.text()}`);
}

export const setIdpOutage = (down: boolean) => control("outage", "POST", { down });
export const setIdpIgnoresFreshLogin = (ignore: boolean) =>
  control("behaviour", "POST", { ignoreFreshLogin: ignore });

export interface TestIdentity {
  sub: string;
  email: string;
  name: string;
  email_verified: boolean;
  groups: string[];
  amr: string[];
}

/** Adds (or changes) an identity at the IdP; a fresh one each call unless `sub` and `email` are given. */
export async function upsertIdentity(identity: Partial<TestIdentity> = {}): Promise<TestIdentity> {
  const tag = `${Date.now().toString(36)}${randomInt(1e9).toString(36)}`;
  const full: TestIdentity = {
    sub: `test-${tag}`,
    email: `idp-${tag}@staff.test`,
    name: `Idp Person ${tag}`,
    email_verified: true,
    groups: [],
    amr: ["pwd"],
    ...identity,
  };
  await control("identities", "PUT", full);
  return full;
}

/** A browser's cookie jar for the IdP's host (the app's cookies live in the AppClient). */
export class IdpBrowser {
  private cookies = new Map<string, { name: string; value: string; path: string }>();

  async request(url: string, init: { form?: Record<string, string> } = {}): Promise<Response> {
    const target = new URL(url);
    const cookie = [...this.cookies.values()]
      .filter((c) => target.pathname.startsWith(c.path))
      .map((c) => `${c.name}=${c.value}`)
      .join("; ");
    const res = await fetch(target, {
      method: init.form ? "POST" : "GET",
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

  /**
   * Opens an authorization URL; signs in on the login page as `email` when the IdP asks. Returns the URL the IdP
   * sends the browser back to (the app's callback), and whether a login page was shown.
   */
  async authorize(
    authorizationUrl: string,
    email: string,
    password = OIDC_DEMO_PASSWORD,
  ): Promise<{ callback: URL; loginShown: boolean }> {
    let res = await this.request(authorizationUrl);
    let loginShown = false;
    for (let hops = 0; hops < 12; hops++) {
      if (res.status >= 300 && res.status < 400) {
        const next = new URL(res.headers.get("location") ?? "", idpUrl());
        if (next.origin !== new URL(idpUrl()).origin) return { callback: next, loginShown };
        res = await this.request(next.href);
        continue;
      }
      const page = await res.text();
      const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
      if (res.status === 200 && action && page.includes("document.forms[0].submit()")) {
        // A page that posts itself on load (the IdP ending its previous session for another person): post it.
        const fields: Record<string, string> = {};
        for (const match of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
          fields[match[1] ?? ""] = decodeHtml(match[2] ?? "");
        }
        res = await this.request(new URL(decodeHtml(action), idpUrl()).href, { form: fields });
        continue;
      }
      if (res.status !== 200 || !action || loginShown) {
        throw new Error(`the IdP answered ${res.status}: ${page.slice(0, 300)}`);
      }
      loginShown = true;
      res = await this.request(new URL(action, idpUrl()).href, { form: { email, password } });
    }
    throw new Error("too many redirects at the IdP");
  }
}

function decodeHtml(value: string): string {
  return value
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** The path and query of a callback URL, for the AppClient (which talks to the app's own base URL). */
export function callbackPath(callback: URL): string {
  return `${callback.pathname}${callback.search}`;
}

/** POSTs a start route and answers the IdP authorization URL it gives (throws with the answer otherwise). */
export async function startFlow(client: AppClient, path: string, body: unknown): Promise<URL> {
  const res = await client.request(path, { body });
  const data = (await res.json()) as { redirectTo?: string };
  if (res.status !== 200 || !data.redirectTo) {
    throw new Error(`${path}: ${res.status} ${JSON.stringify(data)}`);
  }
  return new URL(data.redirectTo);
}

/**
 * The whole sign-in through the IdP: the app's start, the IdP's login page, the app's callback. Answers where the
 * callback sent the browser (a path on the app, with its query).
 */
export async function signInWithIdp(
  client: AppClient,
  email: string,
  options: { browser?: IdpBrowser; next?: string } = {},
): Promise<{ location: string; status: number }> {
  const browser = options.browser ?? new IdpBrowser();
  const url = await startFlow(client, "/api/sso/start", options.next ? { next: options.next } : {});
  const { callback } = await browser.authorize(url.href, email);
  const res = await client.request(callbackPath(callback));
  const location = new URL(res.headers.get("location") ?? "/", client.baseUrl);
  return { status: res.status, location: `${location.pathname}${location.search}${location.hash}` };
}
