import type Stripe from "stripe";
import type { PlatformConfig } from "../config/platform-config";
import { can, isViewingProfile, type Permission, type Profile } from "./permissions";

/**
 * Which embedded components an Account Session enables, and which of their features, for a profile. Stripe enforces
 * what the session says, so this is the authorization for everything the components can do; it reads the same
 * permission table as every page and route (lib/access/permissions.ts).
 *
 * The table below is the whole policy: a component is in the session when the profile holds its permission (and the
 * platform offers it, and the account has the capability it needs); each feature is on exactly when the profile
 * holds the feature's permission. Three rules of Stripe's complete it:
 * - `account_management`, `account_onboarding`, `notification_banner` and the tax components have no read-only
 *   mode, so they need a write permission: read-only profiles never get them (Portico shows read-only views of
 *   those facts instead).
 * - `external_account_collection: false` is allowed only when the platform collects requirements
 *   (`controller.requirement_collection: "application"`); where the profile may not change bank accounts and that
 *   value is not allowed, the component is left out instead.
 * - `disable_stripe_user_authentication` has one value for the whole session: true only when the platform turns it
 *   on, the platform collects requirements, the person may change bank accounts and signs in with a second factor,
 *   and nobody is viewing the account on the platform's behalf.
 */

export type ComponentsParam = Stripe.AccountSessionCreateParams.Components;
export type ComponentKey = keyof ComponentsParam;

type PlatformComponents = PlatformConfig["embeddedComponents"];
export type PreviewComponent = keyof PlatformComponents["preview"];

/** Stripe's preview components: each needs its own switch in the config and the preview API-version suffix. */
export const PREVIEW_COMPONENTS = [
  "payment_method_settings",
  "reporting_chart",
  "terminal_hardware_orders",
  "terminal_hardware_shop",
] as const satisfies readonly PreviewComponent[];

/** A feature of a component: on when the profile holds this permission; `false` is never on. */
type FeatureRule = Permission | false;

interface ComponentRule {
  requires: Permission;
  features?: Record<string, FeatureRule>;
  /** Has `external_account_collection`, i.e. can add or change bank accounts. */
  bankAccounts?: true;
  /** Has `disable_stripe_user_authentication`. */
  stripeAuth?: true;
  /** Offered only when the platform config turns it on. */
  offered?: keyof Omit<PlatformComponents, "disableStripeUserAuthentication" | "preview">;
  /** A preview component: offered only when its preview switch is on. */
  preview?: PreviewComponent;
  /** Needs this capability active on the account. */
  capability?: string;
}

const paymentFeatures = {
  refund_management: "payments.refund",
  dispute_management: "disputes.respond",
  smart_disputes_management: "disputes.respond",
  capture_payments: "payments.capture",
  destination_on_behalf_of_charge_management: false,
} as const satisfies Record<string, FeatureRule>;

const payoutFeatures = {
  standard_payouts: "payouts.manage",
  instant_payouts: "payouts.manage",
  edit_payout_schedule: "payouts.manage",
} as const satisfies Record<string, FeatureRule>;

const issuingFeatures = {
  card_management: "issuing.manage",
  card_spend_dispute_management: "issuing.manage",
  cardholder_management: "issuing.manage",
  spend_control_management: "issuing.manage",
} as const satisfies Record<string, FeatureRule>;

/** The policy, component by component (in the order Stripe's API reference lists them). */
export const COMPONENT_RULES = {
  account_management: { requires: "account.manage", bankAccounts: true, stripeAuth: true },
  account_onboarding: { requires: "onboarding.complete", bankAccounts: true, stripeAuth: true },
  balance_report: { requires: "reports.view", offered: "reports" },
  balances: { requires: "payouts.view", features: payoutFeatures, bankAccounts: true, stripeAuth: true },
  disputes_list: { requires: "payments.view", features: paymentFeatures },
  documents: { requires: "documents.view", offered: "documents" },
  financial_account: {
    requires: "treasury.view",
    features: { send_money: "treasury.manage", transfer_balance: "treasury.manage" },
    bankAccounts: true,
    stripeAuth: true,
    offered: "financialAccounts",
    capability: "treasury",
  },
  financial_account_transactions: {
    requires: "treasury.view",
    features: { card_spend_dispute_management: "treasury.manage" },
    offered: "financialAccounts",
    capability: "treasury",
  },
  instant_payouts_promotion: {
    requires: "payouts.manage",
    features: { instant_payouts: "payouts.manage" },
    bankAccounts: true,
    stripeAuth: true,
    offered: "instantPayoutsPromotion",
  },
  issuing_card: {
    requires: "issuing.view",
    features: issuingFeatures,
    offered: "issuing",
    capability: "card_issuing",
  },
  issuing_cards_list: {
    requires: "issuing.view",
    features: issuingFeatures,
    stripeAuth: true,
    offered: "issuing",
    capability: "card_issuing",
  },
  notification_banner: { requires: "account.manage", bankAccounts: true, stripeAuth: true },
  payment_details: { requires: "payments.view", features: paymentFeatures },
  payment_disputes: {
    requires: "payments.view",
    features: {
      refund_management: "payments.refund",
      dispute_management: "disputes.respond",
      smart_disputes_management: "disputes.respond",
      destination_on_behalf_of_charge_management: false,
    },
  },
  // Changes which payment methods the account accepts; no read-only mode.
  payment_method_settings: {
    requires: "account.manage",
    stripeAuth: true,
    preview: "payment_method_settings",
  },
  payments: { requires: "payments.view", features: paymentFeatures },
  payout_details: { requires: "payouts.view" },
  payout_reconciliation_report: { requires: "reports.view", offered: "reports" },
  payouts: { requires: "payouts.view", features: payoutFeatures, bankAccounts: true, stripeAuth: true },
  payouts_list: { requires: "payouts.view" },
  // The earnings chart on Home: report data, so the same permission as the reports.
  reporting_chart: { requires: "reports.view", preview: "reporting_chart" },
  tax_registrations: { requires: "tax.manage", offered: "tax" },
  tax_settings: { requires: "tax.manage", offered: "tax" },
  // Ordering card readers commits the business to a purchase; neither has a read-only mode.
  terminal_hardware_orders: {
    requires: "account.manage",
    offered: "terminalHardware",
    capability: "card_payments",
    preview: "terminal_hardware_orders",
  },
  terminal_hardware_shop: {
    requires: "account.manage",
    offered: "terminalHardware",
    capability: "card_payments",
    preview: "terminal_hardware_shop",
  },
} as const satisfies Partial<Record<ComponentKey, ComponentRule>>;

/** What the plan needs to know of the account and the person, besides the profile. */
export interface AccountFacts {
  /** `controller.requirement_collection`: only "application" lets the platform turn off Stripe's own collection. */
  requirementCollection: string | null;
  /** Capability name → status, e.g. { card_issuing: "active" }. */
  capabilities: Record<string, string>;
}

export interface PlanOptions {
  /** This session proved a second factor that Portico enforces (TOTP, a passkey, or the identity provider's MFA). */
  secondFactor?: boolean;
}

export function planComponents(
  profile: Profile,
  account: AccountFacts,
  platform: PlatformComponents,
  options: PlanOptions = {},
): ComponentsParam {
  const platformCollects = account.requirementCollection === "application";
  const bankAccounts = can(profile, "bank_accounts.manage");
  const skipStripeAuth =
    platform.disableStripeUserAuthentication &&
    platformCollects &&
    bankAccounts &&
    options.secondFactor === true &&
    !isViewingProfile(profile);

  const components: Record<string, { enabled: true; features?: Record<string, boolean> }> = {};
  for (const [key, raw] of Object.entries(COMPONENT_RULES)) {
    const rule: ComponentRule = raw;
    if (!can(profile, rule.requires)) continue;
    if (rule.offered && !platform[rule.offered]) continue;
    if (rule.preview && !platform.preview[rule.preview]) continue;
    if (rule.capability && account.capabilities[rule.capability] !== "active") continue;
    // Stripe refuses `external_account_collection: false` unless the platform collects requirements.
    if (rule.bankAccounts && !bankAccounts && !platformCollects) continue;
    const features: Record<string, boolean> = {};
    for (const [feature, permission] of Object.entries(rule.features ?? {})) {
      features[feature] = permission !== false && can(profile, permission);
    }
    if (rule.bankAccounts) features.external_account_collection = bankAccounts;
    if (rule.stripeAuth) features.disable_stripe_user_authentication = skipStripeAuth;
    components[key] = Object.keys(features).length > 0 ? { enabled: true, features } : { enabled: true };
  }
  return components as ComponentsParam;
}

/** The component keys a session enables: what the navigation and the pages offer. */
export function enabledComponents(components: ComponentsParam): Set<ComponentKey> {
  const keys = Object.keys(components) as ComponentKey[];
  return new Set(keys.filter((key) => components[key]?.enabled === true));
}

/** Whether a session enables a preview component (it is then created with the preview API-version suffix). */
export function usesPreview(components: ComponentsParam): boolean {
  return PREVIEW_COMPONENTS.some((key) => components[key]?.enabled === true);
}

/** The features that move money or change the account; all false in every read-only profile. */
export const managementFeatures = [
  "refund_management",
  "dispute_management",
  "smart_disputes_management",
  "capture_payments",
  "standard_payouts",
  "instant_payouts",
  "edit_payout_schedule",
  "external_account_collection",
  "send_money",
  "transfer_balance",
  "card_management",
  "card_spend_dispute_management",
  "cardholder_management",
  "spend_control_management",
] as const;
