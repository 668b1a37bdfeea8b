import "server-only";
import { sql, type Kysely, type Transaction } from "kysely";
import type Stripe from "stripe";
import { getDb } from "../db";
import type { AccountStatus, DB } from "../db/schema";
import { isV2Account, v2AccountFacts, type V2Account } from "./v2-account-facts";

/** A connected account as either API returns it: v1's `account`, or Accounts v2's read with `V2_ACCOUNT_INCLUDE`. */
export type AnyAccount = Stripe.Account | V2Account;

export interface AccountRequirements {
  currentlyDue: string[];
  pastDue: string[];
  eventuallyDue: string[];
  disabledReason: string | null;
  errors: { requirement: string; reason: string }[];
}

/** What a read-only view of the account shows, kept from the account object (no secrets: bank accounts by last 4). */
export interface AccountProfile {
  businessType: string | null;
  /** The company's legal name, or the individual's name. */
  legalName: string | null;
  businessProfile: {
    name: string | null;
    url: string | null;
    supportEmail: string | null;
    supportPhone: string | null;
    productDescription: string | null;
    mcc: string | null;
  };
  statementDescriptor: string | null;
  payoutSchedule: {
    interval: string;
    delayDays: number | null;
    weeklyAnchor: string | null;
    monthlyAnchor: number | null;
  } | null;
  externalAccounts: {
    id: string;
    kind: "bank_account" | "card";
    /** The bank's name, or the card's brand. */
    name: string | null;
    last4: string;
    currency: string | null;
    country: string | null;
    defaultForCurrency: boolean;
    status: string | null;
  }[];
}

const emptyProfile: AccountProfile = {
  businessType: null,
  legalName: null,
  businessProfile: {
    name: null,
    url: null,
    supportEmail: null,
    supportPhone: null,
    productDescription: null,
    mcc: null,
  },
  statementDescriptor: null,
  payoutSchedule: null,
  externalAccounts: [],
};

function profileOf(account: Stripe.Account): AccountProfile {
  const bp = account.business_profile;
  const person = account.individual;
  const personName = [person?.first_name, person?.last_name].filter(Boolean).join(" ") || null;
  const schedule = account.settings?.payouts?.schedule;
  return {
    businessType: account.business_type ?? null,
    legalName: account.company?.name ?? personName,
    businessProfile: {
      name: bp?.name ?? null,
      url: bp?.url ?? null,
      supportEmail: bp?.support_email ?? null,
      supportPhone: bp?.support_phone ?? null,
      productDescription: bp?.product_description ?? null,
      mcc: bp?.mcc ?? null,
    },
    statementDescriptor: account.settings?.payments?.statement_descriptor ?? null,
    payoutSchedule: schedule
      ? {
          interval: schedule.interval,
          delayDays: schedule.delay_days ?? null,
          weeklyAnchor: schedule.weekly_anchor ?? null,
          monthlyAnchor: schedule.monthly_anchor ?? null,
        }
      : null,
    externalAccounts: (account.external_accounts?.data ?? []).map((external) =>
      external.object === "bank_account"
        ? {
            id: external.id,
            kind: "bank_account" as const,
            name: external.bank_name ?? null,
            last4: external.last4,
            currency: external.currency ?? null,
            country: external.country ?? null,
            defaultForCurrency: external.default_for_currency === true,
            status: external.status ?? null,
          }
        : {
            id: external.id,
            kind: "card" as const,
            name: external.brand ?? null,
            last4: external.last4,
            currency: external.currency ?? null,
            country: external.country ?? null,
            defaultForCurrency: external.default_for_currency === true,
            status: external.status ?? null,
          },
    ),
  };
}

function profileOfV2(account: V2Account): AccountProfile {
  const identity = account.identity;
  const merchant = account.configuration?.merchant;
  const profile = account.defaults?.profile;
  const personName = [identity?.individual?.given_name, identity?.individual?.surname]
    .filter(Boolean)
    .join(" ");
  return {
    ...emptyProfile,
    businessType: identity?.entity_type ?? null,
    legalName: identity?.business_details?.registered_name ?? (personName || null),
    businessProfile: {
      name: account.display_name ?? profile?.doing_business_as ?? null,
      url: profile?.business_url ?? null,
      supportEmail: merchant?.support?.email ?? null,
      supportPhone: merchant?.support?.phone ?? null,
      productDescription: profile?.product_description ?? null,
      mcc: merchant?.mcc ?? null,
    },
    statementDescriptor: merchant?.statement_descriptor?.descriptor ?? null,
  };
}

export interface MirroredAccount {
  id: string;
  tenantId: string | null;
  businessName: string | null;
  email: string | null;
  country: string | null;
  defaultCurrency: string | null;
  created: number;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  status: AccountStatus;
  requirementCollection: string | null;
  dashboardType: string | null;
  capabilities: Record<string, string>;
  requirements: AccountRequirements;
  profile: AccountProfile;
  deauthorized: boolean;
  stripeUpdatedAt: number;
  syncedAt: number;
}

/** enabled / onboarding / restricted / rejected, as the console and the dashboard present an account. */
export function deriveAccountStatus(account: {
  charges_enabled: boolean;
  payouts_enabled: boolean;
  details_submitted: boolean;
  requirements?: { past_due?: string[] | null; disabled_reason?: string | null } | null;
}): AccountStatus {
  const reason = account.requirements?.disabled_reason ?? null;
  if (reason?.startsWith("rejected")) return "rejected";
  // A new account's first requirements are already past due: until its details are submitted it is onboarding.
  if (!account.details_submitted) return "onboarding";
  if ((account.requirements?.past_due?.length ?? 0) > 0) return "restricted";
  if (account.charges_enabled && account.payouts_enabled) return "enabled";
  if (account.details_submitted && reason) return "restricted";
  return "onboarding";
}

type Executor = Kysely<DB> | Transaction<DB>;

function rowFromV2Account(account: V2Account, versionMs: number, tenantId: string | null) {
  const facts = v2AccountFacts(account);
  const storedRequirements: AccountRequirements = {
    currentlyDue: facts.currentlyDue,
    pastDue: facts.pastDue,
    eventuallyDue: facts.eventuallyDue,
    disabledReason: facts.disabledReason,
    errors: facts.errors,
  };
  return {
    id: account.id,
    tenant_id: tenantId,
    business_name: facts.businessName,
    email: facts.email,
    country: facts.country,
    default_currency: facts.defaultCurrency,
    created: facts.createdMs,
    charges_enabled: facts.chargesEnabled ? 1 : 0,
    payouts_enabled: facts.payoutsEnabled ? 1 : 0,
    details_submitted: facts.detailsSubmitted ? 1 : 0,
    currently_due_count: facts.currentlyDue.length,
    past_due_count: facts.pastDue.length,
    eventually_due_count: facts.eventuallyDue.length,
    disabled_reason: facts.disabledReason,
    status: deriveAccountStatus({
      charges_enabled: facts.chargesEnabled,
      payouts_enabled: facts.payoutsEnabled,
      details_submitted: facts.detailsSubmitted,
      requirements: { past_due: facts.pastDue, disabled_reason: facts.disabledReason },
    }),
    requirement_collection: facts.requirementCollection,
    dashboard_type: facts.dashboardType,
    fees_payer: facts.feesPayer,
    losses_payments: facts.lossesPayments,
    capabilities: JSON.stringify(facts.capabilities),
    requirements: JSON.stringify(storedRequirements),
    profile: JSON.stringify(profileOfV2(account)),
    // A closed v2 account can no longer be operated on: it is shown as disconnected.
    deauthorized: facts.closed ? 1 : 0,
    stripe_updated_at: versionMs,
    synced_at: Date.now(),
  };
}

function rowFromAccount(account: AnyAccount, versionMs: number, tenantId: string | null) {
  if (isV2Account(account)) return rowFromV2Account(account, versionMs, tenantId);
  const requirements = account.requirements;
  const capabilities = Object.fromEntries(
    Object.entries(account.capabilities ?? {}).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string",
    ),
  );
  const storedRequirements: AccountRequirements = {
    currentlyDue: requirements?.currently_due ?? [],
    pastDue: requirements?.past_due ?? [],
    eventuallyDue: requirements?.eventually_due ?? [],
    disabledReason: requirements?.disabled_reason ?? null,
    errors: (requirements?.errors ?? []).map((e) => ({ requirement: e.requirement, reason: e.reason })),
  };
  const now = Date.now();
  return {
    id: account.id,
    tenant_id: tenantId,
    business_name: account.business_profile?.name ?? account.company?.name ?? null,
    email: account.email ?? null,
    country: account.country ?? null,
    default_currency: account.default_currency ?? null,
    created: (account.created ?? 0) * 1000,
    charges_enabled: account.charges_enabled ? 1 : 0,
    payouts_enabled: account.payouts_enabled ? 1 : 0,
    details_submitted: account.details_submitted ? 1 : 0,
    currently_due_count: storedRequirements.currentlyDue.length,
    past_due_count: storedRequirements.pastDue.length,
    eventually_due_count: storedRequirements.eventuallyDue.length,
    disabled_reason: storedRequirements.disabledReason,
    status: deriveAccountStatus(account),
    requirement_collection: account.controller?.requirement_collection ?? null,
    dashboard_type: account.controller?.stripe_dashboard?.type ?? account.type ?? null,
    fees_payer: account.controller?.fees?.payer ?? null,
    losses_payments: account.controller?.losses?.payments ?? null,
    capabilities: JSON.stringify(capabilities),
    requirements: JSON.stringify(storedRequirements),
    profile: JSON.stringify(profileOf(account)),
    deauthorized: 0,
    stripe_updated_at: versionMs,
    synced_at: now,
  };
}

/**
 * Stores an account's state as of `versionMs` (an event's `created`, or the time of a fetch). A version older than
 * the one held never overwrites it, so out-of-order webhooks and a slow backfill cannot roll state back.
 * Returns true when the row changed.
 */
export async function upsertMirroredAccount(
  account: AnyAccount,
  versionMs: number,
  options: { tenantId?: string | null; db?: Executor } = {},
): Promise<boolean> {
  const changed = await upsertMirroredAccounts(
    [{ account, tenantId: options.tenantId ?? null }],
    versionMs,
    options.db,
  );
  return changed > 0;
}

/**
 * `upsertMirroredAccount` for a page of accounts in one statement (the backfill's hot path), with the same rule:
 * a row holding a newer version keeps it. Returns how many rows were inserted or updated.
 */
export async function upsertMirroredAccounts(
  accounts: readonly { account: AnyAccount; tenantId: string | null }[],
  versionMs: number,
  db: Executor = getDb(),
): Promise<number> {
  const rows = accounts.map(({ account, tenantId }) => rowFromAccount(account, versionMs, tenantId));
  const first = rows[0];
  if (!first) return 0;
  const { id: _id, tenant_id: _tenant, ...columns } = first;
  const updates = Object.fromEntries(
    Object.keys(columns).map((column) => [column, sql.ref(`excluded.${column}`)]),
  );
  const result = await db
    .insertInto("stripe_accounts")
    .values(rows)
    .onConflict((oc) =>
      oc
        .column("id")
        .doUpdateSet({
          ...updates,
          tenant_id: sql<string | null>`coalesce(excluded.tenant_id, stripe_accounts.tenant_id)`,
        })
        .where("stripe_accounts.stripe_updated_at", "<=", versionMs),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export async function markAccountDeauthorized(accountId: string, versionMs: number): Promise<void> {
  await getDb()
    .updateTable("stripe_accounts")
    .set({ deauthorized: 1, stripe_updated_at: versionMs, synced_at: Date.now() })
    .where("id", "=", accountId)
    .where("stripe_updated_at", "<=", versionMs)
    .execute();
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** What the Account Session plan needs of an account, and nothing more (the account-session route's hot path). */
export interface AccountPlanFacts {
  requirementCollection: string | null;
  capabilities: Record<string, string>;
  deauthorized: boolean;
}

export async function getAccountPlanFacts(
  accountId: string,
  db: Executor = getDb(),
): Promise<AccountPlanFacts | null> {
  const row = await db
    .selectFrom("stripe_accounts")
    .select(["requirement_collection", "capabilities", "deauthorized"])
    .where("id", "=", accountId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    requirementCollection: row.requirement_collection,
    capabilities: parseJson<Record<string, string>>(row.capabilities, {}),
    deauthorized: row.deauthorized === 1,
  };
}

export async function getMirroredAccount(
  accountId: string,
  db: Executor = getDb(),
): Promise<MirroredAccount | null> {
  const row = await db
    .selectFrom("stripe_accounts")
    .selectAll()
    .where("id", "=", accountId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    tenantId: row.tenant_id,
    businessName: row.business_name,
    email: row.email,
    country: row.country,
    defaultCurrency: row.default_currency,
    created: Number(row.created),
    chargesEnabled: row.charges_enabled === 1,
    payoutsEnabled: row.payouts_enabled === 1,
    detailsSubmitted: row.details_submitted === 1,
    status: row.status,
    requirementCollection: row.requirement_collection,
    dashboardType: row.dashboard_type,
    capabilities: parseJson<Record<string, string>>(row.capabilities, {}),
    requirements: parseJson<AccountRequirements>(row.requirements, {
      currentlyDue: [],
      pastDue: [],
      eventuallyDue: [],
      disabledReason: null,
      errors: [],
    }),
    profile: { ...emptyProfile, ...parseJson<Partial<AccountProfile>>(row.profile, {}) },
    deauthorized: row.deauthorized === 1,
    stripeUpdatedAt: Number(row.stripe_updated_at),
    syncedAt: Number(row.synced_at),
  };
}
