import { bin, buildIfNeeded, run } from "./lib/stack";
import { findChromium } from "./lib/chromium";
import { connectedAccountsApiInForce } from "./lib/emulator";
import { createSiblingDatabase, runStack } from "./lib/test-stack";

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
