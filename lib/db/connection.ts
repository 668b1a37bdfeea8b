import { mkdirSync } from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type MigrationResult } from "kysely";
import pg from "pg";
import type { Database } from "../env/schema";
import { migrations } from "./migrations";
import type { DB } from "./schema";
import type { DialectName } from "./dialect";

// int8 (bigint) columns hold epoch milliseconds, well inside Number's safe range.
pg.types.setTypeParser(20, (value) => Number(value));

export interface DbHandle {
  db: Kysely<DB>;
  dialect: DialectName;
  close(): Promise<void>;
}

/** Opens a connection for the given database settings. Not cached: see lib/db/index.ts for the app's instance. */
export function openDatabase(database: Database, options: { poolSize?: number } = {}): DbHandle {
  if (database.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: database.url, max: options.poolSize ?? 10 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: "postgres", close: () => db.destroy() };
  }
  if (database.path !== ":memory:") mkdirSync(path.dirname(path.resolve(database.path)), { recursive: true });
  const sqlite = new SQLite(database.path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = NORMAL");
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: "sqlite", close: () => db.destroy() };
}

/** Applies every pending migration; safe to run concurrently from several instances on PostgreSQL. */
export async function migrateToLatest(db: Kysely<DB>): Promise<MigrationResult[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: "portico_migrations",
    migrationLockTableName: "portico_migrations_lock",
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error");
    throw new Error(`Database migration ${failed?.migrationName ?? ""} failed: ${String(error)}`, {
      cause: error,
    });
  }
  return results ?? [];
}
