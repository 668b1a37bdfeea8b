import { openDatabase, type DbHandle } from "@/lib/db/connection";
import { parseEnv } from "@/lib/env/schema";

/** The test stack's database (DATABASE_URL as given to the app), for assertions a response cannot show. */
export function openTestDatabase(): DbHandle {
  const result = parseEnv(process.env);
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return openDatabase(result.env.database, { poolSize: 2 });
}
