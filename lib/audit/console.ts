import "server-only";
import { z } from "zod";
import { platformRoleOf, type PlatformRole } from "../auth/platform-role";
import { getDb } from "../db";
import { auditActions, listAudit, type AuditEntry, type AuditFilters } from ".";

/** The audit log as the console filters, pages and exports it. */

const DAY_MS = 86_400_000;
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The filters as they appear in the URL (page and CSV export alike); anything malformed is ignored. */
export const auditQuerySchema = z.object({
  staff: z.string().trim().min(1).max(100).nullable().catch(null),
  account: z
    .string()
    .trim()
    .regex(/^acct_[A-Za-z0-9]{1,64}$/)
    .nullable()
    .catch(null),
  action: z.enum(auditActions).nullable().catch(null),
  from: isoDay.nullable().catch(null),
  to: isoDay.nullable().catch(null),
  cursor: z.string().max(200).nullable().catch(null),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export function parseAuditQuery(
  params: Record<string, string | string[] | undefined> | URLSearchParams,
): AuditQuery {
  const get = (name: string): string | null => {
    if (params instanceof URLSearchParams) return params.get(name) || null;
    const value = params[name];
    return (Array.isArray(value) ? value[0] : value) || null;
  };
  return auditQuerySchema.parse({
    staff: get("staff"),
    account: get("account"),
    action: get("action"),
    from: get("from"),
    to: get("to"),
    cursor: get("cursor"),
  });
}

/** Dates are whole UTC days, both ends included. */
export function auditFilters(query: AuditQuery): AuditFilters {
  const from = query.from ? Date.parse(`${query.from}T00:00:00Z`) : NaN;
  const to = query.to ? Date.parse(`${query.to}T00:00:00Z`) + DAY_MS - 1 : NaN;
  return {
    ...(query.staff ? { actorUserId: query.staff } : {}),
    ...(query.account ? { accountId: query.account } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(Number.isFinite(from) ? { from } : {}),
    ...(Number.isFinite(to) ? { to } : {}),
  };
}

export function auditSearchParams(query: AuditQuery, changes: Partial<AuditQuery> = {}): URLSearchParams {
  const next = { ...query, cursor: null, ...changes };
  const params = new URLSearchParams();
  for (const key of ["staff", "account", "action", "from", "to", "cursor"] as const) {
    const value = next[key];
    if (value) params.set(key, value);
  }
  return params;
}

export interface StaffMember {
  id: string;
  name: string;
  email: string;
  role: PlatformRole;
}

/** Platform staff (for the "staff member" filter). */
export async function listPlatformStaff(): Promise<StaffMember[]> {
  const rows = await getDb()
    .selectFrom("user")
    .select(["id", "name", "email", "role"])
    .where((eb) => eb.or([eb("role", "like", "%admin%"), eb("role", "like", "%support%")]))
    .orderBy("email")
    .execute();
  return rows.flatMap((row) => {
    const role = platformRoleOf(row.role);
    return role ? [{ id: row.id, name: row.name, email: row.email, role }] : [];
  });
}

const csvColumns: { header: string; value: (entry: AuditEntry) => string }[] = [
  { header: "occurred_at", value: (e) => new Date(e.occurredAt).toISOString() },
  { header: "action", value: (e) => e.action },
  // A person who deleted their account: the id stays, for the record; the address is no longer shown.
  {
    header: "actor_email",
    value: (e) => (e.actorDeleted ? `deleted user ${e.actorUserId ?? ""}`.trim() : (e.actorEmail ?? "")),
  },
  { header: "actor_role", value: (e) => e.actorRole ?? "" },
  { header: "account_id", value: (e) => e.accountId ?? "" },
  { header: "tenant_id", value: (e) => e.tenantId ?? "" },
  { header: "impersonation_id", value: (e) => e.impersonationId ?? "" },
  { header: "reason", value: (e) => e.reason ?? "" },
  { header: "profile", value: (e) => e.profile ?? "" },
  { header: "components", value: (e) => e.components.join(" ") },
  { header: "ip", value: (e) => e.ip ?? "" },
  { header: "user_agent", value: (e) => e.userAgent ?? "" },
  { header: "id", value: (e) => e.id },
  { header: "details", value: (e) => (Object.keys(e.details).length > 0 ? JSON.stringify(e.details) : "") },
];

/** An entry's details as short "key: value" pairs for the console (nested values as JSON). */
export function detailPairs(details: Record<string, unknown>): string[] {
  return Object.entries(details).map(
    ([key, value]) =>
      `${key}: ${typeof value === "string" || typeof value === "number" ? value : JSON.stringify(value)}`,
  );
}

/**
 * One CSV field: quoted when it holds a quote, comma or line break, and defused when a spreadsheet would read it as
 * a formula (a leading =, +, -, @, tab or carriage return gets a leading apostrophe) — reasons are free text.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(values: string[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

/** Every matching entry, newest first, as CSV lines fetched in keyset batches (memory stays flat). */
export async function* auditCsvLines(filters: AuditFilters, batchSize = 500): AsyncGenerator<string> {
  yield csvRow(csvColumns.map((c) => c.header));
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof listAudit>> = await listAudit(filters, {
      limit: batchSize,
      cursor,
    });
    for (const entry of page.entries) yield csvRow(csvColumns.map((c) => c.value(entry)));
    cursor = page.nextCursor;
  } while (cursor);
}
