import "server-only";
import type { Kysely, Transaction } from "kysely";
import { getPlatformConfig, supportedLocales, type SupportedLocale } from "../config";
import { getDb } from "../db";
import type { DB } from "../db/schema";
import { newId } from "../ids";
import { log } from "../log";
import { hitThrottle } from "../throttle";
import { renderMail, type MailKind, type MailValues } from "./templates";
import { mailConfigured, sendMail } from "./transport";

type Executor = Kysely<DB> | Transaction<DB>;

/** Mails a stranger can make Portico send: limited per recipient, so nobody can flood an inbox through us. */
const SEND_LIMITS: Partial<Record<MailKind, { limit: number; windowMs: number }>> = {
  verify_email: { limit: 5, windowMs: 3600_000 },
  signup_existing: { limit: 3, windowMs: 3600_000 },
  reset_password: { limit: 5, windowMs: 3600_000 },
  invitation: { limit: 5, windowMs: 3600_000 },
  owner_invitation: { limit: 5, windowMs: 3600_000 },
  change_email: { limit: 5, windowMs: 3600_000 },
  // The same limit as change_email: which of the two an address gets must not show.
  change_email_taken: { limit: 5, windowMs: 3600_000 },
};

const MAX_ATTEMPTS = 8;
const CLAIM_MS = 60_000;
const BATCH = 20;
const PARALLEL = 4;

export interface MailRequest {
  kind: MailKind;
  to: string;
  /** One mail per event per recipient: the same key twice (a redelivered webhook, two instances) sends once. */
  eventKey: string;
  values: MailValues;
  locale?: SupportedLocale | null;
}

export type EnqueueResult = "queued" | "duplicate" | "limited";

/**
 * Counts one mail of a limited kind to an address; false when the address has had its share. Must run outside any
 * transaction (the counter is its own write): inside one, call it first and pass `limitChecked`.
 */
export async function reserveMailSend(kind: MailKind, to: string): Promise<boolean> {
  const limit = SEND_LIMITS[kind];
  if (!limit) return true;
  const hit = await hitThrottle(`mail:${kind}:${to.trim().toLowerCase()}`, limit.limit, limit.windowMs);
  if (!hit.allowed) log.warn({ event: "mail.limited", kind }, "mail not sent: too many to this address");
  return hit.allowed;
}

/** The recipient's saved language, or the platform's default. */
export async function localeOf(email: string, db: Executor = getDb()): Promise<SupportedLocale> {
  const row = await db
    .selectFrom("user")
    .leftJoin("user_settings", "user_settings.user_id", "user.id")
    .select("user_settings.locale")
    .where("user.email", "=", email.toLowerCase())
    .executeTakeFirst();
  const saved = row?.locale;
  return saved && (supportedLocales as readonly string[]).includes(saved)
    ? (saved as SupportedLocale)
    : getPlatformConfig().defaultLocale;
}

/**
 * Puts a mail in the outbox — inside the caller's transaction when given one, so the mail exists exactly when the
 * change it reports does. Never sends inline and never fails because mail is down: the sweeper delivers it.
 */
export async function enqueueMail(
  request: MailRequest,
  db: Executor = getDb(),
  options: { limitChecked?: boolean } = {},
): Promise<EnqueueResult> {
  const to = request.to.trim().toLowerCase();
  if (db.isTransaction && !options.limitChecked && SEND_LIMITS[request.kind]) {
    // The limit's counter would wait on the transaction's own connection (SQLite has one): check it first.
    throw new Error(`enqueueMail(${request.kind}) in a transaction needs reserveMailSend() first`);
  }
  if (!options.limitChecked && !(await reserveMailSend(request.kind, to))) return "limited";
  const locale = request.locale ?? (await localeOf(to, db));
  const rendered = renderMail(request.kind, locale, request.values);
  const now = Date.now();
  const result = await db
    .insertInto("mail_outbox")
    .values({
      id: newId("mail"),
      dedupe_key: `${request.kind}:${request.eventKey}:${to}`,
      kind: request.kind,
      recipient: to,
      subject: rendered.subject,
      text_body: rendered.text,
      html_body: rendered.html,
      status: "pending",
      attempts: 0,
      next_attempt_at: now,
      locked_until: null,
      last_error: null,
      created_at: now,
      sent_at: null,
    })
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .executeTakeFirst();
  const queued = Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  // Shortly after, so the caller's transaction has committed; the sweeper is the backstop.
  if (queued) setTimeout(kickOutbox, 50).unref();
  return queued ? "queued" : "duplicate";
}

/** Seconds before the next try: 5 s, 20 s, 80 s, … capped at an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(3600_000, 5_000 * 4 ** Math.max(0, attempts - 1));
}

/** Sends what is due; each row is claimed first, so instances sharing the database never send one twice. */
export async function drainOutbox(db: Kysely<DB> = getDb()): Promise<number> {
  if (!mailConfigured()) return 0;
  const now = Date.now();
  const due = await db
    .selectFrom("mail_outbox")
    .select(["id"])
    .where("status", "=", "pending")
    .where("next_attempt_at", "<=", now)
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", now)]))
    .orderBy("next_attempt_at", "asc")
    .limit(BATCH)
    .execute();
  let sent = 0;
  // A few at a time over the pooled connections; a failure stops the round (the server is likely down).
  for (let i = 0; i < due.length; i += PARALLEL) {
    const results = await Promise.all(due.slice(i, i + PARALLEL).map(({ id }) => sendOne(db, id)));
    sent += results.filter((r) => r === "sent").length;
    if (results.includes("failed")) break;
  }
  return sent;
}

/** Claims one due mail and sends it; "skipped" when another drain or instance has it. */
async function sendOne(db: Kysely<DB>, id: string): Promise<"sent" | "failed" | "skipped"> {
  const claimed = await db
    .updateTable("mail_outbox")
    .set((eb) => ({ locked_until: Date.now() + CLAIM_MS, attempts: eb("attempts", "+", 1) }))
    .where("id", "=", id)
    .where("status", "=", "pending")
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", Date.now())]))
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return "skipped";
  const row = await db
    .selectFrom("mail_outbox")
    .select(["id", "kind", "recipient", "subject", "text_body", "html_body", "attempts"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  try {
    await sendMail({
      to: row.recipient,
      subject: row.subject,
      text: row.text_body ?? "",
      html: row.html_body ?? "",
      messageId: `<${row.id}@portico>`,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message.slice(0, 300) : String(error);
    const failed = row.attempts >= MAX_ATTEMPTS;
    await db
      .updateTable("mail_outbox")
      .set({
        status: failed ? "failed" : "pending",
        locked_until: null,
        last_error: message,
        next_attempt_at: Date.now() + retryDelayMs(row.attempts),
      })
      .where("id", "=", id)
      .execute();
    log.warn(
      {
        event: failed ? "mail.failed" : "mail.retry",
        kind: row.kind,
        mailId: row.id,
        attempts: row.attempts,
      },
      failed ? "mail could not be delivered; giving up" : "mail not sent yet; will retry",
    );
    return "failed";
  }
  await db
    .updateTable("mail_outbox")
    .set({ status: "sent", sent_at: Date.now(), locked_until: null, text_body: null, html_body: null })
    .where("id", "=", id)
    .execute();
  log.info({ event: "mail.sent", kind: row.kind, mailId: row.id }, "mail sent");
  return "sent";
}

declare global {
  var porticoMailSweeper: NodeJS.Timeout | undefined;
  var porticoMailDraining: Promise<void> | undefined;
}

/** Starts a drain now unless one is running (right after a mail is queued, so it leaves at once). */
export function kickOutbox(): void {
  if (globalThis.porticoMailDraining) return;
  globalThis.porticoMailDraining = drainOutbox()
    .then(() => undefined)
    .catch((error: unknown) =>
      log.error({ event: "mail.drain_error", err: error }, "mail outbox drain failed"),
    )
    .finally(() => {
      globalThis.porticoMailDraining = undefined;
    });
}

/** Delivers what is due every few seconds, on every instance (claims keep them apart). */
export function startMailSweeper(intervalMs = 3_000): void {
  if (globalThis.porticoMailSweeper) return;
  const timer = setInterval(kickOutbox, intervalMs);
  timer.unref();
  globalThis.porticoMailSweeper = timer;
}
