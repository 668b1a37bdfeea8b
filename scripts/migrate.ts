import { migrateToLatest, openDatabase } from "../lib/db/connection";
import { getEnv } from "../lib/env";

/** npm run db:migrate — applies every pending migration to DATABASE_URL (or the SQLite default). */
async function main(): Promise<void> {
  const env = getEnv();
  const handle = openDatabase(env.database);
  try {
    const results = await migrateToLatest(handle.db);
    const applied = results.filter((r) => r.status === "Success").map((r) => r.migrationName);
    console.log(
      applied.length > 0
        ? `Applied ${applied.length} migration(s) to ${env.database.kind}: ${applied.join(", ")}`
        : `The ${env.database.kind} database is up to date.`,
    );
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
