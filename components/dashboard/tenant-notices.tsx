import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { disputeHref, formatStripeAmount, knownPayoutFailure } from "@/lib/tenancy/notice-payloads";
import { listTenantNotices, type TenantNotice } from "@/lib/tenancy/notices";
import { DismissNoticeButton } from "./dismiss-notice-button";

const KNOWN_DISPUTE_REASONS = new Set([
  "bank_cannot_process",
  "credit_not_processed",
  "customer_initiated",
  "debit_not_authorized",
  "duplicate",
  "fraudulent",
  "general",
  "incorrect_account_details",
  "insufficient_funds",
  "product_not_received",
  "product_unacceptable",
  "subscription_canceled",
  "unrecognized",
]);

type Translate = Awaited<ReturnType<typeof getTranslations<"notices">>>;

function noticeText(
  notice: TenantNotice,
  t: Translate,
  locale: string,
): { text: string; href: string | null } {
  if (notice.kind === "payout_failed") {
    const { payload } = notice;
    const code = knownPayoutFailure(payload.failureCode);
    const reason = code
      ? t(`payoutFailure.${code}`)
      : (payload.failureMessage?.replace(/\.$/, "") ?? t("payoutFailure.unknown"));
    return {
      text: t("payoutFailed", {
        amount: formatStripeAmount(payload.amount, payload.currency, locale),
        reason,
      }),
      href: "/payouts",
    };
  }
  const { payload } = notice;
  const reason = KNOWN_DISPUTE_REASONS.has(payload.reason)
    ? t(`disputeReason.${payload.reason}`)
    : payload.reason.replaceAll("_", " ");
  const amount = formatStripeAmount(payload.amount, payload.currency, locale);
  const text =
    payload.dueBy === null
      ? t("disputeCreatedNoDate", { amount, reason })
      : t("disputeCreated", {
          amount,
          reason,
          date: new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(
            new Date(payload.dueBy * 1000),
          ),
        });
  return { text, href: disputeHref(payload) };
}

/** What the business should know about (failed payouts, new disputes), raised by webhooks, until dismissed. */
export async function TenantNotices({
  tenantId,
  readOnly = false,
}: {
  tenantId: string;
  readOnly?: boolean;
}) {
  const notices = await listTenantNotices(tenantId);
  if (notices.length === 0) return null;
  const t = await getTranslations("notices");
  const locale = await getLocale();
  return (
    <section aria-labelledby="tenant-notices-title" className="mb-6" data-testid="tenant-notices">
      <h2 id="tenant-notices-title" className="sr-only">
        {t("title")}
      </h2>
      <ul className="space-y-2">
        {notices.map((notice) => {
          const { text, href } = noticeText(notice, t, locale);
          const tone =
            notice.kind === "payout_failed"
              ? "border-red-200 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
              : "border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200";
          return (
            <li
              key={notice.id}
              data-notice-id={notice.id}
              className={`flex items-start justify-between gap-3 rounded-lg border px-3.5 py-2.5 text-sm ${tone}`}
            >
              <p>
                {text}{" "}
                {href ? (
                  <Link href={href} className="font-medium underline underline-offset-2">
                    {notice.kind === "payout_failed"
                      ? t("viewPayouts")
                      : href === "/disputes"
                        ? t("viewDisputes")
                        : t("viewPayment")}
                  </Link>
                ) : null}
              </p>
              {readOnly ? null : <DismissNoticeButton noticeId={notice.id} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
