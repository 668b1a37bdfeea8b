import type Stripe from "stripe";
import type { PlatformConfig } from "../config/platform-config";
import type { TenantRole } from "../db/schema";

/**
 * The one place that decides which embedded components, and which of their features, an Account Session enables —
 * from the tenant role (or impersonation profile), the account and the platform config. Stripe enforces what the
 * session says, so this is the authorization for everything the components can do.
 */

export type ComponentsParam = Stripe.AccountSessionCreateParams.Components;
export type ComponentKey = keyof ComponentsParam;

/** Tenant roles, plus "support": the read-only profile of platform staff viewing an account. */
export type SessionProfile = TenantRole | "support";

export interface AccountFacts {
  /** `controller.requirement_collection`: only "application" lets the platform turn off Stripe's own collection. */
  requirementCollection: string | null;
  /** Capability name → status, e.g. { card_issuing: "active" }. */
  capabilities: Record<string, string>;
}

type PlatformComponents = PlatformConfig["embeddedComponents"];

/** The feature flags that move money or change the account; all false in read-only profiles. */
export const managementFeatures = [
  "refund_management",
  "dispute_management",
  "capture_payments",
  "standard_payouts",
  "instant_payouts",
  "edit_payout_schedule",
  "external_account_collection",
] as const;

interface ProfileRules {
  readOnly: boolean;
  /** Components beyond the read-only core. */
  payoutsManagement: boolean;
  accountManagement: boolean;
  paymentActions: boolean;
  extras: boolean;
}

const profiles: Record<SessionProfile, ProfileRules> = {
  owner: {
    readOnly: false,
    payoutsManagement: true,
    accountManagement: true,
    paymentActions: true,
    extras: true,
  },
  staff: {
    readOnly: false,
    payoutsManagement: false,
    accountManagement: false,
    paymentActions: true,
    extras: false,
  },
  viewer: {
    readOnly: true,
    payoutsManagement: false,
    accountManagement: false,
    paymentActions: false,
    extras: false,
  },
  // Sees what the owner sees, changes nothing.
  support: {
    readOnly: true,
    payoutsManagement: false,
    accountManagement: true,
    paymentActions: false,
    extras: true,
  },
};

function active(capabilities: Record<string, string>, name: string): boolean {
  return capabilities[name] === "active";
}

export function componentsFor(
  profile: SessionProfile,
  account: AccountFacts,
  platform: PlatformComponents,
  options: { impersonating?: boolean } = {},
): ComponentsParam {
  const rules = profiles[profile];
  const platformCollects = account.requirementCollection === "application";
  // Stripe allows external_account_collection: false only when the platform collects requirements.
  const canHideBankAccounts = platformCollects;
  // Never without Stripe's own sign-in step while staff view an account, even with the owner's profile.
  const disableAuth =
    profile === "owner" &&
    !options.impersonating &&
    platform.disableStripeUserAuthentication &&
    platformCollects;
  const act = rules.paymentActions;

  const paymentFeatures = {
    refund_management: act,
    dispute_management: act,
    capture_payments: act,
    destination_on_behalf_of_charge_management: false,
  };
  const components: ComponentsParam = {
    payments: { enabled: true, features: paymentFeatures },
    payment_details: { enabled: true, features: paymentFeatures },
    payment_disputes: {
      enabled: true,
      features: {
        refund_management: act,
        dispute_management: act,
        destination_on_behalf_of_charge_management: false,
      },
    },
    disputes_list: { enabled: true, features: paymentFeatures },
    payouts_list: { enabled: true },
    payout_details: { enabled: true },
  };

  const manage = rules.payoutsManagement;
  const bankAccounts = manage || !canHideBankAccounts;
  if (manage || canHideBankAccounts) {
    const payoutFeatures = {
      standard_payouts: manage,
      instant_payouts: manage,
      edit_payout_schedule: manage,
      external_account_collection: bankAccounts,
      disable_stripe_user_authentication: disableAuth,
    };
    components.balances = { enabled: true, features: payoutFeatures };
    if (manage || rules.extras) components.payouts = { enabled: true, features: payoutFeatures };
  }

  if (rules.extras || profile === "staff" || profile === "viewer") {
    if (platform.documents) components.documents = { enabled: true };
    if (platform.reports) {
      components.balance_report = { enabled: true };
      components.payout_reconciliation_report = { enabled: true };
    }
  }

  if (rules.extras) {
    if (rules.accountManagement && (manage || canHideBankAccounts)) {
      const accountFeatures = {
        external_account_collection: bankAccounts,
        disable_stripe_user_authentication: disableAuth,
      };
      components.account_management = { enabled: true, features: accountFeatures };
      components.notification_banner = { enabled: true, features: accountFeatures };
      if (!rules.readOnly) components.account_onboarding = { enabled: true, features: accountFeatures };
    }
    if (platform.tax && !rules.readOnly) {
      components.tax_settings = { enabled: true };
      components.tax_registrations = { enabled: true };
    }
    if (platform.instantPayoutsPromotion && manage) {
      components.instant_payouts_promotion = {
        enabled: true,
        features: {
          instant_payouts: true,
          external_account_collection: true,
          disable_stripe_user_authentication: disableAuth,
        },
      };
    }
    if (platform.issuing && active(account.capabilities, "card_issuing")) {
      const issuingFeatures = {
        card_management: !rules.readOnly,
        card_spend_dispute_management: !rules.readOnly,
        cardholder_management: !rules.readOnly,
        spend_control_management: !rules.readOnly,
      };
      components.issuing_card = { enabled: true, features: issuingFeatures };
      components.issuing_cards_list = {
        enabled: true,
        features: { ...issuingFeatures, disable_stripe_user_authentication: disableAuth },
      };
    }
    if (platform.financialAccounts && active(account.capabilities, "treasury")) {
      components.financial_account = {
        enabled: true,
        features: {
          send_money: !rules.readOnly,
          transfer_balance: !rules.readOnly,
          external_account_collection: bankAccounts,
          disable_stripe_user_authentication: disableAuth,
        },
      };
      components.financial_account_transactions = {
        enabled: true,
        features: { card_spend_dispute_management: !rules.readOnly },
      };
    }
  }
  return components;
}

/** The component keys a session enables: what the navigation and the pages offer. */
export function enabledComponents(components: ComponentsParam): Set<ComponentKey> {
  const keys = Object.keys(components) as ComponentKey[];
  return new Set(keys.filter((key) => components[key]?.enabled === true));
}
