import type Stripe from "stripe";

/**
 * What the accounts mirror keeps of an Accounts v2 account, in the mirror's (v1-shaped) vocabulary, so the console,
 * the dashboard and the Account Session plan read one row whichever API the platform uses. Pure: unit-tested.
 *
 * The v2 object answers its sections only when asked (`include`): `V2_ACCOUNT_INCLUDE` is what every read for the
 * mirror asks for. Mapping:
 * - capabilities: merchant capabilities keep their names (`card_payments`…); the recipient's
 *   `stripe_balance.stripe_transfers` is `transfers`; v2 statuses become v1's (active, pending, inactive);
 * - charges enabled = merchant `card_payments` active; payouts enabled = `stripe_balance.payouts` active where Stripe
 *   reports it, otherwise (no payouts capability shown) the account's money-moving capability is active;
 * - requirements: entries past due → past_due; currently or past due → currently_due; all → eventually_due (v1's
 *   nesting), keyed by the entry's `description` (a v2 field path, put into words by lib/accounts/requirements.ts);
 * - details submitted (v2 has no such flag) = the terms of service are attested — onboarding's last step, after
 *   which v1 keeps `details_submitted` true even when new requirements come due — or nothing awaits the user now;
 * - disabled reason: from the first non-active capability's status detail (`rejected_fraud` → `rejected.fraud`…);
 * - responsibilities: `requirements_collector` → requirement collection, `fees_collector` → fees payer
 *   (`stripe` = the account pays), `losses_collector` → losses; `dashboard` → dashboard type.
 */

export type V2Account = Stripe.V2.Core.Account;

export const V2_ACCOUNT_INCLUDE: Stripe.V2.Core.AccountRetrieveParams.Include[] = [
  "configuration.merchant",
  "configuration.recipient",
  "defaults",
  "identity",
  "requirements",
];

interface CapabilityLike {
  status: string;
  status_details?: { code: string }[] | null;
}

function v1Status(status: string): string {
  if (status === "active") return "active";
  if (status === "pending") return "pending";
  return "inactive";
}

function isCapability(value: unknown): value is CapabilityLike {
  return (
    typeof value === "object" && value !== null && typeof (value as { status?: unknown }).status === "string"
  );
}

/** Merchant and recipient capabilities, flattened to v1 names. */
export function v2Capabilities(account: V2Account): Record<string, CapabilityLike> {
  const out: Record<string, CapabilityLike> = {};
  const merchant = account.configuration?.merchant?.capabilities ?? {};
  for (const [name, value] of Object.entries(merchant)) {
    if (name === "stripe_balance") continue;
    if (isCapability(value))
      out[name === "ach_debit_payments" ? "us_bank_account_ach_payments" : name] = value;
  }
  const transfers = account.configuration?.recipient?.capabilities?.stripe_balance?.stripe_transfers;
  if (transfers) out.transfers = transfers;
  return out;
}

function payoutsCapability(account: V2Account): CapabilityLike | null {
  return (
    account.configuration?.merchant?.capabilities?.stripe_balance?.payouts ??
    account.configuration?.recipient?.capabilities?.stripe_balance?.payouts ??
    null
  );
}

/** `rejected_fraud` → `rejected.fraud`, the v1 `disabled_reason` the console already explains. */
function disabledReasonOf(capabilities: CapabilityLike[]): string | null {
  for (const capability of capabilities) {
    if (capability.status === "active") continue;
    const code = capability.status_details?.[0]?.code;
    if (!code) continue;
    if (code.startsWith("rejected_")) return `rejected.${code.slice("rejected_".length)}`;
    if (code.startsWith("requirements_")) return `requirements.${code.slice("requirements_".length)}`;
    if (code === "determining_status") return "under_review";
    return "other";
  }
  return null;
}

export interface V2AccountFacts {
  businessName: string | null;
  email: string | null;
  country: string | null;
  defaultCurrency: string | null;
  createdMs: number;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  currentlyDue: string[];
  pastDue: string[];
  eventuallyDue: string[];
  disabledReason: string | null;
  errors: { requirement: string; reason: string }[];
  requirementCollection: string | null;
  dashboardType: string | null;
  feesPayer: string | null;
  lossesPayments: string | null;
  capabilities: Record<string, string>;
  closed: boolean;
}

export function v2AccountFacts(account: V2Account): V2AccountFacts {
  const capabilities = v2Capabilities(account);
  const entries = account.requirements?.entries ?? [];
  const pastDue = entries.filter((e) => e.minimum_deadline.status === "past_due").map((e) => e.description);
  const currentlyDue = entries
    .filter((e) => e.minimum_deadline.status !== "eventually_due")
    .map((e) => e.description);
  const awaitingUser = entries.some(
    (e) => e.awaiting_action_from === "user" && e.minimum_deadline.status !== "eventually_due",
  );
  const cardPayments = capabilities.card_payments;
  const moneyMoving = cardPayments ?? capabilities.transfers;
  const payouts = payoutsCapability(account);
  const responsibilities = account.defaults?.responsibilities;
  const feesCollector = responsibilities?.fees_collector ?? null;
  const identity = account.identity;
  const individualName = [identity?.individual?.given_name, identity?.individual?.surname]
    .filter(Boolean)
    .join(" ");
  return {
    businessName:
      account.display_name ??
      account.defaults?.profile?.doing_business_as ??
      identity?.business_details?.registered_name ??
      (individualName || null),
    email: account.contact_email ?? null,
    country: identity?.country ? identity.country.toUpperCase() : null,
    defaultCurrency: account.defaults?.currency ?? null,
    createdMs: Date.parse(account.created) || 0,
    chargesEnabled: cardPayments?.status === "active",
    payoutsEnabled: payouts ? payouts.status === "active" : moneyMoving?.status === "active",
    detailsSubmitted: Boolean(identity?.attestations?.terms_of_service?.account?.date) || !awaitingUser,
    currentlyDue,
    pastDue,
    eventuallyDue: entries.map((e) => e.description),
    disabledReason: disabledReasonOf(Object.values(capabilities)),
    errors: entries.flatMap((e) =>
      e.errors.map((error) => ({ requirement: e.description, reason: error.code })),
    ),
    requirementCollection: responsibilities?.requirements_collector ?? null,
    dashboardType: account.dashboard ?? null,
    feesPayer: feesCollector === null ? null : feesCollector === "stripe" ? "account" : "application",
    lossesPayments: responsibilities?.losses_collector ?? null,
    capabilities: Object.fromEntries(Object.entries(capabilities).map(([n, c]) => [n, v1Status(c.status)])),
    closed: account.closed === true,
  };
}

export function isV2Account(account: { object: string }): account is V2Account {
  return account.object === "v2.core.account";
}
