import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { bin, freePort, run, startApp, waitForHttp, type Child } from "./stack";
import { startSandboxEmulator, startSandboxIdp, type SandboxEmulator, type SandboxIdp } from "./emulator";

/** The stacks scripts/test-all.ts and scripts/screenshots.ts run their tests against. */

/** A database beside DATABASE_URL's, on the same PostgreSQL server, for the other model's stack. */
export async function createSiblingDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const { default: pg } = await import("pg");
  const parsed = new URL(url);
  const name = `${parsed.pathname.slice(1)}_other_model`.replace(/[^a-z0-9_]/gi, "_");
  const adminUrl = new URL(url);
  adminUrl.pathname = "/postgres";
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`drop database if exists ${name} with (force)`);
  await admin(`create database ${name}`);
  parsed.pathname = `/${name}`;
  return { url: parsed.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

/**
 * One stack — the sandbox emulator, its OpenID provider, a seeded database (a temp SQLite file unless `database`)
 * and the built app on the given connected-account model — with the integration files and Playwright arguments
 * given run against it.
 */
export async function runStack(options: {
  label: string;
  model: "v1" | "v2";
  database: string | null;
  integration: string[] | null;
  e2e: string[] | null;
  /** More environment for the test runners (not the app). */
  env?: Record<string, string>;
}): Promise<{ stage: string; ok: boolean }[]> {
  const results: { stage: string; ok: boolean }[] = [];
  const dataDir = mkdtempSync(path.join(tmpdir(), "portico-test-"));
  const appLog = path.join(dataDir, "app.log");
  const appPort = await freePort();
  const appUrl = `http://localhost:${appPort}`;
  const database = options.database ?? `file:${path.join(dataDir, "portico.db")}`;
  let emulator: SandboxEmulator | null = null;
  let idp: SandboxIdp | null = null;
  let app: Child | null = null;
  try {
    emulator = await startSandboxEmulator({
      appOrigin: appUrl,
      quiet: true,
      connectedAccountsApi: options.model,
    });
    // The sandbox's OpenID provider: single sign-on's tests sign in through it (and switch its outage on and off).
    idp = await startSandboxIdp({ appOrigins: [appUrl] });
    const env = {
      NODE_ENV: "production" as const,
      APP_URL: appUrl,
      DATABASE_URL: database,
      PORTICO_DATA_DIR: dataDir,
      EMULATOR_URL: emulator.url,
      PORTICO_CONNECTED_ACCOUNTS_API: options.model,
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "info",
      // The test clients play the reverse proxy: each tells its own address in X-Forwarded-For.
      TRUSTED_PROXY_HOPS: "1",
      // The emulator's mail catcher: tests follow mailed links through its control API.
      SMTP_URL: emulator.smtpUrl ?? "",
      MAIL_FROM: "Portico <no-reply@portico.test>",
      STRIPE_SECRET_KEY: "",
      STRIPE_PUBLISHABLE_KEY: "",
      STRIPE_WEBHOOK_SECRET: "",
      ...idp.env,
    };
    console.log(
      `\n━━ Stack${options.label}: app ${appUrl}, emulator ${emulator.url}, database ${database.startsWith("file:") ? "SQLite" : "PostgreSQL"}, Accounts ${options.model}`,
    );
    if (
      (await run(bin("tsx"), ["--conditions=react-server", "scripts/seed.ts"], {
        ...env,
        NODE_ENV: "development",
      })) !== 0
    ) {
      throw new Error("seeding the test database failed");
    }
    app = startApp({ port: appPort, env, logFile: appLog });
    await waitForHttp(`${appUrl}/api/health`, 60_000, app);

    const testEnv = {
      ...env,
      PORTICO_TEST_APP_URL: appUrl,
      PORTICO_TEST_EMULATOR_URL: emulator.url,
      PORTICO_TEST_IDP_URL: idp.issuer,
      PORTICO_TEST_APP_LOG: appLog,
      E2E_BASE_URL: appUrl,
      ...options.env,
    };
    if (options.integration) {
      console.log(`\n━━ Integration tests${options.label}`);
      results.push({
        stage: `integration${options.label}`,
        ok:
          (await run(bin("vitest"), ["run", "--project", "integration", ...options.integration], testEnv)) ===
          0,
      });
    }
    if (options.e2e) {
      console.log(`\n━━ End-to-end tests (Chromium)${options.label}`);
      results.push({
        stage: `e2e${options.label}`,
        ok: (await run(bin("playwright"), ["test", ...options.e2e], testEnv)) === 0,
      });
    }
  } finally {
    await app?.stop();
    await idp?.stop();
    await emulator?.stop();
    if (results.some((r) => !r.ok)) {
      try {
        const lines = readFileSync(appLog, "utf8").trim().split("\n");
        console.log(`\n━━ Last lines of the app's log (${appLog}):\n${lines.slice(-40).join("\n")}`);
      } catch {
        // no log written
      }
    } else {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return results;
}
