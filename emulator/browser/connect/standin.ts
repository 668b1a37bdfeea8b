/**
 * `window.StripeConnect` stand-in: `init(params)` → `{ connect, create, update, logout }` and the 21 GA custom
 * elements of @stripe/connect-js 3.4.6 with their `*InternalOnly` setters.
 */
import { Connector } from "./api-client";
import { installFonts } from "./fonts";
import { ConnectElement } from "./base-element";
import { AccountManagementElement } from "./components/account-management";
import { AccountOnboardingElement } from "./components/account-onboarding";
import { BalancesElement } from "./components/balances";
import { DisputesListElement } from "./components/disputes-list";
import { DocumentsElement } from "./components/documents";
import { InstantPayoutsPromotionElement } from "./components/instant-payouts-promotion";
import {
  FinancialAccountElement,
  FinancialAccountTransactionsElement,
  IssuingCardElement,
  IssuingCardsListElement,
} from "./components/not-available";
import { NotificationBannerElement } from "./components/notification-banner";
import { PaymentDetailsElement } from "./components/payment-details";
import { PaymentDisputesElement } from "./components/payment-disputes";
import { PaymentsElement } from "./components/payments";
import { PayoutDetailsElement } from "./components/payout-details";
import { PayoutsElement } from "./components/payouts";
import { PayoutsListElement } from "./components/payouts-list";
import { BalanceReportElement } from "./components/balance-report";
import { PayoutReconciliationReportElement } from "./components/payout-reconciliation-report";
import { TaxRegistrationsElement } from "./components/tax-registrations";
import { TaxSettingsElement } from "./components/tax-settings";
import type { InitParams, UpdateOptions } from "./types";

export const COMMON_SETTERS = ["setOnLoadError", "setOnLoaderStart"] as const;

/** Tag → [element class, tag-specific setters] (from connect-js `ConnectElementCustomMethodConfig`). */
export const TAGS: Record<string, readonly [new () => ConnectElement, readonly string[]]> = {
  "account-onboarding": [
    AccountOnboardingElement,
    [
      "setFullTermsOfServiceUrl",
      "setRecipientTermsOfServiceUrl",
      "setPrivacyPolicyUrl",
      "setSkipTermsOfServiceCollection",
      "setCollectionOptions",
      "setOnExit",
      "setOnStepChange",
    ],
  ],
  "account-management": [AccountManagementElement, ["setCollectionOptions", "setOnSectionOpen"]],
  "notification-banner": [NotificationBannerElement, ["setCollectionOptions", "setOnNotificationsChange"]],
  payments: [PaymentsElement, ["setDefaultFilters"]],
  "payment-details": [PaymentDetailsElement, ["setPayment", "setOnClose"]],
  "payment-disputes": [PaymentDisputesElement, ["setPayment", "setOnDisputesLoaded"]],
  "disputes-list": [DisputesListElement, []],
  payouts: [PayoutsElement, []],
  "payouts-list": [PayoutsListElement, []],
  "payout-details": [PayoutDetailsElement, ["setPayout", "setOnClose"]],
  balances: [BalancesElement, []],
  "instant-payouts-promotion": [
    InstantPayoutsPromotionElement,
    ["setOnInstantPayoutsPromotionLoaded", "setOnInstantPayoutCreated"],
  ],
  "issuing-card": [
    IssuingCardElement,
    ["setDefaultCard", "setCardSwitching", "setFetchEphemeralKey", "setShowSpendControls"],
  ],
  "issuing-cards-list": [
    IssuingCardsListElement,
    ["setFetchEphemeralKey", "setShowSpendControls", "setIssuingProgram"],
  ],
  "financial-account": [FinancialAccountElement, ["setFinancialAccount"]],
  "financial-account-transactions": [FinancialAccountTransactionsElement, ["setFinancialAccount"]],
  documents: [DocumentsElement, []],
  "tax-registrations": [
    TaxRegistrationsElement,
    ["setOnAfterTaxRegistrationAdded", "setDisplayCountries", "setOnAfterTaxRegistrationExpired"],
  ],
  "tax-settings": [
    TaxSettingsElement,
    ["setHideProductTaxCodeSelector", "setDisplayHeadOfficeCountries", "setOnTaxSettingsUpdated"],
  ],
  "balance-report": [BalanceReportElement, []],
  "payout-reconciliation-report": [PayoutReconciliationReportElement, ["setOnReportAvailabilityLoaded"]],
};

/** `setOnExit` → `onExit`. */
function propName(setter: string): string {
  const bare = setter.slice(3);
  return bare.charAt(0).toLowerCase() + bare.slice(1);
}

/** Defines every tag (skipping ones already defined) with its `*InternalOnly` setters on the prototype. */
export function defineElements(): void {
  for (const [tag, [base, setters]] of Object.entries(TAGS)) {
    const name = `stripe-connect-${tag}`;
    if (customElements.get(name)) continue;
    const cls = base;
    for (const setter of [...COMMON_SETTERS, ...setters]) {
      const prop = propName(setter);
      Object.defineProperty(cls.prototype, `${setter}InternalOnly`, {
        configurable: true,
        writable: true,
        value(this: ConnectElement, value: unknown): void {
          this.setProp(prop, value);
        },
      });
    }
    customElements.define(name, cls);
  }
}

export interface StandinInstance {
  connect: Connector;
  create(tagName: string): HTMLElement;
  update(options: UpdateOptions): void;
  logout(): Promise<void>;
  debugInstance(): Promise<StandinInstance>;
}

export function createInit(apiBase: () => string): (params: InitParams) => StandinInstance {
  return (params: InitParams) => {
    const connector = new Connector(params ?? {}, apiBase());
    installFonts(params?.fonts);
    const instance: StandinInstance = {
      connect: connector,
      create(tagName: string): HTMLElement {
        const name = tagName.startsWith("stripe-connect-") ? tagName : `stripe-connect-${tagName}`;
        const el = document.createElement(name);
        if (el instanceof ConnectElement) el.setConnector(connector);
        return el;
      },
      update(options: UpdateOptions): void {
        connector.update(options);
      },
      logout(): Promise<void> {
        return connector.logout().catch(() => undefined);
      },
      debugInstance(): Promise<StandinInstance> {
        return Promise.resolve(instance);
      },
    };
    return instance;
  };
}
