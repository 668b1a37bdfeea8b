import { describe, expect, it } from "vitest";
import {
  COMPONENT_RULES,
  managementFeatures,
  planComponents,
  PREVIEW_COMPONENTS,
  usesPreview,
  type ComponentsParam,
} from "@/lib/access/account-session-plan";
import { profiles, type Profile } from "@/lib/access/permissions";

/**
 * The profile × component × feature table, written out: for each profile and each `requirement_collection`, the
 * components its Account Session enables and, in brackets, the features that are on (every other feature of the
 * component is sent explicitly false). A change to the policy must change this table.
 */

const everything = {
  tax: true,
  documents: true,
  reports: true,
  instantPayoutsPromotion: true,
  issuing: true,
  financialAccounts: true,
  terminalHardware: true,
  disableStripeUserAuthentication: false,
  preview: {
    payment_method_settings: true,
    reporting_chart: true,
    terminal_hardware_orders: true,
    terminal_hardware_shop: true,
  },
};
const capabilities = { card_issuing: "active", treasury: "active", card_payments: "active" };

const PAY = "refund_management dispute_management smart_disputes_management capture_payments";
const DISPUTE = "refund_management dispute_management smart_disputes_management";
const PAYOUT = "standard_payouts instant_payouts edit_payout_schedule external_account_collection";
const CARDS = "card_management card_spend_dispute_management cardholder_management spend_control_management";

const owner = [
  "account_management(external_account_collection)",
  "account_onboarding(external_account_collection)",
  "balance_report",
  `balances(${PAYOUT})`,
  `disputes_list(${PAY})`,
  "documents",
  "financial_account(send_money transfer_balance external_account_collection)",
  "financial_account_transactions(card_spend_dispute_management)",
  "instant_payouts_promotion(instant_payouts external_account_collection)",
  `issuing_card(${CARDS})`,
  `issuing_cards_list(${CARDS})`,
  "notification_banner(external_account_collection)",
  `payment_details(${PAY})`,
  `payment_disputes(${DISPUTE})`,
  "payment_method_settings",
  `payments(${PAY})`,
  "payout_details",
  "payout_reconciliation_report",
  `payouts(${PAYOUT})`,
  "payouts_list",
  "reporting_chart",
  "tax_registrations",
  "tax_settings",
  "terminal_hardware_orders",
  "terminal_hardware_shop",
];

const expected: Record<"application" | "stripe", Record<Profile, string[]>> = {
  // The platform collects requirements: read-only profiles still see balances and payouts, with every feature off.
  application: {
    user: [],
    second_factor_pending: [],
    owner,
    staff: [
      "balance_report",
      "balances",
      `disputes_list(${PAY})`,
      "documents",
      "financial_account",
      "financial_account_transactions",
      "issuing_card",
      "issuing_cards_list",
      `payment_details(${PAY})`,
      `payment_disputes(${DISPUTE})`,
      `payments(${PAY})`,
      "payout_details",
      "payout_reconciliation_report",
      "payouts",
      "payouts_list",
      "reporting_chart",
    ],
    viewer: [
      "balance_report",
      "balances",
      "disputes_list",
      "documents",
      "financial_account",
      "financial_account_transactions",
      "issuing_card",
      "issuing_cards_list",
      "payment_details",
      "payment_disputes",
      "payments",
      "payout_details",
      "payout_reconciliation_report",
      "payouts",
      "payouts_list",
      "reporting_chart",
    ],
    support: [],
    admin: [],
    support_viewing: [
      "balances",
      "disputes_list",
      "payment_details",
      "payment_disputes",
      "payments",
      "payout_details",
      "payouts",
      "payouts_list",
    ],
    admin_viewing: [
      "balances",
      "disputes_list",
      "payment_details",
      "payment_disputes",
      "payments",
      "payout_details",
      "payouts",
      "payouts_list",
    ],
    admin_escalated: [
      "balance_report",
      "balances",
      "disputes_list",
      "documents",
      "financial_account",
      "financial_account_transactions",
      "issuing_card",
      "issuing_cards_list",
      "payment_details",
      "payment_disputes",
      "payments",
      "payout_details",
      "payout_reconciliation_report",
      "payouts",
      "payouts_list",
      "reporting_chart",
    ],
  },
  // Stripe collects requirements: `external_account_collection: false` is not allowed, so every component that
  // would need it is left out for those who may not change bank accounts.
  stripe: {
    user: [],
    second_factor_pending: [],
    owner,
    staff: [
      "balance_report",
      `disputes_list(${PAY})`,
      "documents",
      "financial_account_transactions",
      "issuing_card",
      "issuing_cards_list",
      `payment_details(${PAY})`,
      `payment_disputes(${DISPUTE})`,
      `payments(${PAY})`,
      "payout_details",
      "payout_reconciliation_report",
      "payouts_list",
      "reporting_chart",
    ],
    viewer: [
      "balance_report",
      "disputes_list",
      "documents",
      "financial_account_transactions",
      "issuing_card",
      "issuing_cards_list",
      "payment_details",
      "payment_disputes",
      "payments",
      "payout_details",
      "payout_reconciliation_report",
      "payouts_list",
      "reporting_chart",
    ],
    support: [],
    admin: [],
    support_viewing: [
      "disputes_list",
      "payment_details",
      "payment_disputes",
      "payments",
      "payout_details",
      "payouts_list",
    ],
    admin_viewing: [
      "disputes_list",
      "payment_details",
      "payment_disputes",
      "payments",
      "payout_details",
      "payouts_list",
    ],
    admin_escalated: [
      "balance_report",
      "disputes_list",
      "documents",
      "financial_account_transactions",
      "issuing_card",
      "issuing_cards_list",
      "payment_details",
      "payment_disputes",
      "payments",
      "payout_details",
      "payout_reconciliation_report",
      "payouts_list",
      "reporting_chart",
    ],
  },
};

type Sent = Record<string, { enabled: boolean; features?: Record<string, boolean> }>;

function compact(components: ComponentsParam): string[] {
  return Object.entries(components as Sent).map(([key, value]) => {
    const on = Object.entries(value.features ?? {})
      .filter(([, enabled]) => enabled)
      .map(([feature]) => feature);
    return on.length > 0 ? `${key}(${on.join(" ")})` : key;
  });
}

/** Features Stripe turns on when they are not sent: a read-only profile must send each of them as false. */
const onUnlessSent = new Set([
  "refund_management",
  "dispute_management",
  "capture_payments",
  "external_account_collection",
]);

describe("the Account Session plan", () => {
  for (const collection of ["application", "stripe"] as const) {
    describe(`requirement_collection: ${collection}`, () => {
      for (const profile of profiles) {
        it(`${profile}`, () => {
          const components = planComponents(
            profile,
            { requirementCollection: collection, capabilities },
            everything,
          );
          expect(compact(components)).toEqual(expected[collection][profile]);
          for (const [key, value] of Object.entries(components as Sent)) {
            expect(value.enabled).toBe(true);
            // Every feature the policy knows for the component is sent, so nothing falls back to Stripe's default.
            const rule = COMPONENT_RULES[key as keyof typeof COMPONENT_RULES];
            for (const feature of Object.keys(rule && "features" in rule ? rule.features : {})) {
              expect(value.features, `${key}.${feature}`).toHaveProperty(feature);
            }
            for (const feature of Object.keys(value.features ?? {})) {
              if (onUnlessSent.has(feature)) expect(typeof value.features?.[feature]).toBe("boolean");
            }
            // Stripe's own sign-in is never skipped here (the platform has not turned that on).
            expect(value.features?.disable_stripe_user_authentication ?? false).toBe(false);
          }
        });
      }
    });
  }

  it("gives read-only profiles no management feature and no component without a read-only mode", () => {
    for (const collection of ["application", "stripe"]) {
      for (const profile of ["viewer", "support_viewing", "admin_viewing", "admin_escalated"] as const) {
        const components = planComponents(
          profile,
          { requirementCollection: collection, capabilities },
          everything,
        ) as Sent;
        for (const key of [
          "account_management",
          "account_onboarding",
          "notification_banner",
          "payment_method_settings",
          "terminal_hardware_orders",
          "terminal_hardware_shop",
          "tax_settings",
          "tax_registrations",
          "instant_payouts_promotion",
        ]) {
          expect(components[key], `${profile} ${key}`).toBeUndefined();
        }
        for (const value of Object.values(components)) {
          for (const feature of managementFeatures) expect(value.features?.[feature] ?? false).toBe(false);
        }
      }
    }
  });

  it("offers only what the platform turns on and the account can use", () => {
    const components = planComponents(
      "owner",
      { requirementCollection: "application", capabilities: { card_issuing: "inactive" } },
      {
        ...everything,
        tax: false,
        documents: false,
        reports: false,
        instantPayoutsPromotion: false,
        financialAccounts: false,
        terminalHardware: false,
      },
    ) as Sent;
    for (const key of [
      "tax_settings",
      "tax_registrations",
      "documents",
      "balance_report",
      "payout_reconciliation_report",
      "instant_payouts_promotion",
      "issuing_card",
      "issuing_cards_list",
      "financial_account",
      "financial_account_transactions",
      "terminal_hardware_orders",
      "terminal_hardware_shop",
    ]) {
      expect(components[key], key).toBeUndefined();
    }
    expect(components.payments).toBeDefined();
  });

  it("offers each preview component only with its own switch, and marks such a session as a preview one", () => {
    const off = { ...everything, preview: { ...everything.preview, reporting_chart: false } };
    const facts = { requirementCollection: "application", capabilities };
    const withoutChart = planComponents("owner", facts, off) as Sent;
    expect(withoutChart.reporting_chart).toBeUndefined();
    expect(withoutChart.payment_method_settings).toBeDefined();
    expect(usesPreview(withoutChart)).toBe(true);
    const none = {
      ...everything,
      preview: {
        payment_method_settings: false,
        reporting_chart: false,
        terminal_hardware_orders: false,
        terminal_hardware_shop: false,
      },
    };
    const plain = planComponents("owner", facts, none);
    for (const key of PREVIEW_COMPONENTS) expect(plain[key], key).toBeUndefined();
    expect(usesPreview(plain)).toBe(false);
    // Terminal hardware also needs the platform's terminal switch and card payments on the account.
    const noCards = planComponents(
      "owner",
      { ...facts, capabilities: { card_payments: "inactive" } },
      everything,
    );
    expect(noCards.terminal_hardware_shop).toBeUndefined();
  });

  it("skips Stripe's own sign-in only for an owner with a second factor, on platform-collected accounts, and in every component at once", () => {
    const platform = { ...everything, disableStripeUserAuthentication: true };
    const facts = { requirementCollection: "application", capabilities };
    const skipped = planComponents("owner", facts, platform, { secondFactor: true }) as Sent;
    const values = Object.values(skipped)
      .map((value) => value.features?.disable_stripe_user_authentication)
      .filter((value) => value !== undefined);
    expect(values.length).toBeGreaterThan(3);
    expect(new Set(values)).toEqual(new Set([true]));
    const cases: [Profile, string, boolean][] = [
      ["owner", "application", false], // no second factor
      ["owner", "stripe", true], // Stripe collects requirements
      ["admin_escalated", "application", true], // someone viewing the account
      ["staff", "application", true], // may not change bank accounts
    ];
    for (const [profile, collection, secondFactor] of cases) {
      const plan = planComponents(profile, { requirementCollection: collection, capabilities }, platform, {
        secondFactor,
      }) as Sent;
      for (const value of Object.values(plan)) {
        expect(value.features?.disable_stripe_user_authentication ?? false, `${profile} ${collection}`).toBe(
          false,
        );
      }
    }
  });
});
