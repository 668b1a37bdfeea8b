import "server-only";
import { getPlatformConfig } from "../config";
import { accountsV2Refusals, type ConnectedAccountsApi } from "../config/platform-config";
import { getEnv } from "../env";

let cached: ConnectedAccountsApi | undefined;

/**
 * The connected-account model in force: PORTICO_CONNECTED_ACCOUNTS_API when set, otherwise portico.config.ts
 * `connectedAccounts.api`. Throws (stopping start-up) when the config cannot be expressed with Accounts v2, or when a
 * v2 platform on real Stripe keys has no thin-event destination secret.
 */
export function getConnectedAccountsApi(): ConnectedAccountsApi {
  if (cached) return cached;
  const env = getEnv();
  const config = getPlatformConfig();
  const api = env.connectedAccountsApi ?? config.connectedAccounts.api;
  if (api === "v2") {
    const problems = accountsV2Refusals(config.connectedAccounts).map(
      (refusal) => `  - ${refusal.path.join(".")}: ${refusal.message}`,
    );
    if (env.stripe.mode !== "sandbox" && !env.stripe.eventDestinationSecret) {
      problems.push(
        "  - STRIPE_EVENT_DESTINATION_SECRET is required with Accounts v2: register the thin-event destination (docs/deploy.md) and set its signing secret (whsec_…).",
      );
    }
    if (problems.length > 0) {
      const source = env.connectedAccountsApi
        ? "PORTICO_CONNECTED_ACCOUNTS_API=v2"
        : 'connectedAccounts.api "v2"';
      throw new Error(
        `Portico cannot start with ${source}:\n${problems.join("\n")}\nFix portico.config.ts or the environment and start again.`,
      );
    }
  }
  cached = api;
  return api;
}

/**
 * Request options that act for a connected account: `Stripe-Account` on v1 platforms; on v2 platforms
 * `Stripe-Context`, which Stripe's docs give as the header that supersedes Stripe-Account for Accounts v2.
 */
export function actingFor(accountId: string): { stripeAccount: string } | { stripeContext: string } {
  return getConnectedAccountsApi() === "v2" ? { stripeContext: accountId } : { stripeAccount: accountId };
}
