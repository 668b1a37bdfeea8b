import { z } from "zod";
import { BackfillError, DEFAULT_RATE_PER_SECOND, runBackfill } from "../lib/accounts/backfill";
import { formatProgressBar, formatProgressLine, type SyncProgress } from "../lib/accounts/sync-progress";
import { migrateToLatest, openDatabase } from "../lib/db/connection";
import { getConnectedAccountsApi } from "../lib/connect/accounts-api";
import { getEnv } from "../lib/env";
import { getStripe } from "../lib/stripe/client";
import { progressPrinter } from "./lib/progress";

/**
 * npm run stripe:sync [-- --rate N] [-- --restart] — copies every connected account of the platform into the
 * accounts mirror. Resumes an interrupted run unless --restart; Ctrl-C stops it cleanly after the current page.
 */

const argsSchema = z.object({
  rate: z.coerce.number().positive().max(1000).default(DEFAULT_RATE_PER_SECOND),
  restart: z.boolean().default(false),
});

function parseArgs(argv: string[]): z.infer<typeof argsSchema> {
  const raw: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--restart") raw.restart = true;
    else if (arg === "--rate") raw.rate = argv[++i];
    else if (arg.startsWith("--rate=")) raw.rate = arg.slice("--rate=".length);
    else if (arg === "--help" || arg === "-h") {
      console.log("Usage: npm run stripe:sync [-- --rate <requests per second>] [-- --restart]");
      process.exit(0);
    } else throw new Error(`Unknown argument "${arg}". Use --rate N and/or --restart.`);
  }
  const parsed = argsSchema.safeParse(raw);
  if (!parsed.success) throw new Error("--rate must be a number of requests per second, e.g. --rate 20.");
  return parsed.data;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const env = getEnv();
  const where = env.stripe.emulatorUrl ? `the Stripe sandbox at ${env.stripe.emulatorUrl.origin}` : "Stripe";
  const handle = openDatabase(env.database);
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort(new Error("interrupted"));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const printer = progressPrinter<SyncProgress>({ bar: formatProgressBar, line: formatProgressLine });
  try {
    await migrateToLatest(handle.db);
    console.log(
      `Syncing the platform's connected accounts from ${where} into the ${env.database.kind} mirror (≤ ${args.rate} requests/s)…`,
    );
    const result = await runBackfill({
      stripe: getStripe(),
      db: handle.db,
      // Accounts v2: list, then retrieve each with include (the v2 list has no requirements or configurations).
      api: getConnectedAccountsApi(),
      ratePerSecond: args.rate,
      restart: args.restart,
      signal: controller.signal,
      onProgress: (progress) => printer.update(progress),
    });
    printer.end();
    if (result.resumedFrom) console.log(`Resumed after ${result.resumedFrom}.`);
    if (!result.completed) {
      console.log(
        `Stopped after ${result.accounts} accounts (${result.pages} pages). Run npm run stripe:sync again to resume.`,
      );
      return 130;
    }
    const seconds = Math.max(0.001, result.durationMs / 1000);
    console.log(
      `Done: ${result.accounts} accounts in ${result.pages} pages (${Math.round(result.accountsThisRun / seconds)} accounts/s this run${result.rateLimited > 0 ? `, ${result.rateLimited} rate-limited requests retried` : ""}).`,
    );
    return 0;
  } catch (error) {
    printer.end();
    if (error instanceof BackfillError) console.error(error.message);
    else throw error;
    return 1;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
