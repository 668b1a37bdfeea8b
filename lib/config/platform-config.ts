import { z } from "zod";

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a #rrggbb colour");

export const supportedLocales = ["en", "fr"] as const;
export type SupportedLocale = (typeof supportedLocales)[number];

export const connectedAccountsApis = ["v1", "v2"] as const;
export type ConnectedAccountsApi = (typeof connectedAccountsApis)[number];

interface ControllerSettings {
  feesPayer: "account" | "application";
  lossesPayments: "application" | "stripe";
  dashboardType: "express" | "full" | "none";
  requirementCollection: "application" | "stripe";
}

/**
 * Why the config cannot be expressed with Accounts v2, each naming the setting to change. v2 has no
 * `requirement_collection` to set: Stripe derives `defaults.responsibilities.requirements_collector` from the
 * dashboard and the losses collector (the platform collects only with dashboard "none" and losses on the platform).
 */
export function accountsV2Refusals(connectedAccounts: {
  controller: ControllerSettings;
  capabilities: readonly string[];
}): { path: string[]; message: string }[] {
  const { controller, capabilities } = connectedAccounts;
  const refusals: { path: string[]; message: string }[] = [];
  const derived =
    controller.dashboardType === "none" && controller.lossesPayments === "application"
      ? "application"
      : "stripe";
  if (controller.requirementCollection !== derived) {
    refusals.push({
      path: ["connectedAccounts", "controller", "requirementCollection"],
      message:
        derived === "application"
          ? 'must be "application" with api "v2" when dashboardType is "none" and lossesPayments is "application" (Accounts v2 derives it): set requirementCollection to "application", or lossesPayments to "stripe", or use api "v1"'
          : 'can be "application" with api "v2" only when dashboardType is "none" and lossesPayments is "application" (Accounts v2 derives it): set lossesPayments to "application", or requirementCollection to "stripe", or use api "v1"',
    });
  }
  if (capabilities.includes("tax_reporting_us_1099_k")) {
    refusals.push({
      path: ["connectedAccounts", "capabilities"],
      message:
        'tax_reporting_us_1099_k is not a capability of an Accounts v2 configuration: remove it from capabilities, or use api "v1"',
    });
  }
  return refusals;
}

export const platformConfigSchema = z
  .object({
    name: z.string().min(1).max(60),
    logoUrl: z.string().min(1),
    brandColor: hexColor,
    defaultLocale: z.enum(supportedLocales),
    supportEmail: z.email(),
    connectedAccounts: z.object({
      /**
       * Which Stripe API creates and reads connected accounts: "v2" (Accounts v2: `dashboard`,
       * `defaults.responsibilities`, configurations) or "v1" (`/v1/accounts` with `controller`). Overridden by the
       * PORTICO_CONNECTED_ACCOUNTS_API environment variable. Accounts made under v1 keep working after a switch to v2.
       */
      api: z.enum(connectedAccountsApis).default("v2"),
      country: z.string().length(2).toUpperCase(),
      defaultCurrency: z.string().length(3).toLowerCase(),
      controller: z.object({
        feesPayer: z.enum(["account", "application"]),
        lossesPayments: z.enum(["application", "stripe"]),
        dashboardType: z.enum(["express", "full", "none"]),
        requirementCollection: z.enum(["application", "stripe"]),
      }),
      capabilities: z.array(z.enum(["card_payments", "transfers", "tax_reporting_us_1099_k"])).min(1),
    }),
    embeddedComponents: z.object({
      tax: z.boolean(),
      documents: z.boolean(),
      reports: z.boolean(),
      instantPayoutsPromotion: z.boolean(),
      issuing: z.boolean(),
      financialAccounts: z.boolean(),
      /** Terminal hardware ordering (the shop and the orders list); also needs its preview switch below. */
      terminalHardware: z.boolean().default(false),
      disableStripeUserAuthentication: z.boolean(),
      /**
       * Stripe's preview components, one switch each, all off by default: a session that enables any of them is
       * created with the API-version suffix Stripe requires for previews (lib/connect/account-session.ts).
       */
      preview: z
        .object({
          payment_method_settings: z.boolean().default(false),
          reporting_chart: z.boolean().default(false),
          terminal_hardware_orders: z.boolean().default(false),
          terminal_hardware_shop: z.boolean().default(false),
        })
        .default({
          payment_method_settings: false,
          reporting_chart: false,
          terminal_hardware_orders: false,
          terminal_hardware_shop: false,
        }),
    }),
    onboarding: z
      .object({
        /**
         * Which requirements onboarding, account management and the notification banner collect (Stripe's
         * `collectionOptions`): "currently_due" asks only for what is due now, "eventually_due" for everything up front.
         */
        fields: z.enum(["currently_due", "eventually_due"]).default("currently_due"),
        /** Whether to collect requirements that Stripe has announced but that do not apply yet. */
        futureRequirements: z.enum(["omit", "include"]).default("omit"),
        /** The platform's own terms of service and privacy policy, linked from embedded onboarding. */
        termsOfServiceUrl: z.url({ protocol: /^https?$/ }).optional(),
        privacyPolicyUrl: z.url({ protocol: /^https?$/ }).optional(),
      })
      .default({ fields: "currently_due", futureRequirements: "omit" }),
    payments: z.object({
      applicationFeeBps: z.number().int().min(0).max(5000),
    }),
    security: z
      .object({
        /** Platform staff always need a second factor; tenants may set one up, and must when this is true. */
        requireTenantSecondFactor: z.boolean().default(false),
      })
      .default({ requireTenantSecondFactor: false }),
    singleSignOn: z
      .object({
        /** Who may sign in through the identity provider (OIDC_ISSUER): platform staff, and tenants too. */
        staff: z.boolean().default(true),
        tenants: z.boolean().default(false),
        /** The claim holding the user's groups, and which groups make a platform admin or support. */
        groupsClaim: z.string().min(1).max(100).default("groups"),
        adminGroups: z.array(z.string().min(1).max(200)).max(50).default([]),
        supportGroups: z.array(z.string().min(1).max(200)).max(50).default([]),
        /**
         * `amr` values that show the IdP did multi-factor authentication. When one is present, it counts as the
         * staff member's second factor; otherwise Portico asks for its own after the IdP's callback. Empty: always ask.
         */
        mfaAmrValues: z.array(z.string().min(1).max(50)).max(20).default(["mfa", "otp", "hwk", "swk"]),
        /** The label on the sign-in button. */
        buttonLabel: z.string().min(1).max(60).default("Sign in with your company account"),
        /** The IdP's name as people know it, for "Confirm with <name>" (the step-up by IdP re-authentication). */
        providerName: z.string().min(1).max(40).default("your identity provider"),
      })
      .default({
        staff: true,
        tenants: false,
        groupsClaim: "groups",
        adminGroups: [],
        supportGroups: [],
        mfaAmrValues: ["mfa", "otp", "hwk", "swk"],
        buttonLabel: "Sign in with your company account",
        providerName: "your identity provider",
      }),
  })
  .superRefine((config, ctx) => {
    const { controller } = config.connectedAccounts;
    if (config.connectedAccounts.api === "v2") {
      for (const refusal of accountsV2Refusals(config.connectedAccounts)) {
        ctx.addIssue({ code: "custom", path: refusal.path, message: refusal.message });
      }
    }
    // Stripe's own rules for the controller properties.
    if (controller.lossesPayments === "application" && controller.feesPayer !== "application") {
      ctx.addIssue({
        code: "custom",
        path: ["connectedAccounts", "controller", "feesPayer"],
        message: 'must be "application" when lossesPayments is "application" (Stripe requires it)',
      });
    }
    if (controller.dashboardType !== "none" && controller.requirementCollection === "application") {
      ctx.addIssue({
        code: "custom",
        path: ["connectedAccounts", "controller", "requirementCollection"],
        message: 'can be "application" only with dashboardType "none" (Stripe requires it)',
      });
    }
    if (
      config.embeddedComponents.disableStripeUserAuthentication &&
      controller.requirementCollection !== "application"
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["embeddedComponents", "disableStripeUserAuthentication"],
        message: 'is allowed by Stripe only when requirementCollection is "application"',
      });
    }
  });

export type PlatformConfig = z.infer<typeof platformConfigSchema>;

/** Typed identity helper for portico.config.ts; validation happens in loadPlatformConfig. */
export function definePlatformConfig(
  config: z.input<typeof platformConfigSchema>,
): z.input<typeof platformConfigSchema> {
  return config;
}

export function parsePlatformConfig(input: unknown): PlatformConfig {
  const result = platformConfigSchema.safeParse(input);
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) => `  - ${issue.path.join(".") || "(root)"}: ${issue.message}`,
    );
    throw new Error(`portico.config.ts is invalid:\n${lines.join("\n")}\nFix the file and start again.`);
  }
  return result.data;
}
