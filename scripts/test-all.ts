import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { bin, buildIfNeeded, freePort, run, startApp, waitForHttp, type Child } from "./lib/stack";
import { findChromium } from "./lib/chromium";
import {
  connectedAccountsApiInForce,
  startSandboxEmulator,
  startSandboxIdp,
  type SandboxEmulator,
  type SandboxIdp,
} from "./lib/emulator";

/**
 * npm test — the whole suite: unit tests, then integration and end-to-end tests against the production build, the
 * Stripe sandbox emulator and a fresh database (SQLite in a temp dir, or DATABASE_URL when set, as CI's
 * PostgreSQL pass does). `--only=unit,integration,e2e` runs a subset. `--database-pass` leaves out the suites that
 * never touch Portico's database (the emulator's own integration tests and the stand-ins' end-to-end project), for a
 * second pass on another database. The model-specific tests then run again on the other connected-account model
 * (Accounts v1 or v2) on a stack of their own; `--no-other-model` leaves that out.
 */

type Stage = "unit" | "integration" | "e2e";
const allStages: Stage[] = ["unit", "integration", "e2e"];

function parseStages(): Stage[] {
  const only = process.argv.find((arg) => arg.startsWith("--only="));
  if (!only) return allStages;
  const names = only.slice("--only=".length).split(",");
  const unknown = names.filter((n) => !allStages.includes(n as Stage));
  if (unknown.length > 0)
    throw new Error(`Unknown stage(s): ${unknown.join(", ")}. Use ${allStages.join(", ")}.`);
  return allStages.filter((stage) => names.includes(stage));
}

/** Integration files whose subject is the connected-account model; run on both models in every pass. */
const MODEL_SPECIFIC_INTEGRATION = [
  "tests/integration/identity/sign-up-and-mail",
  "tests/integration/webhooks/emulator-events",
  "tests/integration/webhooks/notices",
  "tests/integration/app/account-session",
  "tests/integration/app/impersonation",
  "tests/integration/backfill",
];
/** End-to-end tests tagged with it in their title run on both models (onboarding, "view as"). */
const MODEL_SPECIFIC_E2E_TAG = "@both-models";

/** A database beside DATABASE_URL's, on the same PostgreSQL server, for the other model's stack. */
async function createSiblingDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
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
async function runStack(options: {
  label: string;
  model: "v1" | "v2";
  database: string | null;
  integration: string[] | null;
  e2e: string[] | null;
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

async function main(): Promise<number> {
  const stages = parseStages();
  if (stages.includes("e2e")) {
    // Before any stage runs: a missing browser should not surface after minutes of other tests.
    const browser = findChromium();
    if (!browser.ok) {
      console.error(browser.message);
      return 1;
    }
    console.log(`› Chromium: ${browser.path}`);
  }
  const results: { stage: string; ok: boolean }[] = [];
  const started = Date.now();
  const databasePass = process.argv.includes("--database-pass");

  if (stages.includes("unit")) {
    console.log("\n━━ Unit tests");
    results.push({ stage: "unit", ok: (await run(bin("vitest"), ["run", "--project", "unit"])) === 0 });
  }

  const needStack = stages.includes("integration") || stages.includes("e2e");
  if (needStack) {
    await buildIfNeeded();
    const model = connectedAccountsApiInForce();
    const integrationFilters = (process.argv.find((arg) => arg.startsWith("--integration="))?.slice(14) ?? "")
      .split(",")
      .filter(Boolean);
    // Other arguments go to Playwright, e.g. `npm test -- --only=e2e --grep viewer --repeat-each=5`.
    const playwrightArgs = process.argv
      .slice(2)
      .filter(
        (arg) =>
          !arg.startsWith("--only=") &&
          !arg.startsWith("--integration=") &&
          arg !== "--database-pass" &&
          arg !== "--no-other-model",
      );
    results.push(
      ...(await runStack({
        label: "",
        model,
        database: process.env.DATABASE_URL ?? null,
        integration: stages.includes("integration")
          ? [...(databasePass ? ["--exclude", "tests/integration/emulator/**"] : []), ...integrationFilters]
          : null,
        e2e: stages.includes("e2e")
          ? [...playwrightArgs, ...(databasePass ? ["--project", "app"] : [])]
          : null,
      })),
    );
    // The tests whose subject differs between Accounts v1 and v2 (provisioning, the mirror, events, onboarding)
    // again on the other model, on a stack of its own, so that each pass covers both. Left out when the run was
    // narrowed to some tests, or with --no-other-model.
    const narrowed = integrationFilters.length > 0 || playwrightArgs.length > 0;
    if (!narrowed && !process.argv.includes("--no-other-model")) {
      const other = model === "v2" ? "v1" : "v2";
      const database = process.env.DATABASE_URL
        ? await createSiblingDatabase(process.env.DATABASE_URL)
        : null;
      try {
        results.push(
          ...(await runStack({
            label: ` on Accounts ${other}`,
            model: other,
            database: database?.url ?? null,
            integration: stages.includes("integration") ? MODEL_SPECIFIC_INTEGRATION : null,
            e2e: stages.includes("e2e") ? ["--project", "app", "--grep", MODEL_SPECIFIC_E2E_TAG] : null,
          })),
        );
      } finally {
        await database?.drop();
      }
    }
  }

  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(`\n━━ Summary (${seconds} s)`);
  for (const result of results) console.log(`  ${result.ok ? "✓" : "✗"} ${result.stage}`);
  const passed = results.filter((r) => r.ok).length;
  console.log(`${passed} passed, ${results.length - passed} failed`);
  return results.every((r) => r.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
