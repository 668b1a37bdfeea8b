import { describe, expect, it } from "vitest";
import { formatEnvErrors, parseEnv, SANDBOX_SECRET_KEY } from "@/lib/env/schema";

function errorsOf(source: Record<string, string | undefined>): string[] {
  const result = parseEnv(source);
  return result.ok ? [] : result.errors;
}

describe("environment validation", () => {
  it("defaults to SQLite and the sandbox when nothing is set", () => {
    const result = parseEnv({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.env.database).toEqual({ kind: "sqlite", path: "./data/portico.db" });
    expect(result.env.stripe.mode).toBe("sandbox");
    expect(result.env.stripe.secretKey).toBe(SANDBOX_SECRET_KEY);
    expect(result.env.stripe.emulatorUrl?.origin).toBe("http://127.0.0.1:12111");
    expect(result.env.appUrl.origin).toBe("http://localhost:3000");
  });

  it("selects PostgreSQL from a postgres:// DATABASE_URL", () => {
    const result = parseEnv({ DATABASE_URL: "postgres://postgres@127.0.0.1:5432/portico" });
    expect(result.ok && result.env.database).toEqual({
      kind: "postgres",
      url: "postgres://postgres@127.0.0.1:5432/portico",
    });
  });

  it("rejects an unknown DATABASE_URL scheme, naming the variable", () => {
    expect(errorsOf({ DATABASE_URL: "mysql://x" })).toEqual([
      expect.stringContaining("DATABASE_URL must start with postgres://"),
    ]);
  });

  it("rejects a partial set of Stripe keys and names what is missing", () => {
    const errors = errorsOf({ STRIPE_SECRET_KEY: "sk_test_abc" });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET are missing");
  });

  it("rejects malformed Stripe keys one by one", () => {
    const errors = errorsOf({
      STRIPE_SECRET_KEY: "nope",
      STRIPE_PUBLISHABLE_KEY: "nope",
      STRIPE_WEBHOOK_SECRET: "nope",
    });
    expect(errors.some((e) => e.startsWith("STRIPE_SECRET_KEY must be"))).toBe(true);
    expect(errors.some((e) => e.startsWith("STRIPE_PUBLISHABLE_KEY must be"))).toBe(true);
    expect(errors.some((e) => e.startsWith("STRIPE_WEBHOOK_SECRET must be"))).toBe(true);
  });

  it("rejects keys of different modes", () => {
    const errors = errorsOf({
      STRIPE_SECRET_KEY: "sk_live_x",
      STRIPE_PUBLISHABLE_KEY: "pk_test_x",
      STRIPE_WEBHOOK_SECRET: "whsec_x",
    });
    expect(errors).toEqual([
      expect.stringContaining("is a live key but STRIPE_PUBLISHABLE_KEY is a test key"),
    ]);
  });

  it("accepts a full set of test keys as test mode", () => {
    const result = parseEnv({
      STRIPE_SECRET_KEY: "rk_test_x",
      STRIPE_PUBLISHABLE_KEY: "pk_test_x",
      STRIPE_WEBHOOK_SECRET: "whsec_x",
    });
    expect(result.ok && result.env.stripe.mode).toBe("test");
    expect(result.ok && result.env.stripe.emulatorUrl).toBeNull();
  });

  it("rejects the sandbox placeholder keys used as real keys", () => {
    const errors = errorsOf({
      STRIPE_SECRET_KEY: SANDBOX_SECRET_KEY,
      STRIPE_PUBLISHABLE_KEY: "pk_test_portico_sandbox",
      STRIPE_WEBHOOK_SECRET: "whsec_portico_sandbox",
    });
    expect(errors).toEqual([expect.stringContaining("sandbox's placeholder keys")]);
  });

  it("rejects a short BETTER_AUTH_SECRET and says how to generate one", () => {
    expect(errorsOf({ BETTER_AUTH_SECRET: "short" })).toEqual([
      expect.stringContaining("openssl rand -base64 32"),
    ]);
  });

  it("rejects an APP_URL that is not an origin", () => {
    expect(errorsOf({ APP_URL: "not a url" })[0]).toContain("APP_URL is not a valid http(s) URL");
    expect(errorsOf({ APP_URL: "https://x.example/path" })[0]).toContain(
      "APP_URL must be an origin without a path",
    );
  });

  it("refuses a real production start with sandbox defaults, a missing secret and plain http", () => {
    const errors = errorsOf({ NODE_ENV: "production", APP_URL: "http://dashboard.example.com" });
    expect(errors).toEqual([
      expect.stringContaining(
        "STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET are required in production",
      ),
      expect.stringContaining("BETTER_AUTH_SECRET is required in production"),
      expect.stringContaining("APP_URL must use https://"),
      expect.stringContaining("SMTP_URL is required in production"),
      expect.stringContaining("MAIL_FROM is required in production"),
    ]);
  });

  it("refuses a sandbox-generated auth secret in production", () => {
    const errors = errorsOf({
      NODE_ENV: "production",
      APP_URL: "https://dashboard.example.com",
      BETTER_AUTH_SECRET: `portico-sandbox-${"x".repeat(40)}`,
      STRIPE_SECRET_KEY: "sk_live_x",
      STRIPE_PUBLISHABLE_KEY: "pk_live_x",
      STRIPE_WEBHOOK_SECRET: "whsec_x",
      SMTP_URL: "smtps://mailer:secret@smtp.example.com:465",
      MAIL_FROM: "Portico <no-reply@example.com>",
    });
    expect(errors).toEqual([expect.stringContaining("BETTER_AUTH_SECRET is a sandbox value")]);
  });

  it("accepts a complete production configuration", () => {
    const result = parseEnv({
      NODE_ENV: "production",
      APP_URL: "https://dashboard.example.com",
      BETTER_AUTH_SECRET: "a".repeat(44),
      STRIPE_SECRET_KEY: "sk_live_x",
      STRIPE_PUBLISHABLE_KEY: "pk_live_x",
      STRIPE_WEBHOOK_SECRET: "whsec_x",
      DATABASE_URL: "postgres://db/portico",
      SMTP_URL: "smtps://mailer:secret@smtp.example.com:465",
      MAIL_FROM: "Portico <no-reply@example.com>",
    });
    expect(result.ok).toBe(true);
    expect(result.ok && result.env.stripe.mode).toBe("live");
    expect(result.ok && result.env.mail).toEqual({
      smtpUrl: "smtps://mailer:secret@smtp.example.com:465",
      from: "Portico <no-reply@example.com>",
    });
  });

  it("checks the mail and single sign-on settings", () => {
    expect(errorsOf({ SMTP_URL: "http://smtp.example.com" })).toEqual([
      expect.stringContaining("SMTP_URL must be an smtp:// or smtps:// URL"),
    ]);
    expect(errorsOf({ MAIL_FROM: "Portico <no-reply@example.com>\r\nBcc: x@y.z" })).toEqual([
      expect.stringContaining("MAIL_FROM must be an address"),
    ]);
    expect(errorsOf({ OIDC_ISSUER: "https://id.example.com" })).toEqual([
      expect.stringContaining("OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET"),
    ]);
    expect(
      errorsOf({ OIDC_ISSUER: "http://id.example.com", OIDC_CLIENT_ID: "portico", OIDC_CLIENT_SECRET: "s" }),
    ).toEqual([expect.stringContaining("OIDC_ISSUER must use https://")]);
  });

  it("allows a local production build (npm run sandbox, tests) to use the sandbox", () => {
    expect(parseEnv({ NODE_ENV: "production", APP_URL: "http://localhost:3000" }).ok).toBe(true);
  });

  it("validates numeric limits and the log level", () => {
    expect(errorsOf({ ACCOUNT_SESSION_LIMIT_PER_MINUTE: "0" })[0]).toContain(
      "ACCOUNT_SESSION_LIMIT_PER_MINUTE must be a whole number",
    );
    expect(errorsOf({ IMPERSONATION_MAX_MINUTES: "90" })[0]).toContain(
      "IMPERSONATION_MAX_MINUTES must be a whole number from 1 to 60",
    );
    expect(errorsOf({ LOG_LEVEL: "loud" })[0]).toContain("LOG_LEVEL must be one of");
    expect(errorsOf({ REDIS_URL: "http://x" })[0]).toContain("REDIS_URL must start with redis://");
    expect(errorsOf({ NODE_ENV: "staging" })[0]).toContain("NODE_ENV");
  });

  it("formats errors as a start-up message", () => {
    expect(formatEnvErrors(["A is wrong"])).toContain(
      "Portico cannot start: the environment is invalid.\n  - A is wrong",
    );
  });
});
