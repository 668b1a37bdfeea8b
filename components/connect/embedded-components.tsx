"use client";

import {
  ConnectAccountManagement,
  ConnectAccountOnboarding,
  ConnectBalanceReport,
  ConnectBalances,
  ConnectDisputesList,
  ConnectDocuments,
  ConnectFinancialAccount,
  ConnectInstantPayoutsPromotion,
  ConnectIssuingCardsList,
  ConnectNotificationBanner,
  ConnectPaymentDetails,
  ConnectPaymentDisputes,
  ConnectPayments,
  ConnectPayoutDetails,
  ConnectPayoutReconciliationReport,
  ConnectPayouts,
  ConnectPayoutsList,
  ConnectTaxRegistrations,
  ConnectTaxSettings,
} from "@stripe/react-connect-js";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo, useState, type ReactNode } from "react";
import { toDefaultFilters, type PaymentFilterQuery } from "@/lib/connect/payment-filters";
import { EmbeddedFrame } from "./embedded-frame";

/** Client wrappers of Stripe's embedded components, each in an EmbeddedFrame (skeleton, errors, retry). */

export function PaymentsView({ filters }: { filters: PaymentFilterQuery }) {
  const t = useTranslations("nav");
  const defaultFilters = useMemo(() => toDefaultFilters(filters), [filters]);
  return (
    <EmbeddedFrame title={t("payments")}>
      {(h) => <ConnectPayments defaultFilters={defaultFilters} {...h} />}
    </EmbeddedFrame>
  );
}

export function PaymentDetailsView({ paymentId }: { paymentId: string }) {
  const t = useTranslations("nav");
  const router = useRouter();
  return (
    <EmbeddedFrame title={t("payments")}>
      {(h) => <ConnectPaymentDetails payment={paymentId} onClose={() => router.push("/payments")} {...h} />}
    </EmbeddedFrame>
  );
}

export function PaymentDisputesView({ paymentId }: { paymentId: string }) {
  const t = useTranslations("nav");
  const [total, setTotal] = useState<number | null>(null);
  return (
    <div data-disputes-total={total ?? undefined}>
      <EmbeddedFrame title={t("disputes")}>
        {(h) => (
          <ConnectPaymentDisputes
            payment={paymentId}
            onDisputesLoaded={({ total: n }) => setTotal(n)}
            {...h}
          />
        )}
      </EmbeddedFrame>
    </div>
  );
}

export function DisputesView() {
  const t = useTranslations("nav");
  return <EmbeddedFrame title={t("disputes")}>{(h) => <ConnectDisputesList {...h} />}</EmbeddedFrame>;
}

export function PayoutsView({ full }: { full: boolean }) {
  const t = useTranslations("nav");
  return (
    <EmbeddedFrame title={t("payouts")}>
      {(h) => (full ? <ConnectPayouts {...h} /> : <ConnectPayoutsList {...h} />)}
    </EmbeddedFrame>
  );
}

export function PayoutDetailsView({ payoutId }: { payoutId: string }) {
  const t = useTranslations("nav");
  const router = useRouter();
  return (
    <EmbeddedFrame title={t("payouts")}>
      {(h) => <ConnectPayoutDetails payout={payoutId} onClose={() => router.push("/payouts")} {...h} />}
    </EmbeddedFrame>
  );
}

export function BalancesView() {
  const t = useTranslations("nav");
  return <EmbeddedFrame title={t("balances")}>{(h) => <ConnectBalances {...h} />}</EmbeddedFrame>;
}

export function InstantPayoutsPromotionView() {
  const t = useTranslations("nav");
  return (
    <EmbeddedFrame title={t("payouts")}>{(h) => <ConnectInstantPayoutsPromotion {...h} />}</EmbeddedFrame>
  );
}

export function NotificationBannerView() {
  const t = useTranslations("nav");
  return <EmbeddedFrame title={t("account")}>{(h) => <ConnectNotificationBanner {...h} />}</EmbeddedFrame>;
}

export function AccountManagementView() {
  const t = useTranslations("nav");
  return <EmbeddedFrame title={t("account")}>{(h) => <ConnectAccountManagement {...h} />}</EmbeddedFrame>;
}

export function AccountOnboardingView({ onExit, fallback }: { onExit: () => void; fallback?: ReactNode }) {
  const t = useTranslations("nav");
  return (
    <EmbeddedFrame title={t("account")} fallback={fallback}>
      {(h) => <ConnectAccountOnboarding onExit={onExit} {...h} />}
    </EmbeddedFrame>
  );
}

export function DocumentsView() {
  const t = useTranslations("nav");
  return <EmbeddedFrame title={t("documents")}>{(h) => <ConnectDocuments {...h} />}</EmbeddedFrame>;
}

export function TaxView({ settings, registrations }: { settings: boolean; registrations: boolean }) {
  const t = useTranslations("nav");
  return (
    <div className="space-y-6">
      {settings ? (
        <EmbeddedFrame title={t("tax")}>{(h) => <ConnectTaxSettings {...h} />}</EmbeddedFrame>
      ) : null}
      {registrations ? (
        <EmbeddedFrame title={t("tax")}>{(h) => <ConnectTaxRegistrations {...h} />}</EmbeddedFrame>
      ) : null}
    </div>
  );
}

export function ReportsView({ balance, reconciliation }: { balance: boolean; reconciliation: boolean }) {
  const t = useTranslations("nav");
  return (
    <div className="space-y-6">
      {balance ? (
        <EmbeddedFrame title={t("reports")}>{(h) => <ConnectBalanceReport {...h} />}</EmbeddedFrame>
      ) : null}
      {reconciliation ? (
        <EmbeddedFrame title={t("reports")}>
          {(h) => <ConnectPayoutReconciliationReport {...h} />}
        </EmbeddedFrame>
      ) : null}
    </div>
  );
}

export function IssuingCardsView() {
  const t = useTranslations("nav");
  return <EmbeddedFrame title={t("issuing")}>{(h) => <ConnectIssuingCardsList {...h} />}</EmbeddedFrame>;
}

export function FinancialAccountView({ financialAccount }: { financialAccount: string }) {
  const t = useTranslations("nav");
  return (
    <EmbeddedFrame title={t("financialAccount")}>
      {(h) => <ConnectFinancialAccount financialAccount={financialAccount} {...h} />}
    </EmbeddedFrame>
  );
}
