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
    // "v2" (Accounts v2) or "v1"; PORTICO_CONNECTED_ACCOUNTS_API overrides it (docs/deploy.md, "Choosing Accounts v1 or v2").
    api: "v2",
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
    // Terminal hardware ordering (shop and orders); Stripe offers it as a preview, so it also needs its switch below.
    terminalHardware: false,
    // Stripe's preview components, one switch each (off by default). Sessions that enable one are created with the
    // API-version suffix previews require; the platform must have joined the preview at Stripe. The sandbox draws
    // the reporting chart and shows the others as "not available in the sandbox" (docs/deploy.md).
    preview: {
      payment_method_settings: false,
      reporting_chart: false,
      terminal_hardware_orders: false,
      terminal_hardware_shop: false,
    },
  },
  onboarding: {
    // Which requirements embedded onboarding, account management and the notification banner collect:
    // "currently_due" (only what is due now) or "eventually_due" (everything up front); futureRequirements
    // "include" also collects requirements Stripe has announced but that do not apply yet.
    fields: "currently_due",
    futureRequirements: "omit",
    // The platform's own terms and privacy policy, linked from embedded onboarding (optional).
    // termsOfServiceUrl: "https://example.com/terms",
    // privacyPolicyUrl: "https://example.com/privacy",
  },
  payments: {
    // The platform's fee on direct charges made through the public checkout page, in basis points.
    applicationFeeBps: 200,
  },
  security: {
    // Platform staff always need a second factor (TOTP) before the console; set true to require one of tenants too.
    requireTenantSecondFactor: false,
  },
  singleSignOn: {
    // OpenID Connect sign-in (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET). Roles come from the groups claim,
    // re-read at every sign-in; a staff member without a mapped group gets no console.
    staff: true,
    tenants: false,
    groupsClaim: "groups",
    adminGroups: ["portico-admins"],
    supportGroups: ["portico-support"],
    // amr values that count as the IdP's MFA; without one, Portico asks for its own second factor after sign-in.
    mfaAmrValues: ["mfa", "otp", "hwk", "swk"],
    buttonLabel: "Sign in with your company account",
  },
});
