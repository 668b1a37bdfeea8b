/** Formatting of the backfill's progress: a bar redrawn in place on a terminal, plain lines otherwise. Pure. */

export interface SyncProgress {
  /** Accounts and pages written so far, including those of the run this one resumed. */
  accounts: number;
  pages: number;
  /** Accounts written by this process, and how long it has run: the rate is theirs. */
  accountsThisRun: number;
  elapsedMs: number;
  /** Expected number of accounts when one is known (e.g. the mirror's size before the run); null otherwise. */
  estimatedTotal: number | null;
  rateLimited: number;
  resumed: boolean;
  done: boolean;
}

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, "0")}m`;
}

export function accountsPerSecond(progress: Pick<SyncProgress, "accountsThisRun" | "elapsedMs">): number {
  return progress.elapsedMs > 0 ? (progress.accountsThisRun * 1000) / progress.elapsedMs : 0;
}

/** Remaining time, when a total is known and something has been measured; null otherwise. */
export function etaMs(progress: SyncProgress): number | null {
  if (progress.done) return 0;
  const rate = accountsPerSecond(progress);
  if (progress.estimatedTotal === null || rate <= 0) return null;
  return (Math.max(0, progress.estimatedTotal - progress.accounts) / rate) * 1000;
}

function parts(progress: SyncProgress): string[] {
  const rate = accountsPerSecond(progress);
  const eta = etaMs(progress);
  const out = [
    `${integer.format(progress.pages)} page${progress.pages === 1 ? "" : "s"}`,
    `${integer.format(rate)} accounts/s`,
  ];
  if (progress.done) out.push(`done in ${formatDuration(progress.elapsedMs)}`);
  else if (eta !== null) out.push(`ETA ${formatDuration(eta)}`);
  else out.push(`${formatDuration(progress.elapsedMs)} elapsed`);
  if (progress.rateLimited > 0) out.push(`${integer.format(progress.rateLimited)} × 429`);
  return out;
}

/** One terminal line: `[████░░░░] 4,200/10,000 accounts · 42 pages · 2,480 accounts/s · ETA 2s`. */
export function formatProgressBar(progress: SyncProgress, width = 24): string {
  const total = progress.estimatedTotal;
  let head: string;
  if (total !== null && total > 0) {
    const fraction = progress.done ? 1 : Math.min(0.99, progress.accounts / total);
    const filled = Math.round(fraction * width);
    head = `[${"█".repeat(filled)}${"░".repeat(width - filled)}] ${integer.format(progress.accounts)}/${progress.done ? integer.format(progress.accounts) : `≈${integer.format(total)}`} accounts`;
  } else {
    // Stripe does not say how many accounts there are: show what has been done and how fast.
    const spinner = progress.done ? "✓" : "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏".charAt(progress.pages % 10);
    head = `${spinner} ${integer.format(progress.accounts)} accounts`;
  }
  return [head, ...parts(progress)].join(" · ");
}

/** A log line for non-terminal output (CI, files), printed every few seconds. */
export function formatProgressLine(progress: SyncProgress): string {
  const total =
    progress.estimatedTotal !== null && !progress.done
      ? ` of ≈${integer.format(progress.estimatedTotal)}`
      : "";
  return `stripe:sync ${progress.done ? "finished" : "progress"}: ${integer.format(progress.accounts)} accounts${total}, ${parts(progress).join(", ")}`;
}
