import type { JsonObject, JsonValue } from "./json";
import { isJsonObject } from "./json";
import type { BankAccount } from "./objects";
import { emptyAddress, list } from "./objects";
import { overlayGiven } from "./schema/echo-params";

export type DashboardType = "express" | "full" | "none";
export type LegacyType = "standard" | "express" | "custom" | "none";
export type ForcedState = "enabled" | "onboarding" | "restricted" | "rejected";

/** Compact internal record; the full Stripe Account is rendered on demand (100k accounts must stay cheap). */
export type AccountRecord = {
  id: string;
  created: number;
  country: string;
  email: string | null;
  default_currency: string;
  business_type: "individual" | "company" | "non_profit" | "government_entity" | null;
  business_profile: JsonObject;
  company: JsonObject;
  individual: JsonObject;
  controller: {
    fees_payer: "account" | "application" | "application_custom" | "application_express";
    losses_payments: "application" | "stripe";
    requirement_collection: "application" | "stripe";
    dashboard: DashboardType;
    is_platform_controlled: boolean;
  };
  type: LegacyType;
  capabilities: Record<string, { requested: boolean; requested_at: number | null }>;
  metadata: Record<string, string>;
  tos: { date: number | null; ip: string | null; user_agent: string | null };
  external_accounts: BankAccount[];
  payout_schedule: { interval: string; delay_days: number; weekly_anchor?: string; monthly_anchor?: number };
  /**
   * Params the account only shows back (`settings[...]`, `groups`, …), kept as given (see
   * `schema/echo-params.ts`); `business_profile`, `company` and `individual` have their own stores above because
   * requirements read them.
   */
  given: JsonObject;
  /** Extra requirements added after onboarding (e.g. a verification document). */
  extra_due: string[];
  deadline_passed: boolean;
  rejected: string | null;
  details_submitted: boolean;
  person_id: string;
  /** Set for accounts created through Accounts v2 (see emulator/v2/account-v2.ts); v1 accounts derive it. */
  v2?: V2Facts;
};

/** What Accounts v2 keeps about an account that v1's record has no place for. */
export type V2Facts = {
  configurations: { customer: boolean; merchant: boolean; recipient: boolean };
  locales: string[];
  closed: boolean;
  /** v2 params v1's record has no place for, kept as given and shown back by the v2 view. */
  given?: JsonObject;
};

export const CAPABILITY_NAMES = [
  "card_payments",
  "transfers",
  "us_bank_account_ach_payments",
  "link_payments",
  "tax_reporting_us_1099_k",
  "tax_reporting_us_1099_misc",
  "bank_transfer_payments",
  "sepa_debit_payments",
  "bancontact_payments",
  "ideal_payments",
  "klarna_payments",
  "afterpay_clearpay_payments",
  "acss_debit_payments",
  "affirm_payments",
  "cashapp_payments",
  "amazon_pay_payments",
  "treasury",
  "card_issuing",
  "legacy_payments",
] as const;

function get(obj: JsonObject, path: string): JsonValue | undefined {
  let cur: JsonValue | undefined = obj;
  for (const part of path.split(".")) {
    if (!isJsonObject(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}
function has(obj: JsonObject, path: string): boolean {
  const v = get(obj, path);
  return v !== undefined && v !== null && v !== "";
}

const INDIVIDUAL_FIELDS = [
  "first_name",
  "last_name",
  "dob.day",
  "dob.month",
  "dob.year",
  "address.line1",
  "address.city",
  "address.postal_code",
  "address.state",
  "email",
  "phone",
];
const COMPANY_FIELDS = [
  "name",
  "tax_id",
  "phone",
  "address.line1",
  "address.city",
  "address.postal_code",
  "address.state",
];

/** Requirement ids still missing from the data, in Stripe's dotted notation. */
export function missingRequirements(rec: AccountRecord): string[] {
  const out: string[] = [];
  if (!rec.business_type) out.push("business_type");
  if (!has(rec.business_profile, "mcc")) out.push("business_profile.mcc");
  if (!has(rec.business_profile, "url") && !has(rec.business_profile, "product_description"))
    out.push("business_profile.url");
  if (rec.business_type === "individual") {
    for (const f of INDIVIDUAL_FIELDS) if (!has(rec.individual, f)) out.push(`individual.${f}`);
    if (rec.country === "US" && !has(rec.individual, "ssn_last_4") && !has(rec.individual, "id_number"))
      out.push("individual.ssn_last_4");
  } else if (rec.business_type) {
    for (const f of COMPANY_FIELDS) if (!has(rec.company, f)) out.push(`company.${f}`);
  }
  if (rec.external_accounts.length === 0) out.push("external_account");
  if (!rec.tos.date) out.push("tos_acceptance.date");
  if (!rec.tos.ip) out.push("tos_acceptance.ip");
  for (const f of rec.extra_due) if (!out.includes(f)) out.push(f);
  return out;
}

/** Clears extra requirements once the data for them arrives (documents are accepted on sight). */
export function settleExtraDue(rec: AccountRecord): void {
  rec.extra_due = rec.extra_due.filter((f) => {
    const [root, ...rest] = f.split(".");
    const obj = root === "individual" ? rec.individual : root === "company" ? rec.company : undefined;
    if (!obj) return true;
    const path = rest.join(".");
    return !(has(obj, path) || has(obj, `${path}.front`));
  });
  if (rec.extra_due.length === 0) rec.deadline_passed = false;
}

export type AccountStatus = {
  currently_due: string[];
  past_due: string[];
  eventually_due: string[];
  disabled_reason: string | null;
  charges_enabled: boolean;
  payouts_enabled: boolean;
  capability: "active" | "inactive" | "pending";
};

export function accountStatus(rec: AccountRecord): AccountStatus {
  if (rec.rejected) {
    return {
      currently_due: [],
      past_due: [],
      eventually_due: [],
      disabled_reason: rec.rejected,
      charges_enabled: false,
      payouts_enabled: false,
      capability: "inactive",
    };
  }
  const due = missingRequirements(rec);
  // Before onboarding everything is needed now; after it, only a passed deadline restricts the account.
  const pastDue = !rec.details_submitted || rec.deadline_passed ? due : [];
  const enabled = due.length === 0;
  return {
    currently_due: due,
    past_due: pastDue,
    eventually_due: due,
    disabled_reason: pastDue.length > 0 ? "requirements.past_due" : null,
    charges_enabled: enabled || (rec.details_submitted && pastDue.length === 0),
    payouts_enabled: enabled,
    capability: enabled ? "active" : pastDue.length > 0 ? "inactive" : "pending",
  };
}

function requirementsObject(s: AccountStatus, deadline: number | null): JsonObject {
  return {
    alternatives: [],
    current_deadline: s.currently_due.length > 0 ? deadline : null,
    currently_due: s.currently_due,
    disabled_reason: s.disabled_reason,
    errors: [],
    eventually_due: s.eventually_due,
    past_due: s.past_due,
    pending_verification: [],
  };
}

const emptyRequirements = (): JsonObject => ({
  alternatives: [],
  current_deadline: null,
  currently_due: [],
  disabled_reason: null,
  errors: [],
  eventually_due: [],
  past_due: [],
  pending_verification: [],
});

/** A stored param as a string (what the v2 view and the charge descriptor read). */
export function givenString(obj: JsonObject, path: string): string | null {
  const v = get(obj, path);
  return typeof v === "string" && v !== "" ? v : null;
}

/** The account's one modelled person: the individual of an individual account (its representative). */
export function renderPerson(rec: AccountRecord, s: AccountStatus = accountStatus(rec)): JsonObject {
  const ind = rec.individual;
  const due = (prefix: string, list: string[]) =>
    list.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length));
  const person: JsonObject = {
    id: rec.person_id,
    object: "person",
    account: rec.id,
    address: { ...emptyAddress() },
    created: rec.created,
    dob: { day: null, month: null, year: null },
    email: null,
    first_name: null,
    last_name: null,
    id_number_provided: has(ind, "id_number"),
    metadata: {},
    phone: null,
    relationship: {
      authorizer: false,
      director: false,
      executive: false,
      legal_guardian: false,
      owner: false,
      percent_ownership: null,
      representative: true,
      title: null,
    },
    requirements: {
      alternatives: [],
      currently_due: due("individual.", s.currently_due),
      errors: [],
      eventually_due: due("individual.", s.eventually_due),
      past_due: due("individual.", s.past_due),
      pending_verification: [],
    },
    ssn_last_4_provided: has(ind, "ssn_last_4") || has(ind, "id_number"),
    verification: {
      additional_document: { back: null, details: null, details_code: null, front: null },
      details: null,
      details_code: null,
      document: { back: null, details: null, details_code: null, front: null },
      status: s.currently_due.some((f) => f.startsWith("individual.")) ? "unverified" : "verified",
    },
  };
  // Everything given for the individual that a person has (names, addresses, dob, relationship, documents…).
  return overlayGiven("Person", person, ind);
}

function renderCompany(rec: AccountRecord): JsonObject {
  return {
    address: { ...emptyAddress() },
    directors_provided: true,
    executives_provided: true,
    name: null,
    owners_provided: true,
    phone: null,
    // `structure` is absent until given: the enum is not nullable.
    tax_id_provided: has(rec.company, "tax_id"),
    verification: { document: { back: null, details: null, details_code: null, front: null } },
  };
}

export function controllerObject(rec: AccountRecord): JsonObject {
  const c = rec.controller;
  return {
    fees: { payer: c.fees_payer },
    is_controller: true,
    losses: { payments: c.losses_payments },
    requirement_collection: c.requirement_collection,
    stripe_dashboard: { type: c.dashboard },
    type: c.is_platform_controlled ? "application" : "account",
  };
}

/**
 * The Stripe Account object with every field of the pinned version (see emulator/schema): what behaviour decides
 * (status, requirements, capabilities, controller, schedule) rendered here, every other field its default unless a
 * param gave it (the stores `business_profile`, `company`, `given`, and `individual` in `renderPerson`).
 */
export function renderAccount(rec: AccountRecord): JsonObject {
  const s = accountStatus(rec);
  const capabilities: JsonObject = {};
  for (const [name, cap] of Object.entries(rec.capabilities)) {
    if (cap.requested) capabilities[name] = s.capability;
  }
  const account: JsonObject = {
    id: rec.id,
    object: "account",
    business_profile: {
      annual_revenue: null,
      estimated_worker_count: null,
      mcc: null,
      minority_owned_business_designation: null,
      name: null,
      product_description: null,
      specified_commercial_transactions_act_url: null,
      support_address: null,
      support_email: null,
      support_phone: null,
      support_url: null,
      url: null,
    },
    business_type: rec.business_type,
    capabilities,
    charges_enabled: s.charges_enabled,
    controller: controllerObject(rec),
    country: rec.country,
    created: rec.created,
    default_currency: rec.default_currency,
    details_submitted: rec.details_submitted,
    email: rec.email,
    external_accounts: list<JsonValue>(rec.external_accounts, `/v1/accounts/${rec.id}/external_accounts`),
    future_requirements: emptyRequirements(),
    metadata: rec.metadata,
    payouts_enabled: s.payouts_enabled,
    requirements: requirementsObject(s, rec.deadline_passed ? rec.created : null),
    settings: {
      bacs_debit_payments: { display_name: null, service_user_number: null },
      branding: { icon: null, logo: null, primary_color: null, secondary_color: null },
      card_issuing: { tos_acceptance: { date: null, ip: null } },
      card_payments: {
        decline_on: { avs_failure: false, cvc_failure: true },
        statement_descriptor_prefix: null,
        statement_descriptor_prefix_kana: null,
        statement_descriptor_prefix_kanji: null,
      },
      dashboard: { display_name: givenString(rec.business_profile, "name"), timezone: "Etc/UTC" },
      invoices: { default_account_tax_ids: null, hosted_payment_method_save: "offer" },
      payments: {
        statement_descriptor: null,
        statement_descriptor_kana: null,
        statement_descriptor_kanji: null,
        statement_descriptor_prefix_kana: null,
        statement_descriptor_prefix_kanji: null,
      },
      payouts: {
        debit_negative_balances: true,
        schedule: {
          delay_days: rec.payout_schedule.delay_days,
          interval: rec.payout_schedule.interval,
          ...(rec.payout_schedule.weekly_anchor ? { weekly_anchor: rec.payout_schedule.weekly_anchor } : {}),
          ...(rec.payout_schedule.monthly_anchor
            ? { monthly_anchor: rec.payout_schedule.monthly_anchor }
            : {}),
        },
        statement_descriptor: null,
      },
      sepa_debit_payments: {},
    },
    tos_acceptance: { date: rec.tos.date, ip: rec.tos.ip, user_agent: rec.tos.user_agent },
    type: rec.type,
  };
  // Stripe shows company/individual for accounts the platform manages and has data for.
  if (rec.business_type === "individual") account.individual = renderPerson(rec, s);
  else if (rec.business_type) account.company = renderCompany(rec);
  return overlayGiven("Account", account, {
    ...rec.given,
    business_profile: rec.business_profile,
    ...(account.company ? { company: rec.company } : {}),
  });
}

/** `settings[payments][statement_descriptor]` as given (charges show it), or null. */
export function statementDescriptor(rec: AccountRecord): string | null {
  return givenString(rec.given, "settings.payments.statement_descriptor");
}

/** Maps a legacy `type` onto controller properties, as Stripe documents. */
export function controllerForType(type: "standard" | "express" | "custom"): AccountRecord["controller"] {
  switch (type) {
    case "standard":
      return {
        fees_payer: "account",
        losses_payments: "stripe",
        requirement_collection: "stripe",
        dashboard: "full",
        is_platform_controlled: false,
      };
    case "express":
      return {
        fees_payer: "application_express",
        losses_payments: "application",
        requirement_collection: "stripe",
        dashboard: "express",
        is_platform_controlled: true,
      };
    case "custom":
      return {
        fees_payer: "application_custom",
        losses_payments: "application",
        requirement_collection: "application",
        dashboard: "none",
        is_platform_controlled: true,
      };
  }
}

/** The legacy `type` Stripe reports for a controller configuration. */
export function typeForController(c: AccountRecord["controller"]): LegacyType {
  if (c.dashboard === "full" && c.losses_payments === "stripe") return "standard";
  if (c.dashboard === "express" && c.requirement_collection === "stripe") return "express";
  if (c.dashboard === "none" && c.requirement_collection === "application") return "custom";
  return "none";
}

/**
 * A capability's `requirements.disabled_reason` has its own vocabulary: the account's reason (e.g.
 * `requirements.past_due`, `rejected.fraud`) becomes the capability's nearest one.
 */
export function capabilityDisabledReason(accountReason: string | null): string | null {
  if (accountReason === null) return null;
  if (accountReason.startsWith("requirements.")) return "requirements.fields_needed";
  if (accountReason === "under_review") return "pending.review";
  if (accountReason === "platform_paused") return "platform_paused";
  if (["rejected.inactivity", "rejected.other", "rejected.unsupported_business"].includes(accountReason))
    return accountReason;
  if (accountReason.startsWith("rejected.") || accountReason === "listed") return "rejected.other";
  return "other";
}

export function capabilityObject(rec: AccountRecord, name: string): JsonObject {
  const s = accountStatus(rec);
  const cap = rec.capabilities[name];
  const req = {
    ...requirementsObject(s, null),
    disabled_reason: capabilityDisabledReason(s.disabled_reason),
  };
  return {
    account: rec.id,
    future_requirements: emptyRequirements(),
    id: name,
    object: "capability",
    requested: cap?.requested ?? false,
    requested_at: cap?.requested_at ?? null,
    requirements: req,
    status: cap?.requested ? s.capability : "inactive",
  };
}

export function deepMerge(target: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = { ...target };
  for (const [k, v] of Object.entries(patch)) {
    const cur = out[k];
    out[k] = isJsonObject(v) && isJsonObject(cur) ? deepMerge(cur, v) : v;
  }
  return out;
}
