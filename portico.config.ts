import { definePlatformConfig } from "./lib/config/platform-config";

/**
 * Platform settings a Stripe Connect platform edits when it deploys Portico.
 * Validated at start-up (see lib/config/platform-config.ts); documented in the README.
 */
export default definePlatformConfig({
  name: "Portico",
  logoUrl: "/logo.svg",
  brandColor: "#4f46e5",
  defaultLocale: "en",
  supportEmail: "support@portico.test",
  connectedAccounts: {
    country: "US",
    defaultCurrency: "usd",
    // The connected-account model (Stripe's `controller` properties) used for every new tenant.
    controller: {
      feesPayer: "application",
      lossesPayments: "application",
      dashboardType: "none",
      requirementCollection: "application",
    },
    capabilities: ["card_payments", "transfers"],
  },
  embeddedComponents: {
    // Optional components the platform offers; core payments/payouts/account components are always on.
    tax: true,
    documents: true,
    reports: true,
    instantPayoutsPromotion: true,
    issuing: false,
    financialAccounts: false,
    // Removes Stripe's own sign-in step before sensitive actions; allowed by Stripe only when the platform
    // collects requirements (requirementCollection "application"), and never used while impersonating.
    disableStripeUserAuthentication: false,
  },
  payments: {
    // The platform's fee on direct charges made through the public checkout page, in basis points.
    applicationFeeBps: 200,
  },
});
