import type { ColumnDataType, Expression, Kysely } from "kysely";
import { sql } from "kysely";

export type DialectName = "sqlite" | "postgres";

/** Column types that differ between SQLite and PostgreSQL, so one migration set serves both. */
export function columnTypes(dialect: DialectName): {
  bool: ColumnDataType;
  date: ColumnDataType;
  epochMs: ColumnDataType;
  now: Expression<unknown> | null;
} {
  return dialect === "postgres"
    ? { bool: "boolean", date: "timestamptz", epochMs: "bigint", now: sql`CURRENT_TIMESTAMP` }
    : { bool: "integer", date: "date", epochMs: "integer", now: null };
}

/** Migrations receive the dialect through this marker so they stay plain Kysely code. */
export function dialectOf(db: Kysely<unknown>): DialectName {
  const adapter = db.getExecutor().adapter;
  return adapter.constructor.name.toLowerCase().includes("postgres") ? "postgres" : "sqlite";
}
