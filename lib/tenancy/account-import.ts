import "server-only";
import { auditAction, recordAudit } from "../audit";
import { AppError } from "../errors";
import type { RequestMeta } from "../impersonation";
import { newId } from "../ids";
import { AccountCsvError, parseAccountCsv, type AccountCsvRow } from "./account-csv";
import {
  accountKnownToStripe,
  inviteAccountOwner,
  type LinkActor,
  type OwnerMatch,
} from "./owner-invitations";

/**
 * Importing a list of the platform's existing accounts (lib/tenancy/account-csv.ts reads it): each row gives its
 * account a business and invites its owner exactly as the console's form does (lib/tenancy/owner-invitations.ts).
 * Idempotent: a row whose account is already linked the same way (this owner joined, or was invited) is skipped,
 * so a list can be run again after fixing what failed. A dry run changes nothing and says what would happen. The
 * console's import and `npm run tenants:import` both run this.
 */

/** The console's limits: the list (its UTF-8 bytes) and the rows in it. */
export const ACCOUNT_IMPORT_MAX_BYTES = 1024 * 1024;
export const ACCOUNT_IMPORT_MAX_ROWS = 10_000;

export type ImportOutcome = "invited" | "awaiting_approval" | "skipped" | "failed";

export type ImportReason =
  // Why a row failed.
  | "malformed_csv"
  | "wrong_column_count"
  | "invalid_account_id"
  | "invalid_email"
  | "business_name_too_long"
  | "duplicate_in_file"
  | "unknown_account"
  | "not_in_mirror"
  | "account_disconnected"
  | "already_linked"
  | "missing_business_name"
  | "mail_limited"
  | "failed"
  // Why an invitation waits for a second admin.
  | "email_not_matching_stripe"
  | "stripe_unavailable"
  // Why a row was skipped.
  | "already_linked_same_way";

export interface ImportRowResult {
  line: number;
  accountId: string;
  businessName: string;
  email: string;
  outcome: ImportOutcome;
  reason: ImportReason | null;
  /** For an invited row: which of the account's addresses the owner's is. */
  match: OwnerMatch | null;
  message: string;
}

export interface ImportReport {
  importId: string;
  dryRun: boolean;
  hasHeader: boolean;
  rows: ImportRowResult[];
  counts: Record<ImportOutcome, number> & { total: number };
  durationMs: number;
}

export interface ImportOptions {
  dryRun: boolean;
  source: "import" | "cli";
  maxRows?: number;
  /** Rows at once (Stripe lookups overlap; the database work is short). */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
  /**
   * Runs once the list has been read and before any row is touched (the console's step-up), so a list that cannot
   * be read at all is refused without spending the proof.
   */
  beforeRows?: () => Promise<void>;
}

const failureReasons = new Set<string>([
  "unknown_account",
  "not_in_mirror",
  "account_disconnected",
  "already_linked",
  "missing_business_name",
  "mail_limited",
]);

const matchWords: Record<OwnerMatch, string> = {
  account_email: "the Stripe account's email",
  individual_email: "the account holder's email at Stripe",
  representative_email: "the representative's email at Stripe",
};

async function importRow(
  actor: LinkActor,
  row: AccountCsvRow,
  meta: RequestMeta,
  options: ImportOptions,
  importId: string,
): Promise<ImportRowResult> {
  const base = {
    line: row.line,
    accountId: row.accountId,
    businessName: row.businessName,
    email: row.email,
    match: null,
  };
  if (row.problem)
    return { ...base, outcome: "failed", reason: row.problem.reason, message: row.problem.message };
  const would = options.dryRun ? "would be " : "";
  try {
    const result = await inviteAccountOwner(
      actor,
      { accountId: row.accountId, email: row.email, businessName: row.businessName || null },
      meta,
      {
        dryRun: options.dryRun,
        source: options.source === "cli" ? "cli" : "import",
        importId,
        rateLimitBudgetMs: 20_000,
      },
    );
    switch (result.outcome) {
      case "invited":
        return {
          ...base,
          outcome: "invited",
          reason: null,
          match: result.match,
          message: `Owner invitation ${would}mailed: the address is ${matchWords[result.match]}.`,
        };
      case "awaiting_approval":
        return {
          ...base,
          outcome: "awaiting_approval",
          reason: result.unverified ? "stripe_unavailable" : "email_not_matching_stripe",
          message: result.unverified
            ? `Stripe could not be asked for the account's addresses: the invitation ${options.dryRun ? "would wait" : "waits"} for a second admin's approval.`
            : `The address is not one Stripe has for this account: the invitation ${options.dryRun ? "would wait" : "waits"} for a second admin's approval.`,
        };
      case "skipped":
        return {
          ...base,
          outcome: "skipped",
          reason: "already_linked_same_way",
          message: "Already linked to this owner (joined or invited): nothing to do.",
        };
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    let reason = error.details.reason ?? "failed";
    let message = error.message;
    if (reason === "not_in_mirror") {
      // Tell "run the sync" from "no such account".
      const known = await accountKnownToStripe(row.accountId);
      if (known === false) {
        reason = "unknown_account";
        message = "Stripe has no such account connected to the platform.";
      }
    }
    return {
      ...base,
      outcome: "failed",
      reason: (failureReasons.has(reason) ? reason : "failed") as ImportReason,
      message,
    };
  }
}

/** Runs `count` tasks at most `limit` at a time, keeping each result at its index. */
async function pool<T>(count: number, limit: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const index = next++;
      if (index >= count) return;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}

/**
 * Reads the list and imports it row by row (see the module's comment), calling `onProgress` as rows finish, then
 * records the import itself in the audit log (each invitation is audited on its own as well). Throws an AppError
 * (invalid_request) for a list that cannot be read at all: empty, or longer than allowed.
 */
export async function importAccounts(
  actor: LinkActor,
  text: string,
  meta: RequestMeta,
  options: ImportOptions,
): Promise<ImportReport> {
  const started = Date.now();
  let parsed;
  try {
    parsed = parseAccountCsv(text, { maxRows: options.maxRows ?? ACCOUNT_IMPORT_MAX_ROWS });
  } catch (error) {
    if (error instanceof AccountCsvError) {
      throw new AppError("invalid_request", error.message, {
        reason: error.reason === "empty" ? "empty_list" : "too_many_rows",
      });
    }
    throw error;
  }
  await options.beforeRows?.();
  const importId = newId("imp");
  const total = parsed.rows.length;
  let done = 0;
  options.onProgress?.(0, total);
  const rows = await pool(total, options.concurrency ?? 4, async (index) => {
    const row = parsed.rows[index];
    if (!row) throw new Error("row out of range");
    const result = await importRow(actor, row, meta, options, importId);
    done += 1;
    options.onProgress?.(done, total);
    return result;
  });
  const counts = { total, invited: 0, awaiting_approval: 0, skipped: 0, failed: 0 };
  for (const row of rows) counts[row.outcome] += 1;
  const details = {
    importId,
    source: options.source,
    dryRun: options.dryRun,
    rows: total,
    invited: counts.invited,
    awaitingApproval: counts.awaiting_approval,
    skipped: counts.skipped,
    failed: counts.failed,
  };
  if (actor) await auditAction(actor, "tenants.imported", meta, { details });
  else await recordAudit({ action: "tenants.imported", actor: null, details });
  return {
    importId,
    dryRun: options.dryRun,
    hasHeader: parsed.hasHeader,
    rows,
    counts,
    durationMs: Date.now() - started,
  };
}
