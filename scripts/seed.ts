import { migrateToLatest, openDatabase } from "../lib/db/connection";
import { getEnv } from "../lib/env";
import { DEMO_PASSWORD } from "../lib/seed/demo-data";
import { log } from "../lib/log";
import { seedDemo } from "../lib/seed/seed-demo";
import { seedPlatform } from "../lib/seed/seed-platform";
import { seedStripeData } from "../lib/seed/seed-stripe";

/**
 * npm run db:seed — the demo platform staff, tenants and members. Refused in production; idempotent.
 * `--platform` (sandbox only) also seeds a platform of 5,000 connected accounts and mirrors them for the console.
 */
async function main(): Promise<void> {
  const env = getEnv();
  if (env.isProduction && !env.isLocalApp) {
    throw new Error("npm run db:seed creates demo users and is refused in production.");
  }
  const handle = openDatabase(env.database);
  try {
    await migrateToLatest(handle.db);
    const report = await seedDemo(handle);
    console.log(
      report.created.length > 0
        ? `Seeded: ${report.created.join(", ")} (password "${DEMO_PASSWORD}")`
        : "Demo users and tenants already present.",
    );
    if (process.argv.includes("--no-stripe")) return;
    let stripe: string[];
    try {
      // First: seeding the sandbox's platform starts its state over, then the demo businesses get their accounts.
      const platform = process.argv.includes("--platform") ? await seedPlatform(handle, log) : [];
      stripe = [...platform, ...(await seedStripeData(handle, log))];
    } catch (error) {
      const where = env.stripe.emulatorUrl
        ? `the Stripe sandbox at ${env.stripe.emulatorUrl.origin}`
        : "Stripe";
      throw new Error(
        `Could not seed the demo businesses' Stripe accounts: ${where} did not answer as expected (${error instanceof Error ? error.message : String(error)}).` +
          (env.stripe.emulatorUrl
            ? " Start it with `npm run emulator` (npm run sandbox does it for you), or pass --no-stripe."
            : ""),
        { cause: error },
      );
    }
    console.log(stripe.length > 0 ? `Stripe: ${stripe.join("; ")}` : "Demo Stripe data already present.");
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
