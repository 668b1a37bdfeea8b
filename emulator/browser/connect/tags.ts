/**
 * The 21 GA tags of @stripe/connect-js 3.4.6 and their setters (from connect-js `ConnectElementCustomMethodConfig`),
 * then Stripe's preview tags with the setters their component pages document, shared by the page side (which takes
 * the setters) and the frame side (which draws the component).
 */
export const COMMON_SETTERS = ["setOnLoadError", "setOnLoaderStart"] as const;

export const TAG_SETTERS: Record<string, readonly string[]> = {
  "account-onboarding": [
    "setFullTermsOfServiceUrl",
    "setRecipientTermsOfServiceUrl",
    "setPrivacyPolicyUrl",
    "setSkipTermsOfServiceCollection",
    "setCollectionOptions",
    "setOnExit",
    "setOnStepChange",
  ],
  "account-management": ["setCollectionOptions", "setOnSectionOpen"],
  "notification-banner": ["setCollectionOptions", "setOnNotificationsChange"],
  payments: ["setDefaultFilters"],
  "payment-details": ["setPayment", "setOnClose"],
  "payment-disputes": ["setPayment", "setOnDisputesLoaded"],
  "disputes-list": [],
  payouts: [],
  "payouts-list": [],
  "payout-details": ["setPayout", "setOnClose"],
  balances: [],
  "instant-payouts-promotion": ["setOnInstantPayoutsPromotionLoaded", "setOnInstantPayoutCreated"],
  "issuing-card": ["setDefaultCard", "setCardSwitching", "setFetchEphemeralKey", "setShowSpendControls"],
  "issuing-cards-list": ["setFetchEphemeralKey", "setShowSpendControls", "setIssuingProgram"],
  "financial-account": ["setFinancialAccount"],
  "financial-account-transactions": ["setFinancialAccount"],
  documents: [],
  "tax-registrations": [
    "setOnAfterTaxRegistrationAdded",
    "setDisplayCountries",
    "setOnAfterTaxRegistrationExpired",
  ],
  "tax-settings": [
    "setHideProductTaxCodeSelector",
    "setDisplayHeadOfficeCountries",
    "setOnTaxSettingsUpdated",
  ],
  "balance-report": [],
  "payout-reconciliation-report": ["setOnReportAvailabilityLoaded"],
  // Preview components (not in connect-js 3.4.6; Portico creates them by their `stripe-connect-…` name).
  "payment-method-settings": ["setPaymentMethodConfiguration"],
  "reporting-chart": ["setReportName", "setIntervalStart", "setIntervalEnd", "setIntervalType"],
  "terminal-hardware-orders": [],
  "terminal-hardware-shop": [],
};

/** `setOnExit` → `onExit`. */
export function propName(setter: string): string {
  const bare = setter.slice(3);
  return bare.charAt(0).toLowerCase() + bare.slice(1);
}
