"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo, useState, type ReactNode } from "react";
import { toDefaultFilters, type PaymentFilterQuery } from "@/lib/connect/payment-filters";
import { EmbeddedFrame } from "./embedded-frame";

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

export function NotificationBannerView() {
  const t = useTranslations("nav");
  return <EmbeddedFrame title={t("account")} tag="notification-banner" />;
}

export function AccountManagementView() {
  const t = useTranslations("nav");
  return <EmbeddedFrame title={t("account")} refreshes={false} tag="account-management" />;
}

export function AccountOnboardingView({ onExit, fallback }: { onExit: () => void; fallback?: ReactNode }) {
  const t = useTranslations("nav");
  return (
    <EmbeddedFrame
      title={t("account")}
      fallback={fallback}
      refreshes={false}
      tag="account-onboarding"
      props={{ onExit }}
    />
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

export function IssuingCardsView() {
  const t = useTranslations("nav");
  return <EmbeddedFrame title={t("issuing")} tag="issuing-cards-list" />;
}

export function FinancialAccountView({ financialAccount }: { financialAccount: string }) {
  const t = useTranslations("nav");
  return <EmbeddedFrame title={t("financialAccount")} tag="financial-account" props={{ financialAccount }} />;
}
