import { randomInt } from "node:crypto";

/**
 * A tiny HTTP client for the running app with a cookie jar, a fixed client IP (X-Forwarded-For, so each test has its
 * own rate-limit bucket) and the app's Origin on state-changing requests unless told otherwise.
 */
export class AppClient {
  readonly ip: string;

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

  async signIn(email: string, password = "portico-demo"): Promise<Response> {
    return this.request("/api/auth/sign-in/email", { body: { email, password } });
  }

  async signUp(input: {
    name: string;
    email: string;
    password: string;
    businessName: string;
  }): Promise<Response> {
    return this.request("/api/signup", { body: input });
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
