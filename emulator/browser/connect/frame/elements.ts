/** The components drawn inside the sandbox's frames (`/_sandbox/connect/frame?tag=…`). */
import { ConnectElement } from "../base-element";
import { AccountManagementElement } from "../components/account-management";
import { AccountOnboardingElement } from "../components/account-onboarding";
import { BalancesElement } from "../components/balances";
import { DisputesListElement } from "../components/disputes-list";
import { DocumentsElement } from "../components/documents";
import { InstantPayoutsPromotionElement } from "../components/instant-payouts-promotion";
import {
  FinancialAccountElement,
  FinancialAccountTransactionsElement,
  IssuingCardElement,
  IssuingCardsListElement,
  PaymentMethodSettingsElement,
  TerminalHardwareOrdersElement,
  TerminalHardwareShopElement,
} from "../components/not-available";
import { NotificationBannerElement } from "../components/notification-banner";
import { PaymentDetailsElement } from "../components/payment-details";
import { PaymentDisputesElement } from "../components/payment-disputes";
import { PaymentsElement } from "../components/payments";
import { PayoutDetailsElement } from "../components/payout-details";
import { PayoutsElement } from "../components/payouts";
import { PayoutsListElement } from "../components/payouts-list";
import { BalanceReportElement } from "../components/balance-report";
import { PayoutReconciliationReportElement } from "../components/payout-reconciliation-report";
import { ReportingChartElement } from "../components/reporting-chart";
import { TaxRegistrationsElement } from "../components/tax-registrations";
import { TaxSettingsElement } from "../components/tax-settings";

/** The component classes drawn inside the frames, one per connect-js tag (GA and preview). */
export const ELEMENTS: Record<string, new () => ConnectElement> = {
  "account-onboarding": AccountOnboardingElement,
  "account-management": AccountManagementElement,
  "notification-banner": NotificationBannerElement,
  payments: PaymentsElement,
  "payment-details": PaymentDetailsElement,
  "payment-disputes": PaymentDisputesElement,
  "disputes-list": DisputesListElement,
  payouts: PayoutsElement,
  "payouts-list": PayoutsListElement,
  "payout-details": PayoutDetailsElement,
  balances: BalancesElement,
  "instant-payouts-promotion": InstantPayoutsPromotionElement,
  "issuing-card": IssuingCardElement,
  "issuing-cards-list": IssuingCardsListElement,
  "financial-account": FinancialAccountElement,
  "financial-account-transactions": FinancialAccountTransactionsElement,
  documents: DocumentsElement,
  "tax-registrations": TaxRegistrationsElement,
  "tax-settings": TaxSettingsElement,
  "balance-report": BalanceReportElement,
  "payout-reconciliation-report": PayoutReconciliationReportElement,
  "payment-method-settings": PaymentMethodSettingsElement,
  "reporting-chart": ReportingChartElement,
  "terminal-hardware-orders": TerminalHardwareOrdersElement,
  "terminal-hardware-shop": TerminalHardwareShopElement,
};

/** Defines the frame's one element (`stripe-connect-<tag>` inside the frame document) and creates it. */
export function createFrameElement(tag: string): ConnectElement | undefined {
  const cls = ELEMENTS[tag];
  if (!cls) return undefined;
  const name = `stripe-connect-${tag}`;
  if (!customElements.get(name)) customElements.define(name, cls);
  const el = document.createElement(name);
  return el instanceof ConnectElement ? el : undefined;
}
