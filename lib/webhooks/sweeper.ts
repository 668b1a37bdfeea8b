import "server-only";
import { getDbHandle } from "../db";
import { log } from "../log";
import { getStripe } from "../stripe/client";
import { accountsWithWork, failAbandonedEvents, processAccountEvents, type ProcessDeps } from "./process";

/** The app's processing dependencies (one database pool, the platform's Stripe client, the app logger). */
export function appProcessDeps(): ProcessDeps {
  const handle = getDbHandle();
  return { db: handle.db, dialect: handle.dialect, log, stripe: getStripe };
}

/** Processes one account's waiting events; never throws (it runs after the response, or from a timer). */
export async function processAccountInBackground(accountId: string): Promise<void> {
  try {
    await processAccountEvents(appProcessDeps(), accountId);
  } catch (error) {
    log.error({ event: "webhook.process_error", accountId, err: error }, "webhook processing stopped");
  }
}

/** One sweep: every account with waiting events, one account at a time. */
export async function sweepWebhookEvents(): Promise<number> {
  const deps = appProcessDeps();
  await failAbandonedEvents(deps.db);
  let processed = 0;
  for (const accountId of await accountsWithWork(deps.db)) {
    processed += await processAccountEvents(deps, accountId, { budgetMs: 10_000 });
  }
  return processed;
}

declare global {
  var porticoWebhookSweeper: NodeJS.Timeout | undefined;
}

/**
 * Picks up what asynchronous processing left behind: events recorded by an instance that stopped before processing
 * them, retries whose delay has passed, and claims abandoned mid-way. Runs on every instance; claims keep them apart.
 */
export function startWebhookSweeper(intervalMs = 5_000): void {
  if (globalThis.porticoWebhookSweeper) return;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepWebhookEvents()
      .catch((error: unknown) =>
        log.error({ event: "webhook.sweep_error", err: error }, "webhook sweep failed"),
      )
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  globalThis.porticoWebhookSweeper = timer;
}
