import { sql } from "kysely";
import { getDb } from "@/lib/db";
import { json, publicRoute } from "@/lib/http/route";

/** Readiness: the process is up and the database answers. */
export const GET = publicRoute(async () => {
  await sql`select 1`.execute(getDb());
  return json({ ok: true });
});
