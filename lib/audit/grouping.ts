import type { AuditEntry } from "./index";

/** A row of the audit log's display: one entry, or the Account Sessions one "view as" created, shown together. */
export type AuditDisplayItem =
  { kind: "entry"; entry: AuditEntry } | { kind: "sessions"; impersonationId: string; entries: AuditEntry[] };

const SESSION_ACTION = "impersonation.account_session";

/**
 * Groups the Account Sessions a "view as" created (one every few minutes while it lasts, and one per page load)
 * under their view: consecutive rows of the same impersonation become one display item. The rows stay in the log and
 * in exports as they are; only the display folds them. A lone session row stays a plain entry.
 */
export function groupAuditEntries(entries: readonly AuditEntry[]): AuditDisplayItem[] {
  const items: AuditDisplayItem[] = [];
  for (const entry of entries) {
    const previous = items.at(-1);
    if (entry.action === SESSION_ACTION && entry.impersonationId) {
      if (previous?.kind === "sessions" && previous.impersonationId === entry.impersonationId) {
        previous.entries.push(entry);
        continue;
      }
      if (
        previous?.kind === "entry" &&
        previous.entry.action === SESSION_ACTION &&
        previous.entry.impersonationId === entry.impersonationId
      ) {
        items[items.length - 1] = {
          kind: "sessions",
          impersonationId: entry.impersonationId,
          entries: [previous.entry, entry],
        };
        continue;
      }
    }
    items.push({ kind: "entry", entry });
  }
  return items;
}
