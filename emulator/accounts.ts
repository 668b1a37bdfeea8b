import {
  accountStatus,
  controllerForType,
  deepMerge,
  renderAccount,
  settleExtraDue,
  typeForController,
  type AccountRecord,
  type ForcedState,
} from "./account-model";
import { invalid } from "./errors";
import { newId, now } from "./ids";
import type { JsonObject } from "./json";
import { isJsonObject } from "./json";
import { addBankAccount, type BankInput } from "./payouts";
import type { State } from "./state";
import { mergeGiven } from "./schema/echo-params";
import { emitV2AccountChanges, v2Snapshot } from "./v2/account-v2";

export type AccountInput = {
  business_type?: AccountRecord["business_type"];
  business_profile?: JsonObject;
  company?: JsonObject;
  individual?: JsonObject;
  email?: string;
  default_currency?: string;
  metadata?: Record<string, string>;
  capabilities?: Record<string, { requested?: boolean }>;
  external_account?: BankInput | string;
  tos_acceptance?: { date?: number; ip?: string; user_agent?: string; accepted?: boolean };
  /** The schedule automatic payouts run on; the rest of `settings` is only shown back (`given`). */
  payout_schedule?: {
    interval?: string;
    delay_days?: number | "minimum";
    weekly_anchor?: string;
    monthly_anchor?: number;
  };
  /** Params the account only shows back (`echoParams("Account", …)`), merged into `rec.given`. */
  given?: JsonObject;
};

export function newAccountRecord(p: {
  id?: string;
  created?: number;
  country?: string;
  controller: AccountRecord["controller"];
  type?: AccountRecord["type"];
}): AccountRecord {
  const created = p.created ?? now();
  const country = (p.country ?? "US").toUpperCase();
  return {
    id: p.id ?? newId("acct", 16),
    created,
    country,
    email: null,
    default_currency: currencyFor(country),
    business_type: null,
    business_profile: {},
    company: {},
    individual: {},
    controller: p.controller,
    type: p.type ?? typeForController(p.controller),
    capabilities: {},
    metadata: {},
    tos: { date: null, ip: null, user_agent: null },
    external_accounts: [],
    payout_schedule: { interval: "daily", delay_days: 2 },
    given: {},
    extra_due: [],
    deadline_passed: false,
    rejected: null,
    details_submitted: false,
    person_id: newId("person", 16),
  };
}

export function currencyFor(country: string): string {
  const map: Record<string, string> = {
    US: "usd",
    GB: "gbp",
    CA: "cad",
    AU: "aud",
    JP: "jpy",
    CH: "chf",
    NZ: "nzd",
    SG: "sgd",
  };
  return map[country] ?? "eur";
}

/** Writes provided data into the record (no events; see `mutateAccount`). */
export function applyAccountInput(rec: AccountRecord, p: AccountInput): void {
  // First: a bank account Stripe's test numbers refuse fails the request before anything else changes.
  if (p.external_account !== undefined) addBankAccount(rec, p.external_account, true);
  if (p.business_type !== undefined) rec.business_type = p.business_type;
  // Kept as given, as Stripe's updates merge them: sub-hashes merge, "" unsets.
  if (p.business_profile) rec.business_profile = mergeGiven(rec.business_profile, p.business_profile);
  if (p.company) rec.company = mergeGiven(rec.company, p.company);
  if (p.individual) rec.individual = mergeGiven(rec.individual, p.individual);
  if (p.given) rec.given = mergeGiven(rec.given, p.given);
  if (p.email !== undefined) rec.email = p.email || null;
  if (p.default_currency) rec.default_currency = p.default_currency.toLowerCase();
  if (p.metadata) {
    for (const [k, v] of Object.entries(p.metadata)) {
      if (v === "") delete rec.metadata[k];
      else rec.metadata[k] = v;
    }
  }
  if (p.capabilities) {
    for (const [name, cap] of Object.entries(p.capabilities)) {
      const requested = cap.requested ?? true;
      rec.capabilities[name] = { requested, requested_at: requested ? now() : null };
    }
  }
  if (p.tos_acceptance) {
    const t = p.tos_acceptance;
    rec.tos = {
      date: t.date ?? (t.accepted ? now() : rec.tos.date),
      ip: t.ip ?? (t.accepted ? "127.0.0.1" : rec.tos.ip),
      user_agent: t.user_agent ?? rec.tos.user_agent,
    };
  }
  const sch = p.payout_schedule;
  if (sch) {
    rec.payout_schedule = {
      interval: sch.interval ?? rec.payout_schedule.interval,
      delay_days:
        typeof sch.delay_days === "number"
          ? sch.delay_days
          : sch.delay_days === "minimum"
            ? 2
            : rec.payout_schedule.delay_days,
      ...(sch.weekly_anchor ? { weekly_anchor: sch.weekly_anchor } : {}),
      ...(sch.monthly_anchor ? { monthly_anchor: sch.monthly_anchor } : {}),
    };
  }
  settleExtraDue(rec);
  // Onboarding is "submitted" once the terms are accepted; Stripe then reviews what is still missing.
  if (rec.tos.date && rec.tos.ip) rec.details_submitted = true;
}

function changed(before: JsonObject, after: JsonObject): JsonObject {
  const prev: JsonObject = {};
  for (const [k, v] of Object.entries(before)) {
    if (JSON.stringify(v) !== JSON.stringify(after[k])) prev[k] = v;
  }
  return prev;
}

/** Runs a change on an account and emits `account.updated` / `capability.updated` as Stripe would. */
export function mutateAccount(state: State, rec: AccountRecord, change: () => void): JsonObject {
  const v2Before = state.muted ? undefined : v2Snapshot(rec);
  const before = renderAccount(rec);
  const capsBefore = isJsonObject(before.capabilities) ? { ...before.capabilities } : {};
  change();
  const after = renderAccount(rec);
  const prev = changed(before, after);
  state.dirty = true;
  if (v2Before) emitV2AccountChanges(state, rec, v2Before);
  if (Object.keys(prev).length > 0 && rec.id !== state.platform.id) {
    state.emit(rec.id, "account.updated", after, prev);
    const capsAfter = isJsonObject(after.capabilities) ? after.capabilities : {};
    for (const [name, status] of Object.entries(capsAfter)) {
      if (capsBefore[name] !== status) {
        state.emit(
          rec.id,
          "capability.updated",
          {
            ...capabilityEventObject(rec, name),
          },
          { status: capsBefore[name] ?? "inactive" },
        );
      }
    }
  }
  return after;
}

function capabilityEventObject(rec: AccountRecord, name: string): JsonObject {
  const s = accountStatus(rec);
  return {
    account: rec.id,
    id: name,
    object: "capability",
    requested: rec.capabilities[name]?.requested ?? false,
    requested_at: rec.capabilities[name]?.requested_at ?? null,
    status: s.capability,
  };
}

/**
 * A plausible business address and phone number per country, shown as is by the account's pages. Not Stripe's
 * verification tokens (`address_full_match`, `+10000000000`): the sandbox verifies without them, and a token reads as
 * a broken address to anyone looking at the account. Phone numbers are from ranges reserved for fiction. Each has a
 * state or region: the sandbox asks for `address.state` in every country, and a sample must leave nothing due.
 */
const sampleContacts: Record<string, { address: JsonObject; phone: string }> = {
  US: {
    address: {
      line1: "548 Market Street",
      line2: "Suite 200",
      city: "San Francisco",
      state: "CA",
      postal_code: "94104",
    },
    phone: "+14155550142",
  },
  CA: {
    address: { line1: "220 King Street West", city: "Toronto", state: "ON", postal_code: "M5H 1K4" },
    phone: "+14165550142",
  },
  GB: {
    address: {
      line1: "14 Clerkenwell Road",
      city: "London",
      state: "Greater London",
      postal_code: "EC1M 5PQ",
    },
    phone: "+442079460142",
  },
  FR: {
    address: { line1: "18 rue de la Roquette", city: "Paris", state: "Île-de-France", postal_code: "75011" },
    phone: "+33199000142",
  },
  DE: {
    address: { line1: "Torstraße 107", city: "Berlin", state: "Berlin", postal_code: "10119" },
    phone: "+4930233142",
  },
  AU: {
    address: { line1: "80 George Street", city: "Sydney", state: "NSW", postal_code: "2000" },
    phone: "+61255500142",
  },
};

function sampleContact(country: string): { address: JsonObject; phone: string } {
  const known = sampleContacts[country];
  if (known) return { address: { ...known.address, country }, phone: known.phone };
  // Another country: a generic street in it, with the US sample's (fictional) number.
  return {
    address: {
      line1: "12 High Street",
      city: "Capital City",
      state: "Central",
      postal_code: "10001",
      country,
    },
    phone: "+14155550142",
  };
}

/** The business's website, from its name (`example.com` and the names under it are reserved for examples). */
function sampleWebsite(name: string): string {
  const label = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return label ? `https://${label}.example.com` : "https://www.example.com";
}

/** Provides realistic test data for everything still missing (used by seeding, forced states and onboarding). */
export function fillTestData(rec: AccountRecord): void {
  const contact = sampleContact(rec.country);
  const given = rec.business_profile.name;
  const businessName = typeof given === "string" && given ? given : `Business ${rec.id.slice(-6)}`;
  const input: AccountInput = {
    business_type: rec.business_type ?? "individual",
    business_profile: {
      mcc: "5734",
      url: sampleWebsite(businessName),
      product_description: "Software and services",
      ...(rec.business_profile.name ? {} : { name: businessName }),
    },
    tos_acceptance: { date: rec.tos.date ?? now(), ip: rec.tos.ip ?? "127.0.0.1" },
  };
  const bt = input.business_type;
  if (bt === "individual") {
    input.individual = deepMerge(
      {
        first_name: "Jenny",
        last_name: "Rosen",
        dob: { day: 1, month: 1, year: 1990 },
        address: contact.address,
        email: rec.email ?? "jenny.rosen@example.com",
        phone: contact.phone,
        ssn_last_4: "0000",
        id_number: "000000000",
      },
      rec.individual,
    );
  } else {
    input.company = deepMerge(
      {
        name: String(rec.business_profile.name ?? `Company ${rec.id.slice(-6)}`),
        tax_id: "000000000",
        phone: contact.phone,
        address: contact.address,
      },
      rec.company,
    );
  }
  applyAccountInput(rec, input);
  if (rec.external_accounts.length === 0) {
    addBankAccount(rec, {
      country: rec.country,
      currency: rec.default_currency,
      routing_number: "110000000",
      account_number: "000123456789",
      account_holder_name: "Jenny Rosen",
      account_holder_type: "individual",
    });
  }
  for (const name of ["card_payments", "transfers"]) {
    if (!rec.capabilities[name]) rec.capabilities[name] = { requested: true, requested_at: rec.created };
  }
}

/** Puts an account in one of the states dashboards care about. */
export function forceState(rec: AccountRecord, state: ForcedState): void {
  rec.rejected = null;
  rec.extra_due = [];
  rec.deadline_passed = false;
  switch (state) {
    case "enabled":
      fillTestData(rec);
      rec.details_submitted = true;
      break;
    case "onboarding":
      rec.tos = { date: null, ip: null, user_agent: null };
      rec.external_accounts = [];
      rec.individual = {};
      rec.company = {};
      rec.details_submitted = false;
      break;
    case "restricted":
      fillTestData(rec);
      rec.details_submitted = true;
      rec.extra_due = [
        rec.business_type === "individual"
          ? "individual.verification.document"
          : "company.verification.document",
      ];
      if (rec.business_type === "individual" && isJsonObject(rec.individual.verification))
        delete rec.individual.verification;
      if (rec.business_type !== "individual" && isJsonObject(rec.company.verification))
        delete rec.company.verification;
      rec.deadline_passed = true;
      break;
    case "rejected":
      fillTestData(rec);
      rec.details_submitted = true;
      rec.rejected = "rejected.fraud";
      break;
  }
}

export function controllerFromParams(
  type: "standard" | "express" | "custom" | undefined,
  controller:
    | {
        fees?: { payer?: "account" | "application" };
        losses?: { payments?: "application" | "stripe" };
        requirement_collection?: "application" | "stripe";
        stripe_dashboard?: { type?: "express" | "full" | "none" };
      }
    | undefined,
  hasCapabilities: boolean,
): { controller: AccountRecord["controller"]; type: AccountRecord["type"] } {
  if (type && controller) throw invalid("You cannot specify both `type` and `controller`.", "controller");
  if (type) return { controller: controllerForType(type), type };
  const c = controller ?? {};
  const losses = c.losses?.payments ?? "stripe";
  const payer = c.fees?.payer ?? (losses === "application" ? "application" : "account");
  const dashboard = c.stripe_dashboard?.type ?? "full";
  const collection = c.requirement_collection ?? "stripe";
  if (losses === "application" && payer !== "application")
    throw invalid(
      "`controller[losses][payments]=application` requires `controller[fees][payer]=application`.",
      "controller[fees][payer]",
    );
  if (collection === "application" && dashboard !== "none")
    throw invalid(
      "`controller[requirement_collection]=application` is only supported with `controller[stripe_dashboard][type]=none`.",
      "controller[requirement_collection]",
    );
  if (dashboard === "none" && !hasCapabilities)
    throw invalid(
      "You must request capabilities when `controller[stripe_dashboard][type]` is `none`.",
      "capabilities",
    );
  if (dashboard === "express" && collection === "application")
    throw invalid(
      "Express dashboard accounts require `controller[requirement_collection]=stripe`.",
      "controller[requirement_collection]",
    );
  const rec: AccountRecord["controller"] = {
    fees_payer: payer,
    losses_payments: losses,
    requirement_collection: collection,
    dashboard,
    is_platform_controlled: !(dashboard === "full" && payer === "account" && losses === "stripe"),
  };
  return { controller: rec, type: typeForController(rec) };
}
