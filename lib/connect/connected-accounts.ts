import "server-only";
import type Stripe from "stripe";
import type { AnyAccount } from "../accounts/mirror";
import { V2_ACCOUNT_INCLUDE } from "../accounts/v2-account-facts";
import { getPlatformConfig } from "../config";
import { callStripe, type StripeCallOptions } from "../stripe/call";
import { getStripe } from "../stripe/client";
import { getConnectedAccountsApi } from "./accounts-api";

/**
 * Connected accounts through the API the platform uses (lib/connect/accounts-api.ts): v1 `/v1/accounts` with
 * `controller`, or Accounts v2 `/v2/core/accounts` with `dashboard`, `defaults.responsibilities` and configurations.
 * Every caller gets the account in a shape the mirror stores (lib/accounts/mirror.ts `AnyAccount`).
 */

export interface NewTenant {
  id: string;
  name: string;
  email: string;
}

/** v1 creation parameters, from portico.config.ts. */
export function v1AccountParams(tenant: NewTenant): Stripe.AccountCreateParams {
  const { connectedAccounts } = getPlatformConfig();
  const { controller } = connectedAccounts;
  return {
    controller: {
      fees: { payer: controller.feesPayer },
      losses: { payments: controller.lossesPayments },
      stripe_dashboard: { type: controller.dashboardType },
      requirement_collection: controller.requirementCollection,
    },
    country: connectedAccounts.country,
    email: tenant.email,
    business_profile: { name: tenant.name },
    capabilities: Object.fromEntries(
      connectedAccounts.capabilities.map((name) => [name, { requested: true }]),
    ),
    metadata: { portico_tenant_id: tenant.id },
  };
}

/**
 * Accounts v2 creation parameters, from the same config: `controller.dashboardType` → `dashboard`, `feesPayer` →
 * `defaults.responsibilities.fees_collector` ("account" pays Stripe itself: "stripe"), `lossesPayments` →
 * `losses_collector`; `requirementCollection` is derived by Stripe and checked at start-up (accountsV2Refusals).
 * `card_payments` is a merchant capability, `transfers` the recipient's `stripe_balance.stripe_transfers`.
 */
export function v2AccountParams(tenant: NewTenant): Stripe.V2.Core.AccountCreateParams {
  const { connectedAccounts } = getPlatformConfig();
  const { controller, capabilities } = connectedAccounts;
  const merchantCapabilities = capabilities.filter((name) => name === "card_payments");
  const wantsTransfers = capabilities.includes("transfers");
  return {
    contact_email: tenant.email,
    display_name: tenant.name,
    dashboard: controller.dashboardType,
    identity: { country: connectedAccounts.country.toLowerCase() },
    defaults: {
      currency: connectedAccounts.defaultCurrency,
      // The customer-facing name (v1's `business_profile.name`, which v1 reads of this account show).
      profile: { doing_business_as: tenant.name },
      responsibilities: {
        fees_collector: controller.feesPayer === "application" ? "application" : "stripe",
        losses_collector: controller.lossesPayments,
      },
    },
    configuration: {
      ...(merchantCapabilities.length > 0
        ? {
            merchant: {
              capabilities: Object.fromEntries(
                merchantCapabilities.map((name) => [name, { requested: true }]),
              ),
            },
          }
        : {}),
      ...(wantsTransfers
        ? { recipient: { capabilities: { stripe_balance: { stripe_transfers: { requested: true } } } } }
        : {}),
    },
    include: V2_ACCOUNT_INCLUDE,
    metadata: { portico_tenant_id: tenant.id },
  };
}

/** Creates the tenant's account (or, with the same idempotency key on a retry, gets back the one made). */
export async function createAccountAtStripe(
  tenant: NewTenant,
  options: StripeCallOptions = {},
): Promise<AnyAccount> {
  const stripe = getStripe();
  if (getConnectedAccountsApi() === "v2") {
    return callStripe((o) => stripe.v2.core.accounts.create(v2AccountParams(tenant), o), options);
  }
  return callStripe((o) => stripe.accounts.create(v1AccountParams(tenant), o), options);
}

/**
 * Reads an account as the mirror needs it. On v2 one retrieve with `include` gives requirements and configurations;
 * an account made under v1 reads the same way (Stripe lets Accounts v2 read v1 accounts).
 */
export async function retrieveAccountForMirror(
  accountId: string,
  options: StripeCallOptions = {},
  stripe: Stripe = getStripe(),
): Promise<AnyAccount> {
  if (getConnectedAccountsApi() === "v2") {
    return callStripe(
      (o) => stripe.v2.core.accounts.retrieve(accountId, { include: V2_ACCOUNT_INCLUDE }, o),
      options,
    );
  }
  return callStripe((o) => stripe.accounts.retrieve(accountId, {}, o), options);
}

/** Stripe-hosted onboarding for the account: a v1 Account Link, or a v2 one (`use_case.account_onboarding`). */
export async function createOnboardingLink(
  accountId: string,
  urls: { refreshUrl: string; returnUrl: string },
): Promise<string> {
  const stripe = getStripe();
  if (getConnectedAccountsApi() === "v2") {
    const link = await callStripe((o) =>
      stripe.v2.core.accountLinks.create(
        {
          account: accountId,
          use_case: {
            type: "account_onboarding",
            account_onboarding: { refresh_url: urls.refreshUrl, return_url: urls.returnUrl },
          },
        },
        o,
      ),
    );
    return link.url;
  }
  const link = await callStripe((o) =>
    stripe.accountLinks.create(
      {
        account: accountId,
        type: "account_onboarding",
        refresh_url: urls.refreshUrl,
        return_url: urls.returnUrl,
      },
      o,
    ),
  );
  return link.url;
}
