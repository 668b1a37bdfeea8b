import type { AccountRecord } from "./account-model";
import { invalid } from "./errors";
import type { JsonObject } from "./json";

type FeatureName =
  | "capture_payments"
  | "destination_on_behalf_of_charge_management"
  | "dispute_management"
  | "refund_management"
  | "smart_disputes_management"
  | "disable_stripe_user_authentication"
  | "external_account_collection"
  | "edit_payout_schedule"
  | "instant_payouts"
  | "standard_payouts"
  | "send_money"
  | "transfer_balance"
  | "card_spend_dispute_management"
  | "card_management"
  | "cardholder_management"
  | "spend_control_management";

const PAYMENTS: FeatureName[] = [
  "capture_payments",
  "destination_on_behalf_of_charge_management",
  "dispute_management",
  "refund_management",
  "smart_disputes_management",
];
const AUTH: FeatureName[] = ["disable_stripe_user_authentication", "external_account_collection"];
const PAYOUTS: FeatureName[] = [
  "disable_stripe_user_authentication",
  "edit_payout_schedule",
  "external_account_collection",
  "instant_payouts",
  "standard_payouts",
];

/** Components and their features, per stripe-node 23.1.0 `AccountSessionCreateParams` (contract §6.2). */
export const COMPONENTS: Record<string, FeatureName[]> = {
  account_management: AUTH,
  account_onboarding: AUTH,
  balance_report: [],
  balances: PAYOUTS,
  disputes_list: PAYMENTS,
  documents: [],
  financial_account: [
    "disable_stripe_user_authentication",
    "external_account_collection",
    "send_money",
    "transfer_balance",
  ],
  financial_account_transactions: ["card_spend_dispute_management"],
  instant_payouts_promotion: [
    "disable_stripe_user_authentication",
    "external_account_collection",
    "instant_payouts",
  ],
  issuing_card: [
    "card_management",
    "card_spend_dispute_management",
    "cardholder_management",
    "spend_control_management",
  ],
  issuing_cards_list: [
    "card_management",
    "card_spend_dispute_management",
    "cardholder_management",
    "disable_stripe_user_authentication",
    "spend_control_management",
  ],
  notification_banner: AUTH,
  payment_details: PAYMENTS,
  payment_disputes: PAYMENTS.filter((f) => f !== "capture_payments"),
  payment_method_settings: ["disable_stripe_user_authentication"],
  payments: PAYMENTS,
  payout_details: [],
  payout_reconciliation_report: [],
  payouts: PAYOUTS,
  payouts_list: [],
  reporting_chart: [],
  tax_registrations: [],
  tax_settings: [],
  terminal_hardware_orders: [],
  terminal_hardware_shop: [],
};

/** Stripe's preview components: a session may enable them only under the `embedded_connect_beta` version suffix. */
export const PREVIEW_COMPONENTS = [
  "payment_method_settings",
  "reporting_chart",
  "terminal_hardware_orders",
  "terminal_hardware_shop",
] as const;

/** Refuses a preview component enabled without the beta suffix in `Stripe-Version`, as Stripe does. */
export function checkPreviewVersion(components: Record<string, unknown>, version: string | undefined): void {
  if (version && /;\s*embedded_connect_beta=v\d+/.test(version)) return;
  for (const name of PREVIEW_COMPONENTS) {
    const input = components[name];
    if (isComponentInput(input) && input.enabled)
      throw invalid(
        `\`${name}\` is a preview component: enable it with the \`embedded_connect_beta=v2\` API version suffix (e.g. \`Stripe-Version: 2026-10-28.endive; embedded_connect_beta=v2\`).`,
        `components[${name}]`,
      );
  }
}

type ComponentInput = { enabled: boolean; features?: Partial<Record<FeatureName, boolean>> };

function isComponentInput(v: unknown): v is ComponentInput {
  return typeof v === "object" && v !== null && "enabled" in v && typeof v.enabled === "boolean";
}

/** Validates the cross-field rules and fills every component with its documented defaults. */
export function resolveComponents(rec: AccountRecord, components: Record<string, unknown>): JsonObject {
  const appCollects = rec.controller.requirement_collection === "application";
  const stripeLosses = rec.controller.losses_payments === "stripe";
  const explicitDsua: { component: string; value: boolean }[] = [];
  const out: JsonObject = {};
  for (const [name, features] of Object.entries(COMPONENTS)) {
    const raw = components[name];
    const input: ComponentInput | undefined = isComponentInput(raw) ? raw : undefined;
    const given = input?.features ?? {};
    const resolved: Record<string, boolean> = {};
    for (const f of features) {
      const v = given[f];
      const param = `components[${name}][features][${f}]`;
      if (f === "external_account_collection" && v === false && !appCollects)
        throw invalid(
          "`external_account_collection` can only be disabled for accounts where your platform is responsible for requirement collection (`controller.requirement_collection=application`).",
          param,
        );
      if (f === "disable_stripe_user_authentication" && v === true && !appCollects)
        throw invalid(
          "`disable_stripe_user_authentication` can only be enabled for accounts where `controller.requirement_collection` is `application`.",
          param,
        );
      if (f === "disable_stripe_user_authentication" && v !== undefined)
        explicitDsua.push({ component: name, value: v });
      resolved[f] = v ?? defaultFeature(f, name, given, stripeLosses);
    }
    out[name] = { enabled: input?.enabled ?? false, features: resolved };
  }
  const [first, ...others] = explicitDsua;
  const mismatch = first && others.find((o) => o.value !== first.value);
  if (first && mismatch)
    throw invalid(
      `The \`features[disable_stripe_user_authentication]\` property specified by \`${mismatch.component}\` and \`${first.component}\` must be the same`,
      `components[${mismatch.component}][features][disable_stripe_user_authentication]`,
    );
  return out;
}

function defaultFeature(
  f: FeatureName,
  component: string,
  given: Partial<Record<FeatureName, boolean>>,
  stripeLosses: boolean,
): boolean {
  switch (f) {
    case "refund_management":
    case "dispute_management":
    case "capture_payments":
      return true;
    case "destination_on_behalf_of_charge_management":
      return false;
    case "smart_disputes_management":
      return given.dispute_management ?? true;
    case "external_account_collection":
      return true;
    case "disable_stripe_user_authentication":
      return component === "payment_method_settings" ? false : !(given.external_account_collection ?? true);
    case "edit_payout_schedule":
    case "standard_payouts":
    case "instant_payouts":
      return stripeLosses;
    default:
      // Issuing and treasury features are off unless asked for.
      return false;
  }
}
