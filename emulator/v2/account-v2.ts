/**
 * Accounts v2 over the one account store: a v2 account is the same `AccountRecord` a v1 one is, with the v2-only
 * facts (applied configurations, locales, closed) in `rec.v2`. `renderV2Account` answers v2's shape; v1's
 * `renderAccount` keeps answering for the same record, and v1-created accounts read through v2 show the
 * configurations their capabilities amount to.
 */
import type Stripe from "stripe";
import {
  accountStatus,
  givenString,
  statementDescriptor,
  type AccountRecord,
  type AccountStatus,
} from "../account-model";
import type { AccountInput } from "../accounts";
import { now } from "../ids";
import type { JsonObject, JsonValue } from "../json";
import { isJsonObject } from "../json";
import { overlayGiven } from "../schema/echo-params";
import type { State } from "../state";

export type Configuration = "customer" | "merchant" | "recipient";
export const CONFIGURATIONS: readonly Configuration[] = ["customer", "merchant", "recipient"];
export const INCLUDES = [
  "configuration.customer",
  "configuration.merchant",
  "configuration.recipient",
  "defaults",
  "future_requirements",
  "identity",
  "requirements",
] as const;
export type Include = (typeof INCLUDES)[number];

/** v2 merchant capability → the v1 capability it is (the rest share their name). */
const MERCHANT_TO_V1: Record<string, string> = { ach_debit_payments: "us_bank_account_ach_payments" };
const V1_TO_MERCHANT: Record<string, string> = { us_bank_account_ach_payments: "ach_debit_payments" };
/** v1 capabilities that are not merchant capabilities in v2. */
const NOT_MERCHANT = new Set([
  "transfers",
  "tax_reporting_us_1099_k",
  "tax_reporting_us_1099_misc",
  "treasury",
  "card_issuing",
  "legacy_payments",
  "bank_transfer_payments",
]);

export function iso(unix: number): string {
  return new Date(unix * 1000).toISOString();
}

/** The configurations applied: v2's record, or what a v1 account's capabilities amount to. */
export function appliedConfigurations(rec: AccountRecord): Configuration[] {
  if (rec.v2) return CONFIGURATIONS.filter((c) => rec.v2?.configurations[c]);
  const out: Configuration[] = [];
  const requested = Object.entries(rec.capabilities).filter(([, c]) => c.requested);
  if (requested.some(([n]) => !NOT_MERCHANT.has(n))) out.push("merchant");
  if (requested.some(([n]) => n === "transfers")) out.push("recipient");
  return out;
}

type CapabilityStatus = { status: string; status_details: JsonObject[] };

/** A requested capability's v2 status, moving with the account's onboarding exactly as its v1 status does. */
function capabilityStatus(rec: AccountRecord, s: AccountStatus): CapabilityStatus {
  if (rec.rejected)
    return {
      status: "rejected",
      status_details: [
        {
          code: rec.rejected === "rejected.fraud" ? "rejected_fraud" : "rejected_other",
          resolution: "contact_stripe",
        },
      ],
    };
  if (s.capability === "active") return { status: "active", status_details: [] };
  if (s.capability === "inactive")
    return {
      status: "restricted",
      status_details: [{ code: "requirements_past_due", resolution: "provide_info" }],
    };
  return {
    status: "pending",
    status_details: [{ code: "requirements_pending_verification", resolution: "no_resolution" }],
  };
}

function merchantCapabilities(rec: AccountRecord, s: AccountStatus): JsonObject {
  const out: JsonObject = {};
  for (const [name, cap] of Object.entries(rec.capabilities)) {
    if (!cap.requested || NOT_MERCHANT.has(name)) continue;
    out[V1_TO_MERCHANT[name] ?? name] = capabilityStatus(rec, s);
  }
  return out;
}

/** Every capability status, keyed `configuration.capability` (what `capability_status_updated` compares). */
export function capabilityStatuses(rec: AccountRecord): Record<string, string> {
  const s = accountStatus(rec);
  const applied = appliedConfigurations(rec);
  const out: Record<string, string> = {};
  if (applied.includes("merchant"))
    for (const [name, c] of Object.entries(merchantCapabilities(rec, s)))
      if (isJsonObject(c) && typeof c.status === "string") out[`merchant.${name}`] = c.status;
  if (applied.includes("recipient") && rec.capabilities.transfers?.requested)
    out["recipient.stripe_balance.stripe_transfers"] = capabilityStatus(rec, s).status;
  return out;
}

function str(o: JsonObject, key: string): string | undefined {
  const v = o[key];
  return typeof v === "string" && v !== "" ? v : undefined;
}

function obj(o: JsonObject, key: string): JsonObject {
  const v = o[key];
  return isJsonObject(v) ? v : {};
}

function defined(o: Record<string, JsonValue | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}

function v2Address(a: JsonObject, country: string): JsonObject | undefined {
  if (!str(a, "line1") && !str(a, "city") && !str(a, "postal_code")) return undefined;
  return defined({
    city: str(a, "city"),
    country: (str(a, "country") ?? country).toLowerCase(),
    line1: str(a, "line1"),
    line2: str(a, "line2"),
    postal_code: str(a, "postal_code"),
    state: str(a, "state"),
    town: str(a, "town"),
  });
}

/** v1 requirement id → the v2 field it asks for. */
function v2Requirement(field: string): string {
  const direct: Record<string, string> = {
    business_type: "identity.entity_type",
    "business_profile.mcc": "configuration.merchant.mcc",
    "business_profile.url": "defaults.profile.business_url",
    external_account: "configuration.recipient.default_outbound_destination",
    "tos_acceptance.date": "identity.attestations.terms_of_service.account.date",
    "tos_acceptance.ip": "identity.attestations.terms_of_service.account.ip",
    "individual.first_name": "identity.individual.given_name",
    "individual.last_name": "identity.individual.surname",
    "individual.ssn_last_4": "identity.individual.id_numbers",
    "individual.id_number": "identity.individual.id_numbers",
    "individual.verification.document": "identity.individual.documents.primary_verification",
    "company.name": "identity.business_details.registered_name",
    "company.tax_id": "identity.business_details.id_numbers",
    "company.verification.document": "identity.business_details.documents.primary_verification",
  };
  const hit = direct[field];
  if (hit) return hit;
  if (field.startsWith("individual.dob."))
    return `identity.individual.date_of_birth.${field.slice("individual.dob.".length)}`;
  if (field.startsWith("individual.")) return `identity.individual.${field.slice("individual.".length)}`;
  if (field.startsWith("company.")) return `identity.business_details.${field.slice("company.".length)}`;
  return field;
}

function restricted(rec: AccountRecord): { capability: string; configuration: Configuration }[] {
  const applied = appliedConfigurations(rec);
  const out: { capability: string; configuration: Configuration }[] = [];
  if (applied.includes("merchant"))
    for (const [name, cap] of Object.entries(rec.capabilities))
      if (cap.requested && !NOT_MERCHANT.has(name))
        out.push({ capability: V1_TO_MERCHANT[name] ?? name, configuration: "merchant" });
  if (applied.includes("recipient") && rec.capabilities.transfers?.requested)
    out.push({ capability: "stripe_balance.stripe_transfers", configuration: "recipient" });
  return out;
}

function requirements(rec: AccountRecord, s: AccountStatus): JsonObject {
  const caps = restricted(rec);
  const entries = s.currently_due.map((field) => {
    const status = s.past_due.includes(field) ? "past_due" : "currently_due";
    return {
      awaiting_action_from: "user",
      description: v2Requirement(field),
      errors: [],
      impact: {
        restricts_capabilities: caps.map((c) => ({ ...c, deadline: { status } })),
      },
      minimum_deadline: { status },
      requested_reasons: [{ code: "routine_onboarding" }],
    };
  });
  const worst = s.past_due.length > 0 ? "past_due" : s.currently_due.length > 0 ? "currently_due" : null;
  return {
    entries,
    summary: worst
      ? { minimum_deadline: { status: worst, ...(rec.deadline_passed ? { time: iso(rec.created) } : {}) } }
      : {},
  };
}

function responsibilities(rec: AccountRecord): JsonObject {
  const c = rec.controller;
  return {
    fees_collector: c.fees_payer === "account" ? "stripe" : c.fees_payer,
    losses_collector: c.losses_payments,
    requirements_collector: c.requirement_collection,
  };
}

function identity(rec: AccountRecord): JsonObject {
  const bt = rec.business_type;
  const tosAccount = rec.tos.date
    ? defined({
        date: iso(rec.tos.date),
        ip: rec.tos.ip ?? undefined,
        user_agent: rec.tos.user_agent ?? undefined,
      })
    : undefined;
  const out: JsonObject = {
    attestations: tosAccount ? { terms_of_service: { account: tosAccount } } : {},
    country: rec.country.toLowerCase(),
  };
  if (bt) out.entity_type = bt;
  if (bt && bt !== "individual") {
    const c = rec.company;
    out.business_details = defined({
      address: v2Address(obj(c, "address"), rec.country),
      id_numbers: str(c, "tax_id") ? [{ type: `${rec.country.toLowerCase()}_ein` }] : undefined,
      phone: str(c, "phone"),
      registered_name: str(c, "name"),
      structure: str(c, "structure"),
    });
  }
  if (bt === "individual") {
    const i = rec.individual;
    const dob = obj(i, "dob");
    const day = Number(dob.day);
    const month = Number(dob.month);
    const year = Number(dob.year);
    out.individual = defined({
      account: rec.id,
      address: v2Address(obj(i, "address"), rec.country),
      created: iso(rec.created),
      date_of_birth: day && month && year ? { day, month, year } : undefined,
      email: str(i, "email"),
      given_name: str(i, "first_name"),
      id: rec.person_id,
      id_numbers:
        str(i, "id_number") || str(i, "ssn_last_4")
          ? [{ type: str(i, "id_number") ? "us_ssn" : "us_ssn_last_4" }]
          : undefined,
      object: "v2.core.account_person",
      phone: str(i, "phone"),
      surname: str(i, "last_name"),
      updated: iso(rec.created),
    });
  }
  return out;
}

/** A stored setting of the one record (v1's `settings[...]`, kept as given), by dotted path. */
function setting(rec: AccountRecord, path: string): JsonValue | undefined {
  let cur: JsonValue | undefined = rec.given.settings;
  for (const key of path.split(".")) cur = isJsonObject(cur) ? cur[key] : undefined;
  return cur;
}

function settingString(rec: AccountRecord, path: string): string | undefined {
  const v = setting(rec, path);
  return typeof v === "string" && v !== "" ? v : undefined;
}

function settingBoolean(rec: AccountRecord, path: string, fallback: boolean): boolean {
  const v = setting(rec, path);
  return typeof v === "boolean" ? v : fallback;
}

/** v1's settings and business profile as the merchant configuration shows them (one store, two views). */
function merchant(rec: AccountRecord, s: AccountStatus): JsonObject {
  const bp = rec.business_profile;
  const support = defined({
    address: v2Address(obj(bp, "support_address"), rec.country),
    email: str(bp, "support_email"),
    phone: str(bp, "support_phone"),
    url: str(bp, "support_url"),
  });
  const branding = defined({
    icon: settingString(rec, "branding.icon"),
    logo: settingString(rec, "branding.logo"),
    primary_color: settingString(rec, "branding.primary_color"),
    secondary_color: settingString(rec, "branding.secondary_color"),
  });
  const descriptor = defined({
    descriptor: statementDescriptor(rec) ?? undefined,
    prefix: settingString(rec, "card_payments.statement_descriptor_prefix"),
  });
  const bacs = settingString(rec, "bacs_debit_payments.display_name");
  const creditor = settingString(rec, "sepa_debit_payments.creditor_id");
  return defined({
    applied: true,
    capabilities: merchantCapabilities(rec, s),
    card_payments: {
      decline_on: {
        avs_failure: settingBoolean(rec, "card_payments.decline_on.avs_failure", false),
        cvc_failure: settingBoolean(rec, "card_payments.decline_on.cvc_failure", true),
      },
    },
    mcc: str(bp, "mcc"),
    statement_descriptor: Object.keys(descriptor).length > 0 ? descriptor : undefined,
    branding: Object.keys(branding).length > 0 ? branding : undefined,
    bacs_debit_payments: bacs ? { display_name: bacs } : undefined,
    sepa_debit_payments: creditor ? { creditor_id: creditor } : undefined,
    support: Object.keys(support).length > 0 ? support : undefined,
  });
}

function recipient(rec: AccountRecord, s: AccountStatus): JsonObject {
  return {
    applied: true,
    capabilities: rec.capabilities.transfers?.requested
      ? { stripe_balance: { stripe_transfers: capabilityStatus(rec, s) } }
      : {},
  };
}

/** The v2 Account: fields that depend on `include` are null unless included, as v2 answers. */
export function renderV2Account(rec: AccountRecord, include: readonly string[] = []): JsonObject {
  const s = accountStatus(rec);
  const applied = appliedConfigurations(rec);
  const configs = CONFIGURATIONS.filter((c) => include.includes(`configuration.${c}`));
  const configuration: JsonObject | null =
    configs.length === 0
      ? null
      : Object.fromEntries(
          CONFIGURATIONS.map((c): [string, JsonValue] => {
            if (!configs.includes(c) || !applied.includes(c)) return [c, null];
            if (c === "merchant") return [c, merchant(rec, s)];
            if (c === "recipient") return [c, recipient(rec, s)];
            return [c, { applied: true, capabilities: {} }];
          }),
        );
  const bp = rec.business_profile;
  const account: JsonObject = {
    id: rec.id,
    object: "v2.core.account",
    applied_configurations: applied,
    closed: rec.v2?.closed ?? false,
    configuration,
    contact_email: rec.email,
    created: iso(rec.created),
    dashboard: rec.controller.dashboard,
    defaults: include.includes("defaults")
      ? {
          currency: rec.default_currency,
          locales: rec.v2?.locales ?? ["en-US"],
          profile: defined({
            business_url: str(bp, "url"),
            doing_business_as: str(bp, "name"),
            product_description: str(bp, "product_description"),
          }),
          responsibilities: responsibilities(rec),
        }
      : null,
    display_name: givenString(rec.given, "settings.dashboard.display_name") ?? str(bp, "name") ?? null,
    future_requirements: include.includes("future_requirements") ? { entries: [], summary: {} } : null,
    identity: include.includes("identity") ? identity(rec) : null,
    livemode: false,
    metadata: rec.metadata,
    requirements: include.includes("requirements") ? requirements(rec, s) : null,
  };
  return overlayGiven("V2.Core.Account", account, shownSections(rec.v2?.given ?? {}, account));
}

/** The given params under sections the answer includes (v2 answers the others as null). */
function shownSections(given: JsonObject, account: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(given)) {
    const shown = account[k];
    if (shown === null) continue;
    if (k === "configuration" && isJsonObject(v) && isJsonObject(shown)) {
      const configs: JsonObject = {};
      for (const [c, x] of Object.entries(v)) if (isJsonObject(shown[c])) configs[c] = x;
      out[k] = configs;
    } else out[k] = v;
  }
  return out;
}

type CreateParams = Stripe.V2.Core.AccountCreateParams;
type UpdateParams = Stripe.V2.Core.AccountUpdateParams;

function address(
  a:
    | {
        line1?: string;
        line2?: string;
        city?: string;
        postal_code?: string;
        state?: string;
        country?: string;
        town?: string;
      }
    | undefined,
): JsonObject | undefined {
  if (!a) return undefined;
  // `town` has no v1 field: kept in the one store for the v2 view.
  return defined({
    line1: a.line1,
    line2: a.line2,
    city: a.city,
    postal_code: a.postal_code,
    state: a.state,
    country: a.country?.toUpperCase(),
    town: a.town,
  });
}

/**
 * The v2 params `v2Input` translates into the one record v1 also answers from: the v2 view renders them from it, so
 * the generic echo (`v2.given`, for what v1 has no place for) leaves them out.
 */
export const V2_TRANSLATED: readonly string[] = [
  "contact_email",
  "display_name",
  "metadata",
  "dashboard",
  "defaults.currency",
  "defaults.locales",
  "defaults.profile.business_url",
  "defaults.profile.doing_business_as",
  "defaults.profile.product_description",
  "defaults.responsibilities",
  "identity.country",
  "identity.entity_type",
  "identity.attestations.terms_of_service.account",
  "identity.business_details.registered_name",
  "identity.business_details.phone",
  "identity.business_details.structure",
  "identity.business_details.address",
  "identity.individual.given_name",
  "identity.individual.surname",
  "identity.individual.email",
  "identity.individual.phone",
  "identity.individual.date_of_birth",
  "identity.individual.address",
  "configuration.customer.applied",
  "configuration.merchant.applied",
  "configuration.recipient.applied",
  "configuration.merchant.capabilities",
  "configuration.recipient.capabilities",
  "configuration.merchant.mcc",
  "configuration.merchant.support.email",
  "configuration.merchant.support.phone",
  "configuration.merchant.support.url",
  "configuration.merchant.support.address",
  "configuration.merchant.statement_descriptor",
  "configuration.merchant.branding",
  "configuration.merchant.card_payments.decline_on",
  "configuration.merchant.bacs_debit_payments.display_name",
  "configuration.merchant.sepa_debit_payments.creditor_id",
];

/** A v2 create/update body as the v1 record's input (the one store), plus what only v2 keeps. */
export function v2Input(p: CreateParams | UpdateParams): {
  input: AccountInput;
  configurations: Partial<Record<Configuration, boolean>>;
  locales?: string[];
} {
  const input: AccountInput = {};
  const capabilities: Record<string, { requested?: boolean }> = {};
  const configurations: Partial<Record<Configuration, boolean>> = {};
  if (p.contact_email !== undefined) input.email = p.contact_email;
  // v1's settings as the one store keeps them (v1 shows them back; the v2 view reads them).
  const settings: JsonObject = {};
  if (p.display_name !== undefined) settings.dashboard = { display_name: p.display_name };
  if (p.metadata) {
    const m: Record<string, string> = {};
    for (const [k, v] of Object.entries(p.metadata)) m[k] = v === null ? "" : String(v);
    input.metadata = m;
  }
  const d = p.defaults;
  if (d?.currency) input.default_currency = d.currency;
  const profile = d?.profile;
  if (profile)
    input.business_profile = defined({
      url: profile.business_url,
      name: profile.doing_business_as,
      product_description: profile.product_description,
    });
  const id = p.identity;
  if (id?.entity_type) input.business_type = id.entity_type as AccountInput["business_type"];
  const bd = id?.business_details;
  if (bd)
    input.company = defined({
      name: bd.registered_name,
      phone: bd.phone,
      address: address(bd.address),
      tax_id: bd.id_numbers?.[0]?.value,
      structure: bd.structure,
    });
  const ind = id?.individual;
  if (ind) {
    const idNumber = ind.id_numbers?.[0]?.value;
    input.individual = defined({
      first_name: ind.given_name,
      last_name: ind.surname,
      email: ind.email,
      phone: ind.phone,
      address: address(ind.address),
      dob: ind.date_of_birth
        ? { day: ind.date_of_birth.day, month: ind.date_of_birth.month, year: ind.date_of_birth.year }
        : undefined,
      id_number: idNumber,
      ssn_last_4: idNumber?.slice(-4),
    });
  }
  const tos = id?.attestations?.terms_of_service?.account;
  if (tos)
    input.tos_acceptance = defined({
      date: tos.date ? Math.floor(Date.parse(tos.date) / 1000) : now(),
      ip: tos.ip,
      user_agent: tos.user_agent,
    }) as AccountInput["tos_acceptance"];
  const m = p.configuration?.merchant;
  if (m) {
    configurations.merchant = "applied" in m && typeof m.applied === "boolean" ? m.applied : true;
    for (const [name, cap] of Object.entries(m.capabilities ?? {}))
      if (cap) capabilities[MERCHANT_TO_V1[name] ?? name] = { requested: cap.requested };
    if (m.mcc) input.business_profile = { ...(input.business_profile ?? {}), mcc: m.mcc };
    if (m.support)
      input.business_profile = {
        ...(input.business_profile ?? {}),
        ...defined({
          support_email: m.support.email,
          support_phone: m.support.phone,
          support_url: m.support.url,
          support_address: address(m.support.address),
        }),
      };
    const descriptor = m.statement_descriptor;
    if (descriptor?.descriptor) settings.payments = { statement_descriptor: descriptor.descriptor };
    if (m.branding)
      settings.branding = defined({
        icon: m.branding.icon,
        logo: m.branding.logo,
        primary_color: m.branding.primary_color,
        secondary_color: m.branding.secondary_color,
      });
    const declineOn = m.card_payments?.decline_on;
    if (declineOn || descriptor?.prefix)
      settings.card_payments = defined({
        decline_on: declineOn
          ? defined({ avs_failure: declineOn.avs_failure, cvc_failure: declineOn.cvc_failure })
          : undefined,
        statement_descriptor_prefix: descriptor?.prefix,
      });
    if (m.bacs_debit_payments?.display_name)
      settings.bacs_debit_payments = { display_name: m.bacs_debit_payments.display_name };
    if (m.sepa_debit_payments?.creditor_id)
      settings.sepa_debit_payments = { creditor_id: m.sepa_debit_payments.creditor_id };
  }
  const r = p.configuration?.recipient;
  if (r) {
    configurations.recipient = "applied" in r && typeof r.applied === "boolean" ? r.applied : true;
    const t = r.capabilities?.stripe_balance?.stripe_transfers;
    if (t) capabilities.transfers = { requested: t.requested };
  }
  const c = p.configuration?.customer;
  if (c) configurations.customer = "applied" in c && typeof c.applied === "boolean" ? c.applied : true;
  if (Object.keys(capabilities).length > 0) input.capabilities = capabilities;
  if (Object.keys(settings).length > 0) input.given = { settings };
  return { input, configurations, ...(d?.locales ? { locales: d.locales } : {}) };
}

/** v2's `defaults.responsibilities` + `dashboard` as the record's controller. */
export function v2Controller(
  dashboard: "express" | "full" | "none" | undefined,
  r: { fees_collector?: string; losses_collector?: string } | undefined,
): AccountRecord["controller"] {
  const dash = dashboard ?? "full";
  const losses = r?.losses_collector === "application" ? "application" : "stripe";
  const fees = r?.fees_collector;
  const feesPayer: AccountRecord["controller"]["fees_payer"] =
    fees === "application" || fees === "application_custom" || fees === "application_express"
      ? fees
      : "account";
  return {
    fees_payer: feesPayer,
    losses_payments: losses,
    requirement_collection: dash === "none" && losses === "application" ? "application" : "stripe",
    dashboard: dash,
    is_platform_controlled: !(dash === "full" && feesPayer === "account" && losses === "stripe"),
  };
}

/** What the v2 account events compare: each includable section and every capability status. */
export type V2Snapshot = { whole: string; sections: Record<string, string>; caps: Record<string, string> };

const SECTIONS: readonly Include[] = [
  "identity",
  "defaults",
  "requirements",
  "configuration.customer",
  "configuration.merchant",
  "configuration.recipient",
];

export function v2Snapshot(rec: AccountRecord): V2Snapshot {
  const full = renderV2Account(rec, INCLUDES);
  const configuration = isJsonObject(full.configuration) ? full.configuration : {};
  const sections: Record<string, string> = {};
  for (const s of SECTIONS) {
    const value = s.startsWith("configuration.") ? configuration[s.slice("configuration.".length)] : full[s];
    sections[s] = JSON.stringify(value ?? null);
  }
  return { whole: JSON.stringify(full), sections, caps: capabilityStatuses(rec) };
}

export function accountRelated(rec: AccountRecord, include?: Include) {
  return {
    id: rec.id,
    type: "v2.core.account",
    url: `/v2/core/accounts/${rec.id}${include ? `?include=${include}` : ""}`,
  };
}

/**
 * The v2 events an account change makes, as Stripe emits them for every account (v1-created ones too):
 * `v2.core.account.updated`, `v2.core.account[<section>].updated` per changed section, and
 * `v2.core.account[configuration.<c>].capability_status_updated` per capability whose status moved.
 */
export function emitV2AccountChanges(state: State, rec: AccountRecord, before: V2Snapshot): void {
  if (rec.id === state.platform.id) return;
  const after = v2Snapshot(rec);
  if (after.whole === before.whole) return;
  state.emitThin("v2.core.account.updated", { related: accountRelated(rec) });
  for (const s of SECTIONS)
    if (after.sections[s] !== before.sections[s])
      state.emitThin(`v2.core.account[${s}].updated`, { related: accountRelated(rec, s) });
  for (const [key, status] of Object.entries(after.caps)) {
    if (before.caps[key] === status) continue;
    const dot = key.indexOf(".");
    const configuration = key.slice(0, dot);
    state.emitThin(`v2.core.account[configuration.${configuration}].capability_status_updated`, {
      related: accountRelated(rec, `configuration.${configuration}` as Include),
      data: { updated_capability: key.slice(dot + 1) },
    });
  }
}
