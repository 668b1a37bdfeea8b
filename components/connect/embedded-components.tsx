"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo, useState, type ReactNode } from "react";
import type { CollectionOptions, NotificationCount, StepChange } from "@stripe/connect-js/pure";
import type { OnboardingOptions } from "@/lib/connect/component-options";
import { toDefaultFilters, type PaymentFilterQuery } from "@/lib/connect/payment-filters";
import { EmbeddedFrame } from "./embedded-frame";
import { fetchIssuingEphemeralKey } from "./issuing-ephemeral-key";
import { useNotificationCount } from "./notification-count";

/** Client wrappers of Stripe's embedded components, each in an EmbeddedFrame (skeleton, errors, retry). */

export function PaymentsView({ filters }: { filters: PaymentFilterQuery }) {
  const t = useTranslations("nav");
  const defaultFilters = useMemo(() => toDefaultFilters(filters), [filters]);
  return <EmbeddedFrame title={t("payments")} tag="payments" props={{ defaultFilters }} />;
}

export function PaymentDetailsView({ paymentId }: { paymentId: string }) {
  const t = useTranslations("nav");
  const router = useRouter();
  return (
    <EmbeddedFrame
      title={t("payments")}
      tag="payment-details"
      props={{ payment: paymentId, onClose: () => router.push("/payments") }}
    />
  );
}

export function PaymentDisputesView({ paymentId }: { paymentId: string }) {
  const t = useTranslations("nav");
  const [total, setTotal] = useState<number | null>(null);
  return (
    <div data-disputes-total={total ?? undefined}>
      <EmbeddedFrame
        title={t("disputes")}
        tag="payment-disputes"
        props={{
          payment: paymentId,
          onDisputesLoaded: (event: { total: number }) => setTotal(event.total),
        }}
      />
    </div>
  );
}

export function DisputesView() {
  const t = useTranslations("nav");
  return <EmbeddedFrame title={t("disputes")} tag="disputes-list" />;
}

export function PayoutsView({ full }: { full: boolean }) {
  const t = useTranslations("nav");
  return <EmbeddedFrame title={t("payouts")} tag={full ? "payouts" : "payouts-list"} />;
}

export function PayoutDetailsView({ payoutId }: { payoutId: string }) {
  const t = useTranslations("nav");
  const router = useRouter();
  return (
    <EmbeddedFrame
      title={t("payouts")}
      tag="payout-details"
      props={{ payout: payoutId, onClose: () => router.push("/payouts") }}
    />
  );
}

export function BalancesView() {
  const t = useTranslations("nav");
  return <EmbeddedFrame title={t("balances")} tag="balances" />;
}

export function InstantPayoutsPromotionView() {
  const t = useTranslations("nav");
  return <EmbeddedFrame title={t("payouts")} tag="instant-payouts-promotion" />;
}

/** The banner's count drives the badge on the navigation's Account item. */
export function NotificationBannerView({ collectionOptions }: { collectionOptions: CollectionOptions }) {
  const t = useTranslations("nav");
  const shared = useNotificationCount();
  return (
    <EmbeddedFrame
      title={t("account")}
      tag="notification-banner"
      props={{
        collectionOptions,
        onNotificationsChange: (count: NotificationCount) => shared?.setCount(count),
      }}
    />
  );
}

export function AccountManagementView({ collectionOptions }: { collectionOptions: CollectionOptions }) {
  const t = useTranslations("nav");
  return (
    <EmbeddedFrame
      title={t("account")}
      refreshes={false}
      tag="account-management"
      props={{ collectionOptions }}
    />
  );
}

/** Onboarding with the platform's collection options and legal links; the current step is on the wrapper. */
export function AccountOnboardingView({
  options,
  onExit,
  fallback,
}: {
  options: OnboardingOptions;
  onExit: () => void;
  fallback?: ReactNode;
}) {
  const t = useTranslations("nav");
  const [step, setStep] = useState<string | null>(null);
  return (
    <div data-onboarding-step={step ?? undefined}>
      <EmbeddedFrame
        title={t("account")}
        fallback={fallback}
        refreshes={false}
        tag="account-onboarding"
        props={{ ...options, onExit, onStepChange: (change: StepChange) => setStep(change.step) }}
      />
    </div>
  );
}

export function DocumentsView() {
  const t = useTranslations("nav");
  return <EmbeddedFrame title={t("documents")} tag="documents" />;
}

export function TaxView({ settings, registrations }: { settings: boolean; registrations: boolean }) {
  const t = useTranslations("nav");
  return (
    <div className="space-y-6">
      {settings ? <EmbeddedFrame title={t("tax")} refreshes={false} tag="tax-settings" /> : null}
      {registrations ? <EmbeddedFrame title={t("tax")} refreshes={false} tag="tax-registrations" /> : null}
    </div>
  );
}

export function ReportsView({ balance, reconciliation }: { balance: boolean; reconciliation: boolean }) {
  const t = useTranslations("nav");
  return (
    <div className="space-y-6">
      {balance ? <EmbeddedFrame title={t("reports")} tag="balance-report" /> : null}
      {reconciliation ? <EmbeddedFrame title={t("reports")} tag="payout-reconciliation-report" /> : null}
    </div>
  );
}

/** One issued card at a time (with a switcher between the business's cards), its number shown with a fresh key. */
export function IssuingCardView() {
  const t = useTranslations("nav");
  return (
    <EmbeddedFrame
      title={t("issuing")}
      tag="issuing-card"
      props={{ cardSwitching: true, fetchEphemeralKey: fetchIssuingEphemeralKey }}
    />
  );
}

/** Issued cards; a card's number is shown with a key from /api/issuing/ephemeral-key. */
export function IssuingCardsView() {
  const t = useTranslations("nav");
  return (
    <EmbeddedFrame
      title={t("issuing")}
      tag="issuing-cards-list"
      props={{ fetchEphemeralKey: fetchIssuingEphemeralKey }}
    />
  );
}

export function FinancialAccountView({
  financialAccount,
  transactions,
}: {
  financialAccount: string;
  transactions: boolean;
}) {
  const t = useTranslations("nav");
  return (
    <div className="space-y-6">
      <EmbeddedFrame title={t("financialAccount")} tag="financial-account" props={{ financialAccount }} />
      {transactions ? (
        <EmbeddedFrame
          title={t("financialAccount")}
          tag="financial-account-transactions"
          props={{ financialAccount }}
        />
      ) : null}
    </div>
  );
}

/** The earnings chart on Home (a preview component): net volume, as on Stripe's own dashboard. */
export function ReportingChartView() {
  const t = useTranslations("nav");
  return <EmbeddedFrame title={t("earnings")} tag="reporting-chart" props={{ reportName: "net_volume" }} />;
}

/** Which payment methods the account accepts (a preview component). */
export function PaymentMethodSettingsView() {
  const t = useTranslations("nav");
  return <EmbeddedFrame title={t("paymentMethods")} tag="payment-method-settings" />;
}

/** Card readers: the shop and the orders placed (preview components, behind the platform's terminal switch). */
export function TerminalHardwareView({ shop, orders }: { shop: boolean; orders: boolean }) {
  const t = useTranslations("nav");
  return (
    <div className="space-y-6">
      {shop ? <EmbeddedFrame title={t("terminal")} tag="terminal-hardware-shop" /> : null}
      {orders ? <EmbeddedFrame title={t("terminal")} tag="terminal-hardware-orders" /> : null}
    </div>
  );
}
