import { formatDuration } from "../../lib/accounts/sync-progress";

/**
 * A command's progress on the terminal: a bar redrawn in place at most ten times a second on a TTY, a plain line
 * every five seconds otherwise (CI, files). `npm run stripe:sync` and `npm run tenants:import` draw theirs with it.
 */
export interface ProgressPrinter<P> {
  update(progress: P): void;
  end(): void;
}

export function progressPrinter<P extends { done: boolean }>(format: {
  bar(progress: P): string;
  line(progress: P): string;
}): ProgressPrinter<P> {
  const tty = process.stdout.isTTY === true;
  let lastDraw = 0;
  let drawn = false;
  return {
    update(progress) {
      const now = Date.now();
      if (tty) {
        if (!progress.done && now - lastDraw < 100) return;
        const width = process.stdout.columns || 100;
        process.stdout.write(`\r\x1b[2K${format.bar(progress).slice(0, Math.max(20, width - 1))}`);
        drawn = true;
      } else {
        if (!progress.done && now - lastDraw < 5_000) return;
        console.log(format.line(progress));
      }
      lastDraw = now;
    },
    end() {
      if (tty && drawn) process.stdout.write("\n");
    },
  };
}

/** Progress through a known number of items (rows of a list). */
export interface CountProgress {
  done: boolean;
  completed: number;
  total: number;
  elapsedMs: number;
}

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

function countParts(progress: CountProgress, unit: string): string[] {
  const rate = progress.elapsedMs > 0 ? (progress.completed * 1000) / progress.elapsedMs : 0;
  const parts = [`${integer.format(rate)} ${unit}/s`];
  if (progress.done) parts.push(`done in ${formatDuration(progress.elapsedMs)}`);
  else if (rate > 0)
    parts.push(`ETA ${formatDuration(((progress.total - progress.completed) / rate) * 1000)}`);
  else parts.push(`${formatDuration(progress.elapsedMs)} elapsed`);
  return parts;
}

/** `[██████░░░░] 120/500 rows · 40 rows/s · ETA 9s` */
export function formatCountBar(progress: CountProgress, unit: string, width = 24): string {
  const fraction = progress.total > 0 ? Math.min(1, progress.completed / progress.total) : 1;
  const filled = Math.round(fraction * width);
  const head = `[${"█".repeat(filled)}${"░".repeat(width - filled)}] ${integer.format(progress.completed)}/${integer.format(progress.total)} ${unit}`;
  return [head, ...countParts(progress, unit)].join(" · ");
}

/** `tenants:import progress: 120 of 500 rows, 40 rows/s, ETA 9s` */
export function formatCountLine(progress: CountProgress, command: string, unit: string): string {
  return `${command} ${progress.done ? "finished" : "progress"}: ${integer.format(progress.completed)} of ${integer.format(progress.total)} ${unit}, ${countParts(progress, unit).join(", ")}`;
}
