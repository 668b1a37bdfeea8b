import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { bin, buildIfNeeded, freePort, run, startApp, waitForHttp, type Child } from "./lib/stack";
import { findChromium } from "./lib/chromium";
import { startSandboxEmulator, startSandboxIdp, type SandboxEmulator, type SandboxIdp } from "./lib/emulator";

/**
 * npm test — the whole suite: unit tests, then integration and end-to-end tests against the production build, the
 * Stripe sandbox emulator and a fresh database (SQLite in a temp dir, or DATABASE_URL when set, as CI's
 * PostgreSQL pass does). `--only=unit,integration,e2e` runs a subset. `--database-pass` leaves out the suites that
 * never touch Portico's database (the emulator's own integration tests and the stand-ins' end-to-end project), for a
 * second pass on another database.
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
    const dataDir = mkdtempSync(path.join(tmpdir(), "portico-test-"));
    const appLog = path.join(dataDir, "app.log");
    const appPort = await freePort();
    const appUrl = `http://localhost:${appPort}`;
    const database = process.env.DATABASE_URL ?? `file:${path.join(dataDir, "portico.db")}`;
    let emulator: SandboxEmulator | null = null;
    let idp: SandboxIdp | null = null;
    let app: Child | null = null;
    try {
      emulator = await startSandboxEmulator({ appOrigin: appUrl, quiet: true });
      // The sandbox's OpenID provider: single sign-on's tests sign in through it (and switch its outage on and off).
      idp = await startSandboxIdp({ appOrigins: [appUrl] });
      const env = {
        NODE_ENV: "production" as const,
        APP_URL: appUrl,
        DATABASE_URL: database,
        PORTICO_DATA_DIR: dataDir,
        EMULATOR_URL: emulator.url,
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
        `\n━━ Stack: app ${appUrl}, emulator ${emulator.url}, database ${database.startsWith("file:") ? "SQLite" : "PostgreSQL"}`,
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
      if (stages.includes("integration")) {
        console.log("\n━━ Integration tests");
        // `--integration=identity,scale/two` runs only the integration files whose paths contain those filters.
        const filters = (process.argv.find((arg) => arg.startsWith("--integration="))?.slice(14) ?? "")
          .split(",")
          .filter(Boolean);
        results.push({
          stage: "integration",
          ok:
            (await run(
              bin("vitest"),
              [
                "run",
                "--project",
                "integration",
                ...(databasePass ? ["--exclude", "tests/integration/emulator/**"] : []),
                ...filters,
              ],
              testEnv,
            )) === 0,
        });
      }
      if (stages.includes("e2e")) {
        console.log("\n━━ End-to-end tests (Chromium)");
        // Other arguments go to Playwright, e.g. `npm test -- --only=e2e --grep viewer --repeat-each=5`.
        const playwrightArgs = process.argv
          .slice(2)
          .filter(
            (arg) =>
              !arg.startsWith("--only=") && !arg.startsWith("--integration=") && arg !== "--database-pass",
          );
        if (databasePass) playwrightArgs.push("--project", "app");
        results.push({
          stage: "e2e",
          ok: (await run(bin("playwright"), ["test", ...playwrightArgs], testEnv)) === 0,
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
