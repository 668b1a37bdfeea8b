import "server-only";
import { getEnv } from "../env";
import { migrateToLatest, openDatabase, type DbHandle } from "./connection";

declare global {
  // One pool per process, kept across Next.js dev hot reloads.
  var porticoDb: DbHandle | undefined;
  var porticoMigrated: Promise<void> | undefined;
}

/** The app's single connection (pool), shared across route handlers and hot reloads. */
export function getDbHandle(): DbHandle {
  globalThis.porticoDb ??= openDatabase(getEnv().database);
  return globalThis.porticoDb;
}

export function getDb(): DbHandle["db"] {
  return getDbHandle().db;
}

/** Runs migrations once per process (start-up calls it from instrumentation.ts). */
export function ensureMigrated(): Promise<void> {
  globalThis.porticoMigrated ??= migrateToLatest(getDb()).then(() => undefined);
  return globalThis.porticoMigrated;
}

export type { DB, TenantRole } from "./schema";
