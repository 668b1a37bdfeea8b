import "server-only";
import { getPlatformConfig } from "./config";
import { ensureMigrated, getDb } from "./db";
import { getEnv } from "./env";
import { clientIpStamped } from "./http/client-ip";
import { log } from "./log";
import { expireImpersonations } from "./impersonation";
import { startWebhookSweeper } from "./webhooks/sweeper";
import { startMailSweeper } from "./mail/outbox";
import { mailConfigured } from "./mail/transport";
import { DEMO_EMAIL_DOMAINS } from "./seed/demo-data";

/** Ends and audits impersonations past their limit even if nobody looks at them again. */
function startImpersonationSweeper(): void {
  const timer = setInterval(() => {
    expireImpersonations().catch((error: unknown) =>
      log.error({ err: error }, "impersonation sweeper failed"),
    );
  }, 30_000);
  timer.unref();
}

/**
 * Validates the environment and platform config, applies migrations, and refuses a real production start that
 * still carries sandbox defaults or demo users. Any failure stops the process with a message saying what to fix.
 */
export async function bootstrap(): Promise<void> {
  try {
    const env = getEnv();
    getPlatformConfig();
    if (env.isProduction && !clientIpStamped()) {
      // Without the entrypoint no request carries a trustworthy client address: per-IP limits and the audit log's
      // addresses would be wrong, or chosen by clients.
      throw new Error(
        "Start Portico through its entrypoint: `npm start`, or `node portico-server.mjs` in .next/standalone (the Docker image does). Running server.js directly leaves every request without a trusted client address.",
      );
    }
    await ensureMigrated();
    startImpersonationSweeper();
    if (env.isProduction && !env.isLocalApp) {
      const demo = await getDb()
        .selectFrom("user")
        .select("email")
        .where((eb) => eb.or(DEMO_EMAIL_DOMAINS.map((domain) => eb("email", "like", `%@${domain}`))))
        .executeTakeFirst();
      if (demo) {
        throw new Error(
          `Demo users (e.g. ${demo.email}) exist in this database: a production deployment must not carry them. Remove them or use a fresh database.`,
        );
      }
    }
    // Webhook events left unprocessed (e.g. by an instance that stopped) are picked up in the background.
    startWebhookSweeper();
    // Mail waiting in the outbox (queued by any instance, or left by an SMTP outage) leaves from here.
    startMailSweeper();
    if (!mailConfigured()) {
      log.warn(
        { event: "mail.not_configured" },
        "SMTP_URL is not set: mail waits in the outbox and is not sent",
      );
    }
    log.info(
      {
        event: "app.started",
        stripeMode: env.stripe.mode,
        database: env.database.kind,
        throttles: env.redisUrl ? "redis" : "database",
      },
      "Portico started",
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Printed plainly as well as logged, so the reason is readable in any terminal.
    console.error(`\n${message}\n`);
    log.fatal({ event: "app.start_failed" }, "start-up refused");
    process.exit(1);
  }
}
