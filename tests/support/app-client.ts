import { randomInt } from "node:crypto";
import { staffTotpSecrets } from "./actor-directory";
import { linkTo, tokenFrom, waitForMail } from "./mailbox";
import { withTotpCode } from "./totp-codes";

/**
 * A tiny HTTP client for the running app with a cookie jar, a fixed client IP (X-Forwarded-For, so each test has its
 * own rate-limit bucket) and the app's Origin on state-changing requests unless told otherwise.
 */
export class AppClient {
  readonly ip: string;
  /** The emulator whose mail catcher this app mails to, when it is not the test stack's. */
  mailbox: string | undefined;

  /**
   * `origin` is the app's public origin, sent as `Origin`; it differs from `baseUrl` when several instances behind
   * one origin are addressed directly (the scale tests).
   */
  constructor(
    readonly baseUrl: string = appUrl(),
    ip?: string,
    readonly origin: string = baseUrl,
    readonly cookies = new Map<string, string>(),
  ) {
    this.ip = ip ?? `10.${randomInt(0, 255)}.${randomInt(0, 255)}.${randomInt(1, 254)}`;
  }

  /** The same browser (shared cookie jar, same client IP) talking to another instance behind the same origin. */
  on(baseUrl: string): AppClient {
    return new AppClient(baseUrl, this.ip, this.origin, this.cookies);
  }

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  async request(
    path: string,
    init: { method?: string; body?: unknown; origin?: string | null; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const method = init.method ?? (init.body === undefined ? "GET" : "POST");
    const headers: Record<string, string> = { "x-forwarded-for": this.ip, ...init.headers };
    const cookie = this.cookieHeader();
    if (cookie) headers.cookie = cookie;
    if (init.origin !== null && method !== "GET") headers.origin = init.origin ?? this.origin;
    let body: string | undefined;
    if (init.body !== undefined) {
      headers["content-type"] ??= "application/json";
      body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    }
    const response = await fetch(new URL(path, this.baseUrl), { method, headers, body, redirect: "manual" });
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = setCookie.split(";");
      if (!pair) continue;
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = attributes.some((a) => /max-age=0\b/i.test(a.trim())) || value === "";
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /**
   * Second-factor secrets of the people tests sign in as (the demo staff, staff a test created): `signIn` gives
   * the code after the password, as the person would, so a signed-in client is fully signed in.
   */
  static readonly totpSecrets = new Map<string, string>(Object.entries(staffTotpSecrets));

  /** Signs in; for someone with a known TOTP secret, also gives the second factor. Answers the password step. */
  async signIn(email: string, password = "portico-demo"): Promise<Response> {
    const response = await this.signInPasswordOnly(email, password);
    const secret = AppClient.totpSecrets.get(email.toLowerCase());
    if (response.status === 200 && secret) {
      const second = await this.giveSecondFactor(secret);
      if (second.status !== 200) throw new Error(`second factor for ${email}: ${second.status}`);
    }
    return response;
  }

  /** The password step alone: the session it makes waits for a second factor when one is due. */
  async signInPasswordOnly(email: string, password = "portico-demo"): Promise<Response> {
    return this.request("/api/auth/sign-in/email", { body: { email, password } });
  }

  /** Sign-up's first step only: the confirmation mail is sent, nothing else exists yet. */
  async requestSignUp(input: {
    name: string;
    email: string;
    password: string;
    businessName: string;
  }): Promise<Response> {
    return this.request("/api/signup", { body: input });
  }

  /**
   * The whole sign-up as a person does it: the form, the mailed link, the password again. Answers the
   * confirmation's response (201, signed in); when no confirmation link comes (a known address gets a different
   * mail), the first step's 202.
   */
  async signUp(input: {
    name: string;
    email: string;
    password: string;
    businessName: string;
  }): Promise<Response> {
    // Only mail caused by this request: an earlier sign-up's link to the same address must not be followed.
    const since = Date.now();
    const requested = await this.requestSignUp(input);
    if (requested.status !== 202) return requested;
    const mail = await waitForMail(input.email, { since, ...(this.mailbox ? { base: this.mailbox } : {}) });
    if (!linkTo(mail, "/verify-email")) return requested;
    return this.request("/api/signup/verify", {
      body: { token: tokenFrom(mail, "/verify-email"), password: input.password },
    });
  }

  /** The second step of signing in: a TOTP code computed from the account's secret. */
  async giveSecondFactor(secret: string, user?: string): Promise<Response> {
    return withTotpCode(
      secret,
      (code) => this.request("/api/second-factor/verify", { body: { code } }),
      user,
    );
  }

  async signOut(): Promise<Response> {
    return this.request("/api/auth/sign-out", { body: {} });
  }
}

export function appUrl(): string {
  const url = process.env.PORTICO_TEST_APP_URL;
  if (!url) throw new Error("PORTICO_TEST_APP_URL is not set: run the integration tests through `npm test`.");
  return url;
}

export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${Date.now().toString(36)}-${randomInt(1e9).toString(36)}@example.test`;
}
