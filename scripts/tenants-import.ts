import { readFile, stat } from "node:fs/promises";
import { formatCountBar, formatCountLine, progressPrinter, type CountProgress } from "./lib/progress";

/**
 * npm run tenants:import -- accounts.csv [--dry-run]
 *
 * Gives the platform's existing connected accounts (mirrored by `npm run stripe:sync`) their businesses from a list —
 * acct id, business name, owner email per line — and invites each owner, exactly as the console's import does
 * (lib/tenancy/account-import.ts). Idempotent: rows already linked the same way are skipped, so the same file can be
 * run again. --dry-run changes nothing and says what would happen. Exits 1 when any row failed (listed with why).
 */

const USAGE = `Usage: npm run tenants:import -- <accounts.csv> [--dry-run]

  Each line: acct id, business name, owner email (a header row is optional).
  --dry-run   change nothing; say what importing the file would do`;

/** The command line takes bigger lists than the console (whose requests stop at 1 MB and 10,000 rows). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const MAX_ROWS = 200_000;

class UsageError extends Error {}

function parseArgs(argv: string[]): { file: string; dryRun: boolean } | "help" {
  let file: string | null = null;
  let dryRun = false;
  for (const arg of argv) {
    if (arg === "--help" || arg === "-h") return "help";
    if (arg === "--dry-run") dryRun = true;
    else if (arg.startsWith("--")) throw new UsageError(`Unknown option "${arg}".`);
    else if (file === null) file = arg;
    else throw new UsageError(`One file at a time (got "${file}" and "${arg}").`);
  }
  if (file === null) throw new UsageError("Give the CSV file to import.");
  return { file, dryRun };
}

const pad = (text: string, width: number) =>
  text.length >= width ? text : text + " ".repeat(width - text.length);

async function main(): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (args === "help") {
    console.log(USAGE);
    return 0;
  }
  let text: string;
  try {
    const info = await stat(args.file);
    if (info.size > MAX_FILE_BYTES) {
      console.error(`${args.file} is larger than 64 MB: split it into smaller files.`);
      return 1;
    }
    text = await readFile(args.file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(
      code === "ENOENT"
        ? `No such file: ${args.file}`
        : `Cannot read ${args.file}: ${(error as Error).message}`,
    );
    return 1;
  }

  // The report is the output: log lines would only interleave with the progress bar.
  process.env.LOG_LEVEL ??= "warn";
  const { getEnv } = await import("../lib/env");
  const { ensureMigrated, getDbHandle } = await import("../lib/db");
  const { AppError } = await import("../lib/errors");
  const { importAccounts } = await import("../lib/tenancy/account-import");

  const env = getEnv();
  const where = env.stripe.emulatorUrl ? `the Stripe sandbox at ${env.stripe.emulatorUrl.origin}` : "Stripe";
  const printer = progressPrinter<CountProgress>({
    bar: (p) => formatCountBar(p, "rows"),
    line: (p) => formatCountLine(p, "tenants:import", "rows"),
  });
  const started = Date.now();
  try {
    await ensureMigrated();
    console.log(
      `${args.dryRun ? "Checking (dry run: nothing changes)" : "Importing"} ${args.file} against the ${env.database.kind} database and ${where}…`,
    );
    const report = await importAccounts(
      null,
      text,
      { ip: null, userAgent: "npm run tenants:import" },
      {
        dryRun: args.dryRun,
        source: "cli",
        maxRows: MAX_ROWS,
        onProgress: (completed, total) =>
          printer.update({ completed, total, elapsedMs: Date.now() - started, done: completed === total }),
      },
    );
    printer.end();
    const would = report.dryRun ? "would be " : "";
    const { counts } = report;
    console.log(
      `${report.dryRun ? "Dry run: " : ""}${counts.total} row${counts.total === 1 ? "" : "s"} — ${counts.invited} ${would}invited, ${counts.awaiting_approval} ${report.dryRun ? "would wait" : "waiting"} for a second admin's approval, ${counts.skipped} ${would}skipped (already linked the same way), ${counts.failed} ${report.dryRun ? "would fail" : "failed"}.`,
    );
    const waiting = report.rows.filter((row) => row.outcome === "awaiting_approval");
    if (waiting.length > 0) {
      console.log(
        `\n${report.dryRun ? "Would wait" : "Waiting"} for approval (an admin approves them on each account's page):`,
      );
      for (const row of waiting) {
        console.log(
          `  line ${pad(String(row.line), 6)} ${pad(row.accountId, 24)} ${row.email} — ${row.message}`,
        );
      }
    }
    const failed = report.rows.filter((row) => row.outcome === "failed");
    if (failed.length > 0) {
      console.log(
        `\n${report.dryRun ? "Would fail" : "Failed"} (fix them and run the file again; done rows are skipped):`,
      );
      for (const row of failed) {
        console.log(
          `  line ${pad(String(row.line), 6)} ${pad(row.accountId || "—", 24)} ${pad(row.reason ?? "failed", 26)} ${row.message}`,
        );
      }
    }
    if (!report.dryRun && counts.invited > 0) {
      console.log(
        "\nInvitation mails are in Portico's outbox: they leave now, or from the running app within seconds.",
      );
    }
    return failed.length > 0 ? 1 : 0;
  } catch (error) {
    printer.end();
    if (error instanceof AppError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    // Queued mail is kicked off shortly after each invitation: let that finish before the database closes (what is
    // left in the outbox, the running app sends).
    await new Promise((resolve) => setTimeout(resolve, 100));
    await globalThis.porticoMailDraining;
    await getDbHandle().close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
