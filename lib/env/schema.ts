import { z } from "zod";

/**
 * The environment Portico reads, validated once. Pure: takes the raw variables and returns a typed result or a
 * list of messages that each name the variable and say how to fix it.
 */

export const SANDBOX_SECRET_KEY = "sk_test_portico_sandbox";
export const SANDBOX_PUBLISHABLE_KEY = "pk_test_portico_sandbox";
export const SANDBOX_WEBHOOK_SECRET = "whsec_portico_sandbox";
/** The sandbox's thin-event destination secret (Accounts v2 platforms); the emulator signs with it. */
export const SANDBOX_EVENT_DESTINATION_SECRET = "whsec_portico_sandbox_thin";
export const DEFAULT_EMULATOR_URL = "http://127.0.0.1:12111";
const DEMO_SECRET_PREFIX = "portico-sandbox-";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

const rawSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  APP_URL: z.string().optional(),
  DATABASE_URL: z.string().optional(),
  BETTER_AUTH_SECRET: z.string().optional(),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_PUBLISHABLE_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  STRIPE_EVENT_DESTINATION_SECRET: z.string().optional(),
  PORTICO_CONNECTED_ACCOUNTS_API: z.string().optional(),
  EMULATOR_URL: z.string().optional(),
  REDIS_URL: z.string().optional(),
  LOG_LEVEL: z.string().optional(),
  PORTICO_DATA_DIR: z.string().optional(),
  SESSION_IDLE_MINUTES: z.string().optional(),
  SESSION_ABSOLUTE_HOURS: z.string().optional(),
  ACCOUNT_SESSION_LIMIT_PER_MINUTE: z.string().optional(),
  IMPERSONATION_MAX_MINUTES: z.string().optional(),
  TRUSTED_PROXY_HOPS: z.string().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().optional(),
  OIDC_ISSUER: z.string().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
});

export type Database = { kind: "sqlite"; path: string } | { kind: "postgres"; url: string };

export interface StripeSettings {
  mode: "sandbox" | "test" | "live";
  secretKey: string;
  publishableKey: string;
  webhookSecret: string;
  /**
   * The signing secret of the thin-event destination (`/api/webhooks/stripe-events`), used by Accounts v2 platforms;
   * null when not set (then the destination refuses every delivery, and a v2 platform refuses to start in live mode).
   */
  eventDestinationSecret: string | null;
  /** Set only in sandbox mode: where the local emulator listens. */
  emulatorUrl: URL | null;
}

export interface MailSettings {
  /** smtp:// or smtps:// connection URL; null keeps mail in the outbox (development only). */
  smtpUrl: string | null;
  /** The From header, e.g. `Portico <no-reply@example.com>`; null means the platform's name at APP_URL's host. */
  from: string | null;
}

export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
}

export interface Env {
  nodeEnv: "development" | "production" | "test";
  isProduction: boolean;
  appUrl: URL;
  /** True when APP_URL points at this machine: a developer's or a test's production build. */
  isLocalApp: boolean;
  dataDir: string;
  database: Database;
  /** Undefined means "generate one and keep it in the data directory" (allowed outside real deployments). */
  authSecret: string | undefined;
  stripe: StripeSettings;
  /** PORTICO_CONNECTED_ACCOUNTS_API: overrides portico.config.ts `connectedAccounts.api` when set. */
  connectedAccountsApi: "v1" | "v2" | null;
  redisUrl: string | null;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  accountSessionLimitPerMinute: number;
  impersonationMaxMinutes: number;
  /** Reverse proxies in front that append to X-Forwarded-For (read by the entrypoint, scripts/portico-server.mjs). */
  trustedProxyHops: number;
  mail: MailSettings;
  /** The identity provider for single sign-on; null when none is configured. */
  oidc: OidcSettings | null;
}

export type EnvResult = { ok: true; env: Env } | { ok: false; errors: string[] };

function positiveInt(
  name: string,
  raw: string | undefined,
  fallback: number,
  max: number,
  errors: string[],
): number {
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    errors.push(
      `${name} must be a whole number from 1 to ${max} (got "${raw}"). Unset it to use ${fallback}.`,
    );
    return fallback;
  }
  return value;
}

function parseDatabase(raw: string | undefined, dataDir: string, errors: string[]): Database {
  if (!raw) return { kind: "sqlite", path: `${dataDir}/portico.db` };
  if (raw.startsWith("postgres://") || raw.startsWith("postgresql://")) {
    try {
      new URL(raw);
    } catch {
      errors.push(`DATABASE_URL is not a valid URL. Use postgres://user:password@host:5432/database.`);
    }
    return { kind: "postgres", url: raw };
  }
  if (raw.startsWith("file:")) {
    const path = raw.slice("file:".length);
    if (!path) errors.push(`DATABASE_URL "file:" needs a path, e.g. file:./data/portico.db.`);
    return { kind: "sqlite", path };
  }
  errors.push(
    `DATABASE_URL must start with postgres:// (PostgreSQL) or file: (SQLite), or be unset to use ${dataDir}/portico.db.`,
  );
  return { kind: "sqlite", path: `${dataDir}/portico.db` };
}

function keyMode(value: string, prefixes: readonly string[]): "test" | "live" | null {
  for (const prefix of prefixes) {
    if (value.startsWith(`${prefix}_test_`)) return "test";
    if (value.startsWith(`${prefix}_live_`)) return "live";
  }
  return null;
}

function parseStripe(raw: z.infer<typeof rawSchema>, errors: string[]): StripeSettings {
  const given = {
    STRIPE_SECRET_KEY: raw.STRIPE_SECRET_KEY || undefined,
    STRIPE_PUBLISHABLE_KEY: raw.STRIPE_PUBLISHABLE_KEY || undefined,
    STRIPE_WEBHOOK_SECRET: raw.STRIPE_WEBHOOK_SECRET || undefined,
  };
  const present = Object.entries(given).filter(([, value]) => value !== undefined);
  if (present.length === 0) {
    let emulatorUrl = new URL(DEFAULT_EMULATOR_URL);
    if (raw.EMULATOR_URL) {
      try {
        emulatorUrl = new URL(raw.EMULATOR_URL);
      } catch {
        errors.push(`EMULATOR_URL is not a valid URL (e.g. ${DEFAULT_EMULATOR_URL}).`);
      }
    }
    return {
      mode: "sandbox",
      secretKey: SANDBOX_SECRET_KEY,
      publishableKey: SANDBOX_PUBLISHABLE_KEY,
      webhookSecret: SANDBOX_WEBHOOK_SECRET,
      eventDestinationSecret: SANDBOX_EVENT_DESTINATION_SECRET,
      emulatorUrl,
    };
  }
  if (present.length < 3) {
    const missing = Object.entries(given)
      .filter(([, value]) => value === undefined)
      .map(([name]) => name);
    errors.push(
      `${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} missing: set all three Stripe variables (STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY, STRIPE_WEBHOOK_SECRET) for Stripe, or none of them for the local sandbox.`,
    );
  }
  const secretKey = given.STRIPE_SECRET_KEY ?? "";
  const publishableKey = given.STRIPE_PUBLISHABLE_KEY ?? "";
  const webhookSecret = given.STRIPE_WEBHOOK_SECRET ?? "";
  const secretMode = secretKey ? keyMode(secretKey, ["sk", "rk"]) : null;
  const publishableMode = publishableKey ? keyMode(publishableKey, ["pk"]) : null;
  if (secretKey && !secretMode) {
    errors.push(
      "STRIPE_SECRET_KEY must be a secret or restricted key (sk_test_…, sk_live_…, rk_test_…, rk_live_…).",
    );
  }
  if (publishableKey && !publishableMode) {
    errors.push("STRIPE_PUBLISHABLE_KEY must be a publishable key (pk_test_… or pk_live_…).");
  }
  if (webhookSecret && !webhookSecret.startsWith("whsec_")) {
    errors.push("STRIPE_WEBHOOK_SECRET must be the Connect endpoint's signing secret (whsec_…).");
  }
  if (secretMode && publishableMode && secretMode !== publishableMode) {
    errors.push(
      `STRIPE_SECRET_KEY is a ${secretMode} key but STRIPE_PUBLISHABLE_KEY is a ${publishableMode} key: use keys of the same mode.`,
    );
  }
  if (raw.EMULATOR_URL) {
    errors.push(
      "EMULATOR_URL is only used in sandbox mode: unset it, or unset the Stripe keys to use the sandbox.",
    );
  }
  const eventDestinationSecret = raw.STRIPE_EVENT_DESTINATION_SECRET || null;
  if (eventDestinationSecret && !eventDestinationSecret.startsWith("whsec_")) {
    errors.push(
      "STRIPE_EVENT_DESTINATION_SECRET must be the thin-event destination's signing secret (whsec_…).",
    );
  }
  return {
    mode: secretMode ?? "test",
    secretKey,
    publishableKey,
    webhookSecret,
    eventDestinationSecret,
    emulatorUrl: null,
  };
}

export function parseEnv(source: Record<string, string | undefined>): EnvResult {
  const errors: string[] = [];
  const raw = rawSchema.safeParse(source);
  if (!raw.success) {
    return {
      ok: false,
      errors: raw.error.issues.map(
        (issue) => `${issue.path.join(".")}: ${issue.message} (allowed: development, production, test).`,
      ),
    };
  }
  const values = raw.data;
  const nodeEnv = values.NODE_ENV;
  const isProduction = nodeEnv === "production";
  const dataDir = values.PORTICO_DATA_DIR || "./data";

  let appUrl = new URL("http://localhost:3000");
  if (values.APP_URL) {
    try {
      appUrl = new URL(values.APP_URL);
      if (appUrl.protocol !== "http:" && appUrl.protocol !== "https:") throw new Error("protocol");
      if (appUrl.pathname !== "/" || appUrl.search || appUrl.hash) {
        errors.push(
          `APP_URL must be an origin without a path, e.g. https://dashboard.example.com (got "${values.APP_URL}").`,
        );
      }
    } catch {
      errors.push(
        `APP_URL is not a valid http(s) URL, e.g. https://dashboard.example.com (got "${values.APP_URL}").`,
      );
    }
  }
  const isLocalApp = LOCAL_HOSTS.has(appUrl.hostname);

  const database = parseDatabase(values.DATABASE_URL, dataDir, errors);
  const stripe = parseStripe(values, errors);

  let authSecret = values.BETTER_AUTH_SECRET || undefined;
  if (authSecret !== undefined && authSecret.length < 32) {
    errors.push(
      "BETTER_AUTH_SECRET must be at least 32 characters. Generate one with: openssl rand -base64 32",
    );
    authSecret = undefined;
  }

  if (isProduction && !isLocalApp) {
    // A real deployment: no sandbox defaults, no generated secrets, TLS only.
    if (stripe.mode === "sandbox") {
      errors.push(
        "STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET are required in production: the local sandbox is for development only.",
      );
    }
    if (!authSecret) {
      errors.push("BETTER_AUTH_SECRET is required in production. Generate one with: openssl rand -base64 32");
    } else if (authSecret.startsWith(DEMO_SECRET_PREFIX)) {
      errors.push("BETTER_AUTH_SECRET is a sandbox value; generate a real one with: openssl rand -base64 32");
    }
    if (appUrl.protocol !== "https:") {
      errors.push(`APP_URL must use https:// in production (got "${appUrl.origin}").`);
    }
  }
  if (
    stripe.mode !== "sandbox" &&
    [stripe.secretKey, stripe.publishableKey, stripe.webhookSecret, stripe.eventDestinationSecret].some((v) =>
      [
        SANDBOX_SECRET_KEY,
        SANDBOX_PUBLISHABLE_KEY,
        SANDBOX_WEBHOOK_SECRET,
        SANDBOX_EVENT_DESTINATION_SECRET,
      ].includes(v ?? ""),
    )
  ) {
    errors.push(
      "The Stripe variables hold the sandbox's placeholder keys: unset all three to use the sandbox.",
    );
  }

  let connectedAccountsApi: "v1" | "v2" | null = null;
  if (values.PORTICO_CONNECTED_ACCOUNTS_API) {
    if (values.PORTICO_CONNECTED_ACCOUNTS_API === "v1" || values.PORTICO_CONNECTED_ACCOUNTS_API === "v2") {
      connectedAccountsApi = values.PORTICO_CONNECTED_ACCOUNTS_API;
    } else {
      errors.push(
        `PORTICO_CONNECTED_ACCOUNTS_API must be "v1" or "v2" (got "${values.PORTICO_CONNECTED_ACCOUNTS_API}"). Unset it to use portico.config.ts.`,
      );
    }
  }

  const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
  const logLevelRaw = values.LOG_LEVEL || (nodeEnv === "test" ? "warn" : "info");
  const logLevel = logLevels.find((level) => level === logLevelRaw);
  if (!logLevel) errors.push(`LOG_LEVEL must be one of ${logLevels.join(", ")} (got "${logLevelRaw}").`);

  let redisUrl: string | null = null;
  if (values.REDIS_URL) {
    if (/^rediss?:\/\//.test(values.REDIS_URL)) redisUrl = values.REDIS_URL;
    else errors.push(`REDIS_URL must start with redis:// or rediss:// (got "${values.REDIS_URL}").`);
  }

  const sessionIdleMinutes = positiveInt(
    "SESSION_IDLE_MINUTES",
    values.SESSION_IDLE_MINUTES,
    120,
    24 * 60,
    errors,
  );
  const sessionAbsoluteHours = positiveInt(
    "SESSION_ABSOLUTE_HOURS",
    values.SESSION_ABSOLUTE_HOURS,
    12,
    24 * 30,
    errors,
  );
  const accountSessionLimitPerMinute = positiveInt(
    "ACCOUNT_SESSION_LIMIT_PER_MINUTE",
    values.ACCOUNT_SESSION_LIMIT_PER_MINUTE,
    30,
    10_000,
    errors,
  );
  const impersonationMaxMinutes = positiveInt(
    "IMPERSONATION_MAX_MINUTES",
    values.IMPERSONATION_MAX_MINUTES,
    60,
    60,
    errors,
  );

  let trustedProxyHops = 0;
  if (values.TRUSTED_PROXY_HOPS) {
    trustedProxyHops = Number(values.TRUSTED_PROXY_HOPS);
    if (!Number.isInteger(trustedProxyHops) || trustedProxyHops < 0 || trustedProxyHops > 10) {
      errors.push(
        `TRUSTED_PROXY_HOPS must be a whole number from 0 to 10 (got "${values.TRUSTED_PROXY_HOPS}"): the reverse proxies in front of Portico that append to X-Forwarded-For. Unset it when clients connect directly.`,
      );
      trustedProxyHops = 0;
    }
  }

  const mail = parseMail(values, isProduction && !isLocalApp, errors);
  const oidc = parseOidc(values, errors);

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    env: {
      nodeEnv,
      isProduction,
      appUrl,
      isLocalApp,
      dataDir,
      database,
      authSecret,
      stripe,
      connectedAccountsApi,
      redisUrl,
      logLevel: logLevel ?? "info",
      sessionIdleMinutes,
      sessionAbsoluteHours,
      accountSessionLimitPerMinute,
      impersonationMaxMinutes,
      trustedProxyHops,
      mail,
      oidc,
    },
  };
}

const MAIL_FROM_PATTERN = /^(?:[^<>\r\n]{0,100}<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/;

function parseMail(
  values: z.infer<typeof rawSchema>,
  realDeployment: boolean,
  errors: string[],
): MailSettings {
  const smtpUrl = values.SMTP_URL || null;
  const from = values.MAIL_FROM || null;
  if (smtpUrl) {
    let url: URL | null = null;
    try {
      url = new URL(smtpUrl);
    } catch {
      // reported below
    }
    if (!url || (url.protocol !== "smtp:" && url.protocol !== "smtps:")) {
      errors.push(
        "SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtps://user:password@smtp.example.com:465.",
      );
    }
  } else if (realDeployment) {
    errors.push(
      "SMTP_URL is required in production: Portico mails verification links, password resets and invitations. Set it to your mail provider's SMTP URL, e.g. smtps://user:password@smtp.example.com:465.",
    );
  }
  if (from && !MAIL_FROM_PATTERN.test(from)) {
    errors.push('MAIL_FROM must be an address or "Name <address>", e.g. Portico <no-reply@example.com>.');
  } else if (!from && realDeployment) {
    errors.push("MAIL_FROM is required in production, e.g. Portico <no-reply@example.com>.");
  }
  return { smtpUrl, from };
}

function parseOidc(values: z.infer<typeof rawSchema>, errors: string[]): OidcSettings | null {
  const given = [values.OIDC_ISSUER, values.OIDC_CLIENT_ID, values.OIDC_CLIENT_SECRET].filter(Boolean);
  if (given.length === 0) return null;
  if (given.length < 3) {
    errors.push(
      "Single sign-on needs all three of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET (or none of them).",
    );
    return null;
  }
  let issuer: URL;
  try {
    issuer = new URL(values.OIDC_ISSUER ?? "");
  } catch {
    errors.push(`OIDC_ISSUER is not a URL (got "${values.OIDC_ISSUER ?? ""}").`);
    return null;
  }
  if (issuer.protocol !== "https:" && !LOCAL_HOSTS.has(issuer.hostname)) {
    errors.push(`OIDC_ISSUER must use https:// (got "${issuer.origin}").`);
  }
  return { issuer, clientId: values.OIDC_CLIENT_ID ?? "", clientSecret: values.OIDC_CLIENT_SECRET ?? "" };
}

export function formatEnvErrors(errors: readonly string[]): string {
  return `Portico cannot start: the environment is invalid.\n${errors.map((e) => `  - ${e}`).join("\n")}\nSee "Configuration" in README.md.`;
}
