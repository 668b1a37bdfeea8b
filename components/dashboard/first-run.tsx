import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import QRCode from "qrcode";
import type { ReactNode } from "react";
import { payoutScheduleText } from "@/components/accounts/payout-schedule";
import type { MirroredAccount } from "@/lib/accounts/mirror";
import { setupStep } from "@/lib/accounts/next-step";
import { CopyLink } from "./copy-link";

function Step({
  number,
  done,
  title,
  children,
}: {
  number: number;
  done: boolean;
  title: string;
  children: ReactNode;
}) {
  return (
    <li className="flex gap-4 py-5 first:pt-1 last:pb-1">
      <span
        aria-hidden="true"
        className={`flex h-7 w-7 shrink-0 items-center justify-center rounded-full text-sm font-semibold ${
          done
            ? "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100"
            : "bg-brand/15 text-slate-900 dark:text-slate-100"
        }`}
      >
        {done ? "✓" : number}
      </span>
      <div className="min-w-0 flex-1 space-y-2">
        <h3 className="text-sm font-semibold">{title}</h3>
        {children}
      </div>
    </li>
  );
}

const linkClass = "font-medium text-slate-900 underline underline-offset-2 dark:text-slate-100";

/**
 * Home for a business that has not taken a payment yet: where its setup stands (from the account's requirements),
 * the public checkout page to share (link, copy, QR code) and what happens once a customer pays.
 */
export async function FirstRun({
  account,
  checkoutUrl,
  canManageAccount,
  canOnboard,
}: {
  account: MirroredAccount;
  checkoutUrl: string;
  /** May change the account's details (else the owner does: the Account page shows what is needed). */
  canManageAccount: boolean;
  canOnboard: boolean;
}) {
  const t = await getTranslations("home.firstRun");
  const ts = await getTranslations("accountSummary");
  const locale = await getLocale();
  const step = setupStep(account);
  // Drawn on the server from the business's own checkout URL (no user content), with no script or CDN.
  const qrSvg = await QRCode.toString(checkoutUrl, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  const schedule = account.profile.payoutSchedule;

  let setup: ReactNode;
  if (step.kind === "onboarding") {
    setup = canOnboard ? (
      <p className="text-sm text-slate-600 dark:text-slate-300">
        {t("setupOnboarding")}{" "}
        <Link href="/onboarding" className={linkClass}>
          {t("setupOnboardingLink")}
        </Link>
      </p>
    ) : (
      <p className="text-sm text-slate-600 dark:text-slate-300">{t("setupOnboardingOwner")}</p>
    );
  } else if (step.kind === "details_due") {
    setup = (
      <p className="text-sm text-slate-600 dark:text-slate-300">
        {t(canManageAccount ? "setupDue" : "setupDueOwner", { count: step.count })}{" "}
        <Link href="/account" className={linkClass}>
          {t(canManageAccount ? "setupDueLink" : "setupDueSee")}
        </Link>
      </p>
    );
  } else if (step.kind === "in_review") {
    setup = <p className="text-sm text-slate-600 dark:text-slate-300">{t("setupReview")}</p>;
  } else {
    setup = (
      <p className="text-sm text-slate-600 dark:text-slate-300">
        {t("setupReady")}
        {step.later > 0 ? (
          <>
            {" "}
            {t("setupLater", { count: step.later })}{" "}
            <Link href="/account" className={linkClass}>
              {t("setupDueSee")}
            </Link>
          </>
        ) : null}
      </p>
    );
  }

  return (
    <section
      aria-labelledby="first-run-title"
      data-testid="first-run"
      className="rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <header className="border-b border-slate-100 px-5 py-4 dark:border-slate-800">
        <h2 id="first-run-title" className="text-base font-semibold">
          {t("title")}
        </h2>
        <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-300">{t("description")}</p>
      </header>
      <ol className="divide-y divide-slate-100 px-5 py-4 dark:divide-slate-800">
        <Step number={1} done={step.kind === "ready"} title={t("setupTitle")}>
          {setup}
        </Step>
        <Step number={2} done={false} title={t("shareTitle")}>
          <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
            <div className="min-w-0 flex-1 space-y-2">
              <p className="text-sm text-slate-600 dark:text-slate-300">
                {t("shareBody")}
                {step.kind === "ready" ? null : <> {t("shareNotYet")}</>}
              </p>
              <CopyLink
                url={checkoutUrl}
                fieldLabel={t("linkLabel")}
                copyLabel={t("copy")}
                copiedText={t("copied")}
                failedText={t("copyFailed")}
              />
              <a href={checkoutUrl} target="_blank" rel="noopener" className={`text-sm ${linkClass}`}>
                {t("open")}
              </a>
            </div>
            <figure className="shrink-0 self-center sm:self-start">
              <div
                className="h-36 w-36 rounded-lg bg-white p-1.5 ring-1 ring-slate-200 dark:ring-slate-700 [&>svg]:h-full [&>svg]:w-full"
                role="img"
                aria-label={t("qrLabel")}
                data-testid="checkout-qr"
                // The SVG is drawn on the server by the qrcode library from our own checkout URL: no user content.
                dangerouslySetInnerHTML={{ __html: qrSvg }}
              />
              <figcaption className="mt-1.5 text-center text-xs text-slate-600 dark:text-slate-300">
                {t("qrCaption")}
              </figcaption>
            </figure>
          </div>
        </Step>
        <Step number={3} done={false} title={t("afterTitle")}>
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-600 dark:text-slate-300">
            <li>{t("afterListed")}</li>
            <li>
              {schedule?.delayDays ? t("afterBalanceDays", { days: schedule.delayDays }) : t("afterBalance")}
            </li>
            <li>
              {schedule
                ? schedule.interval === "manual"
                  ? t("afterPayoutsManual")
                  : t("afterPayouts", { schedule: payoutScheduleText(schedule, ts, locale) })
                : t("afterPayoutsDefault")}
            </li>
          </ul>
        </Step>
      </ol>
    </section>
  );
}
