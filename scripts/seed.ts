import { migrateToLatest, openDatabase } from "../lib/db/connection";
import { getEnv } from "../lib/env";
import { DEMO_PASSWORD } from "../lib/seed/demo-data";
import { seedDemo } from "../lib/seed/seed-demo";

/** npm run db:seed — the demo platform staff, tenants and members. Refused in production; idempotent. */
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
        : "Demo data already present: nothing to do.",
    );
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
