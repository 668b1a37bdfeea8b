import "server-only";
import type { Kysely, Transaction } from "kysely";
import { createTranslator } from "next-intl";
import en from "../../messages/en.json";
import fr from "../../messages/fr.json";
import { isDisabled } from "../auth/disabled";
import { getPlatformConfig, supportedLocales, type SupportedLocale } from "../config";
import type { DB } from "../db/schema";
import { appLink } from "../mail/links";
import { enqueueMail } from "../mail/outbox";
import type { MailValues } from "../mail/templates";
import {
  disputeHref,
  formatStripeAmount,
  knownPayoutFailure,
  type NoticeContent,
} from "../tenancy/notice-payloads";

/**
 * The mails Stripe leaves to the platform: a new dispute and a failed payout, to every owner of the business who has
 * not turned payment mails off, each in their own language. One mail per event per recipient (the outbox's dedupe
 * key is the event id), so a redelivered event, a retry or a second instance never mails twice. Called inside the
 * transaction that records the event's notice: a processing that rolls back leaves no mail, and queueing only writes
 * a row, so a mail outage never fails or slows the webhook.
 */

type Executor = Kysely<DB> | Transaction<DB>;

const catalogs = { en, fr } as const;

const KNOWN_DISPUTE_REASONS = new Set(Object.keys(en.notices.disputeReason));

function localeOf(saved: string | null): SupportedLocale {
  return saved && (supportedLocales as readonly string[]).includes(saved)
    ? (saved as SupportedLocale)
    : getPlatformConfig().defaultLocale;
}

const PAYOUT_ID = /^po_[A-Za-z0-9]{6,64}$/;

/** The mail's words for one recipient's language: amounts, dates and reasons as the dashboard's notice says them. */
export function paymentMailValues(
  content: NoticeContent,
  business: string,
  locale: SupportedLocale,
): MailValues {
  const t = createTranslator({ locale, messages: catalogs[locale], namespace: "notices" });
  const amount = formatStripeAmount(content.payload.amount, content.payload.currency, locale);
  if (content.kind === "payout_failed") {
    const { payload } = content;
    const code = knownPayoutFailure(payload.failureCode);
    const failure = code
      ? t(`payoutFailure.${code}`)
      : payload.failureMessage?.trim().replace(/\.$/, "") || t("payoutFailure.unknown");
    return {
      amount,
      business,
      failure,
      url: appLink(PAYOUT_ID.test(payload.payoutId) ? `/payouts/${payload.payoutId}` : "/payouts"),
    };
  }
  const { payload } = content;
  const reason = KNOWN_DISPUTE_REASONS.has(payload.reason)
    ? t(`disputeReason.${payload.reason as keyof typeof en.notices.disputeReason}`)
    : payload.reason.replaceAll("_", " ");
  const dueBy =
    payload.dueBy === null
      ? "none"
      : new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(
          new Date(payload.dueBy * 1000),
        );
  return { amount, business, reason, dueBy, url: appLink(disputeHref(payload)) };
}

/** Queues the event's mail to each owner who wants it; returns how many were queued (0 for a repeat). */
export async function mailOwnersAboutEvent(
  db: Executor,
  input: { tenantId: string; eventId: string; content: NoticeContent },
): Promise<number> {
  const tenant = await db
    .selectFrom("tenants")
    .select("name")
    .where("id", "=", input.tenantId)
    .executeTakeFirst();
  if (!tenant) return 0;
  const owners = await db
    .selectFrom("memberships")
    .innerJoin("user", "user.id", "memberships.user_id")
    .leftJoin("user_settings", "user_settings.user_id", "user.id")
    .select([
      "user.email",
      "user.banned",
      "user.banExpires",
      "user_settings.payment_mails",
      "user_settings.locale",
    ])
    .where("memberships.tenant_id", "=", input.tenantId)
    .where("memberships.role", "=", "owner")
    .orderBy("user.email")
    .execute();
  let queued = 0;
  for (const owner of owners) {
    // Opted out, or disabled by the platform (they cannot sign in to act on it).
    if (owner.payment_mails !== null && Number(owner.payment_mails) === 0) continue;
    if (isDisabled(owner)) continue;
    const locale = localeOf(owner.locale);
    const result = await enqueueMail(
      {
        kind: input.content.kind,
        to: owner.email,
        eventKey: input.eventId,
        locale,
        values: paymentMailValues(input.content, tenant.name, locale),
      },
      db,
    );
    if (result === "queued") queued++;
  }
  return queued;
}
