import { spawn } from "node:child_process";
import { randomInt } from "node:crypto";
import path from "node:path";
import { openDatabase } from "../../lib/db/connection";
import { parseEnv } from "../../lib/env/schema";

/**
 * Connected accounts the platform already has when Portico arrives: made at the sandbox (as Stripe would hold them),
 * enabled, and mirrored into Portico with no business by `npm run stripe:sync` (webhooks of accounts Portico does
 * not know yet are ignored). Plain helpers (no test runner), for vitest and Playwright.
 */

const SANDBOX_KEY = "sk_test_portico_sandbox";
const root = path.resolve(__dirname, "../..");

function emulatorUrl(): string {
  const url = process.env.PORTICO_TEST_EMULATOR_URL;
  if (!url) throw new Error("PORTICO_TEST_EMULATOR_URL is not set: run the tests through `npm test`.");
  return url;
}

/** A unique, realistic address on an example domain. */
export function exampleEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomInt(1e9).toString(36)}@example.test`;
}

export interface ExistingAccount {
  id: string;
  email: string;
  /** The account holder's own address at Stripe (`individual.email`). */
  individualEmail: string;
  businessName: string;
}

/** Creates the account at the sandbox (not mirrored yet). */
export async function createStripeAccount(
  input: { businessName?: string; email?: string; individualEmail?: string } = {},
): Promise<ExistingAccount> {
  const businessName = input.businessName ?? `Harbor Goods ${randomInt(1e6)}`;
  const email = input.email ?? exampleEmail("stripe-account");
  const individualEmail = input.individualEmail ?? exampleEmail("holder");
  const form = new URLSearchParams({
    type: "custom",
    country: "US",
    email,
    business_type: "individual",
    "business_profile[name]": businessName,
    "individual[first_name]": "Hana",
    "individual[last_name]": "Holder",
    "individual[email]": individualEmail,
    "capabilities[card_payments][requested]": "true",
    "capabilities[transfers][requested]": "true",
  });
  const response = await fetch(new URL("/v1/accounts", emulatorUrl()), {
    method: "POST",
    headers: { authorization: `Bearer ${SANDBOX_KEY}`, "content-type": "application/x-www-form-urlencoded" },
    body: form,
  });
  if (!response.ok) throw new Error(`create account: ${response.status} ${await response.text()}`);
  const account = (await response.json()) as { id: string };
  return { id: account.id, email, individualEmail, businessName };
}

/** An environment without the variables set to undefined (unset for the child, not the string "undefined"). */
function definedOnly(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out;
}

/** Runs a command-line script of Portico against the test stack (its environment is the test's). */
export function runScript(
  script: string,
  args: string[] = [],
  env: Record<string, string | undefined> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(root, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", script, ...args],
      { cwd: root, env: definedOnly(env), stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Enables accounts at the sandbox, then mirrors the platform's accounts with `npm run stripe:sync`, as a platform does. */
export async function mirrorAccounts(accountIds: string[]): Promise<void> {
  for (const id of accountIds) {
    const response = await fetch(new URL(`/_emulator/accounts/${id}/state`, emulatorUrl()), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ state: "enabled" }),
    });
    if (!response.ok) throw new Error(`enable account: ${response.status} ${await response.text()}`);
  }
  const sync = await runScript("scripts/stripe-sync.ts", [], { LOG_LEVEL: "warn" });
  if (sync.code !== 0)
    throw new Error(`npm run stripe:sync failed (${sync.code}): ${sync.stderr || sync.stdout}`);
  const env = parseEnv(process.env);
  if (!env.ok) throw new Error(env.errors.join("\n"));
  const handle = openDatabase(env.env.database, { poolSize: 1 });
  try {
    const rows = await handle.db
      .selectFrom("stripe_accounts")
      .select("id")
      .where("id", "in", accountIds)
      .execute();
    if (rows.length !== accountIds.length) throw new Error("stripe:sync did not mirror every account");
  } finally {
    await handle.close();
  }
}

/** Existing accounts of the platform, mirrored, with no business yet. */
export async function existingAccounts(
  inputs: { businessName?: string; email?: string; individualEmail?: string }[],
): Promise<ExistingAccount[]> {
  const accounts: ExistingAccount[] = [];
  for (const input of inputs) accounts.push(await createStripeAccount(input));
  await mirrorAccounts(accounts.map((account) => account.id));
  return accounts;
}

/** One existing account of the platform, mirrored, with no business yet. */
export async function existingAccount(
  input: { businessName?: string; email?: string; individualEmail?: string } = {},
): Promise<ExistingAccount> {
  const [account] = await existingAccounts([input]);
  if (!account) throw new Error("no account");
  return account;
}
