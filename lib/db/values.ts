import type { DialectName } from "./dialect";

/** better-auth's storage conventions: ISO strings and 0/1 on SQLite, native types on PostgreSQL. */
export function authDate(dialect: DialectName, date: Date): Date | string {
  return dialect === "postgres" ? date : date.toISOString();
}

export function authBool(dialect: DialectName, value: boolean): boolean | number {
  return dialect === "postgres" ? value : value ? 1 : 0;
}
