import { z } from "zod";
import {
  CAPABILITY_NAMES,
  capabilityObject,
  renderAccount,
  renderPerson,
  type AccountRecord,
} from "../account-model";
import {
  applyAccountInput,
  controllerFromParams,
  mutateAccount,
  newAccountRecord,
  type AccountInput,
} from "../accounts";
import { invalid, missing, StripeError } from "../errors";
import { now, randomChars } from "../ids";
import { toJsonObject, type JsonObject, type JsonValue } from "../json";
import { inRange, listCollection } from "../list";
import { list } from "../objects";
import {
  listParams,
  zAddress,
  parseParams,
  zArr,
  zBool,
  zEnum,
  zExpand,
  zInt,
  zMetadata,
  zRange,
  zStr,
} from "../params";
import { addBankAccount } from "../payouts";
import type { ApiRequest, Router } from "../router";

const zDoc = z.strictObject({ front: zStr.optional(), back: zStr.optional() });
const zVerification = z.strictObject({ document: zDoc.optional(), additional_document: zDoc.optional() });
export const zPayoutInterval = zEnum(["manual", "daily", "weekly", "monthly"]);
export const zWeeklyAnchor = zEnum([
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
]);
export const zIndividual = z.strictObject({
  first_name: zStr.optional(),
  last_name: zStr.optional(),
  maiden_name: zStr.optional(),
  email: zStr.optional(),
  phone: zStr.optional(),
  gender: zStr.optional(),
  dob: z.union([z.literal(""), z.strictObject({ day: zInt, month: zInt, year: zInt })]).optional(),
  address: zAddress.optional(),
  ssn_last_4: zStr.optional(),
  id_number: zStr.optional(),
  political_exposure: zEnum(["existing", "none"]).optional(),
  verification: zVerification.optional(),
  metadata: zMetadata.optional(),
});
export const zCompany = z.strictObject({
  name: zStr.optional(),
  phone: zStr.optional(),
  tax_id: zStr.optional(),
  vat_id: zStr.optional(),
  registration_number: zStr.optional(),
  structure: zStr.optional(),
  address: zAddress.optional(),
  owners_provided: zBool.optional(),
  directors_provided: zBool.optional(),
  executives_provided: zBool.optional(),
  verification: zVerification.optional(),
});
export const zBusinessProfile = z.strictObject({
  mcc: zStr.optional(),
  name: zStr.optional(),
  url: zStr.optional(),
  product_description: zStr.optional(),
  support_email: zStr.optional(),
  support_phone: zStr.optional(),
  support_url: zStr.optional(),
  support_address: zAddress.optional(),
  estimated_worker_count: zInt.optional(),
  minority_owned_business_designation: zArr(zStr).optional(),
});
export const zBankAccountInput = z.strictObject({
  object: z.literal("bank_account").optional(),
  country: zStr.optional(),
  currency: zStr.optional(),
  account_holder_name: zStr.optional(),
  account_holder_type: zEnum(["individual", "company"]).optional(),
  routing_number: zStr.optional(),
  account_number: zStr,
});
const zCapabilities = z.record(zStr, z.strictObject({ requested: zBool.optional() }));
const zSettings = z.strictObject({
  payouts: z
    .strictObject({
      schedule: z
        .strictObject({
          interval: zPayoutInterval.optional(),
          delay_days: z.union([z.literal("minimum"), zInt]).optional(),
          weekly_anchor: zWeeklyAnchor.optional(),
          monthly_anchor: zInt.optional(),
        })
        .optional(),
      statement_descriptor: zStr.optional(),
      debit_negative_balances: zBool.optional(),
    })
    .optional(),
  payments: z.strictObject({ statement_descriptor: zStr.optional() }).optional(),
  dashboard: z.strictObject({ display_name: zStr.optional(), timezone: zStr.optional() }).optional(),
  branding: z
    .strictObject({
      primary_color: zStr.optional(),
      secondary_color: zStr.optional(),
      icon: zStr.optional(),
      logo: zStr.optional(),
    })
    .optional(),
  card_payments: z.strictObject({ statement_descriptor_prefix: zStr.optional() }).optional(),
});
const zTos = z.strictObject({
  date: zInt.optional(),
  ip: zStr.optional(),
  user_agent: zStr.optional(),
  service_agreement: zEnum(["full", "recipient"]).optional(),
});
const BUSINESS_TYPES = ["individual", "company", "non_profit", "government_entity"] as const;

const updateShape = {
  business_type: zEnum(BUSINESS_TYPES).optional(),
  business_profile: zBusinessProfile.optional(),
  capabilities: zCapabilities.optional(),
  company: zCompany.optional(),
  individual: zIndividual.optional(),
  default_currency: zStr.optional(),
  email: zStr.optional(),
  external_account: z.union([zStr, zBankAccountInput]).optional(),
  metadata: zMetadata.optional(),
  settings: zSettings.optional(),
  tos_acceptance: zTos.optional(),
  expand: zExpand.optional(),
};
const createSchema = z.strictObject({
  ...updateShape,
  type: zEnum(["standard", "express", "custom"]).optional(),
  country: zStr.optional(),
  controller: z
    .strictObject({
      fees: z.strictObject({ payer: zEnum(["account", "application"]).optional() }).optional(),
      losses: z.strictObject({ payments: zEnum(["application", "stripe"]).optional() }).optional(),
      requirement_collection: zEnum(["application", "stripe"]).optional(),
      stripe_dashboard: z.strictObject({ type: zEnum(["express", "full", "none"]).optional() }).optional(),
    })
    .optional(),
});
const updateSchema = z.strictObject(updateShape);
type UpdateParams = z.output<typeof updateSchema>;

function toInput(p: UpdateParams): AccountInput {
  for (const name of Object.keys(p.capabilities ?? {})) {
    if (!(CAPABILITY_NAMES as readonly string[]).includes(name))
      throw invalid(
        `Received unknown parameter: capabilities[${name}]`,
        `capabilities[${name}]`,
        "parameter_unknown",
      );
  }
  if (p.email !== undefined && p.email !== "" && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(p.email))
    throw invalid(`Invalid email address: ${p.email}`, "email", "email_invalid");
  const { external_account, settings, tos_acceptance, metadata, capabilities } = p;
  return {
    ...(p.business_type !== undefined ? { business_type: p.business_type } : {}),
    ...(p.business_profile ? { business_profile: toJsonObject(p.business_profile) } : {}),
    ...(p.company ? { company: toJsonObject(p.company) } : {}),
    ...(p.individual ? { individual: toJsonObject(p.individual) } : {}),
    ...(p.email !== undefined ? { email: p.email } : {}),
    ...(p.default_currency ? { default_currency: p.default_currency } : {}),
    ...(metadata !== undefined ? { metadata: metadata === "" ? {} : metadata } : {}),
    ...(capabilities ? { capabilities } : {}),
    ...(external_account !== undefined ? { external_account } : {}),
    ...(tos_acceptance ? { tos_acceptance } : {}),
    ...(settings ? { settings } : {}),
  };
}

/** The connected account named in a path, reachable only from the platform (or itself). */
export function connectedAccount(req: ApiRequest, id: string): AccountRecord {
  const { state } = req.ctx;
  const rec = state.account(id);
  if (!rec || (req.onBehalf && id !== req.ctx.accountId)) {
    throw new StripeError(404, {
      type: "invalid_request_error",
      code: "resource_missing",
      param: "account",
      message: `No such account: '${id}'`,
    });
  }
  return rec;
}

export function registerAccountRoutes(r: Router): void {
  r.on("POST", "/v1/accounts", (req) => {
    if (req.onBehalf)
      throw new StripeError(403, {
        type: "invalid_request_error",
        message: "Connected accounts cannot create other accounts.",
      });
    const p = parseParams(createSchema, req.params);
    const { controller, type } = controllerFromParams(
      p.type,
      p.controller,
      Object.keys(p.capabilities ?? {}).length > 0,
    );
    const rec = newAccountRecord({ country: p.country, controller, type });
    applyAccountInput(rec, toInput(p));
    req.ctx.state.accounts.add(rec);
    req.ctx.state.dirty = true;
    return renderAccount(rec);
  });

  r.on("GET", "/v1/accounts", (req) => {
    if (req.onBehalf)
      throw new StripeError(403, {
        type: "invalid_request_error",
        message: "Only the platform can list its connected accounts.",
      });
    const p = parseParams(z.strictObject({ ...listParams, created: zRange.optional() }), req.params);
    const l = listCollection(req.ctx.state.accounts, p, "/v1/accounts", (a) => inRange(a.created, p.created));
    return { ...l, data: l.data.map(renderAccount) };
  });

  r.on("GET", "/v1/account", (req) => {
    parseParams(z.strictObject({ expand: zExpand.optional() }), req.params);
    return renderAccount(connectedAccount(req, req.ctx.accountId));
  });

  r.on("GET", "/v1/accounts/:id", (req) => {
    parseParams(z.strictObject({ expand: zExpand.optional() }), req.params);
    return renderAccount(connectedAccount(req, req.path.id ?? ""));
  });

  r.on("POST", "/v1/accounts/:id", (req) => {
    const rec = connectedAccount(req, req.path.id ?? "");
    const p = parseParams(updateSchema, req.params);
    const input = toInput(p);
    return mutateAccount(req.ctx.state, rec, () => applyAccountInput(rec, input));
  });

  r.on("DELETE", "/v1/accounts/:id", (req) => {
    parseParams(z.strictObject({ expand: zExpand.optional() }), req.params);
    const rec = connectedAccount(req, req.path.id ?? "");
    if (rec.id === req.ctx.state.platform.id) throw invalid("You cannot delete the platform account.");
    req.ctx.state.accounts.delete(rec.id);
    req.ctx.state.dropData(rec.id);
    req.ctx.state.dirty = true;
    return { id: rec.id, object: "account", deleted: true };
  });

  // Capabilities
  r.on("GET", "/v1/accounts/:id/capabilities", (req) => {
    const rec = connectedAccount(req, req.path.id ?? "");
    parseParams(z.strictObject({ expand: zExpand.optional() }), req.params);
    return list(
      Object.keys(rec.capabilities).map((n) => capabilityObject(rec, n)),
      `/v1/accounts/${rec.id}/capabilities`,
    );
  });
  r.on("GET", "/v1/accounts/:id/capabilities/:cap", (req) => {
    const rec = connectedAccount(req, req.path.id ?? "");
    const cap = req.path.cap ?? "";
    if (!rec.capabilities[cap]) throw missing("capability", cap);
    return capabilityObject(rec, cap);
  });
  r.on("POST", "/v1/accounts/:id/capabilities/:cap", (req) => {
    const rec = connectedAccount(req, req.path.id ?? "");
    const cap = req.path.cap ?? "";
    if (!(CAPABILITY_NAMES as readonly string[]).includes(cap)) throw missing("capability", cap);
    const p = parseParams(
      z.strictObject({ requested: zBool.optional(), expand: zExpand.optional() }),
      req.params,
    );
    mutateAccount(req.ctx.state, rec, () => {
      if (p.requested !== undefined)
        rec.capabilities[cap] = { requested: p.requested, requested_at: p.requested ? now() : null };
    });
    return capabilityObject(rec, cap);
  });

  // Persons (read-only): the emulator models one person per account, the individual of an individual account,
  // whom Stripe lists as the account's representative. Companies' people are not modelled: their list is empty.
  r.on("GET", "/v1/accounts/:id/persons", (req) => {
    const rec = connectedAccount(req, req.path.id ?? "");
    const p = parseParams(
      z.strictObject({
        ...listParams,
        relationship: z
          .strictObject({
            authorizer: zBool.optional(),
            director: zBool.optional(),
            executive: zBool.optional(),
            legal_guardian: zBool.optional(),
            owner: zBool.optional(),
            representative: zBool.optional(),
          })
          .optional(),
      }),
      req.params,
    );
    const people = rec.business_type === "individual" ? [renderPerson(rec)] : [];
    const wanted = p.relationship ?? {};
    const data = people.filter((person) => {
      const relationship = person.relationship;
      if (typeof relationship !== "object" || relationship === null || Array.isArray(relationship))
        return false;
      return Object.entries(wanted).every(
        ([key, value]) => value === undefined || (relationship[key] === true) === value,
      );
    });
    const limit = p.limit ?? 10;
    if (limit < 1 || limit > 100) throw invalid("limit must be between 1 and 100.", "limit");
    return list(data.slice(0, limit), `/v1/accounts/${rec.id}/persons`, data.length > limit);
  });

  // External accounts
  r.on("GET", "/v1/accounts/:id/external_accounts", (req) => {
    const rec = connectedAccount(req, req.path.id ?? "");
    const p = parseParams(
      z.strictObject({ ...listParams, object: zEnum(["bank_account", "card"]).optional() }),
      req.params,
    );
    const data = p.object === "card" ? [] : rec.external_accounts;
    const limit = p.limit ?? 10;
    return list(data.slice(0, limit), `/v1/accounts/${rec.id}/external_accounts`, data.length > limit);
  });
  r.on("POST", "/v1/accounts/:id/external_accounts", (req) => {
    const rec = connectedAccount(req, req.path.id ?? "");
    const p = parseParams(
      z.strictObject({
        external_account: z.union([zStr, zBankAccountInput]),
        default_for_currency: zBool.optional(),
        metadata: zMetadata.optional(),
        expand: zExpand.optional(),
      }),
      req.params,
    );
    let created: JsonValue = null;
    mutateAccount(req.ctx.state, rec, () => {
      const ba = addBankAccount(rec, p.external_account, p.default_for_currency ?? false);
      if (p.metadata) ba.metadata = p.metadata;
      created = ba;
    });
    const last = rec.external_accounts[rec.external_accounts.length - 1];
    if (last) req.ctx.state.emit(rec.id, "account.external_account.created", last);
    return created;
  });
  r.on("GET", "/v1/accounts/:id/external_accounts/:ba", (req) => {
    const rec = connectedAccount(req, req.path.id ?? "");
    const ba = rec.external_accounts.find((e) => e.id === req.path.ba);
    if (!ba) throw missing("external account", req.path.ba ?? "");
    return ba;
  });
  r.on("POST", "/v1/accounts/:id/external_accounts/:ba", (req) => {
    const rec = connectedAccount(req, req.path.id ?? "");
    const ba = rec.external_accounts.find((e) => e.id === req.path.ba);
    if (!ba) throw missing("external account", req.path.ba ?? "");
    const p = parseParams(
      z.strictObject({
        default_for_currency: zBool.optional(),
        account_holder_name: zStr.optional(),
        account_holder_type: zEnum(["individual", "company"]).optional(),
        metadata: zMetadata.optional(),
        expand: zExpand.optional(),
      }),
      req.params,
    );
    if (p.default_for_currency)
      for (const e of rec.external_accounts)
        if (e.currency === ba.currency) e.default_for_currency = e.id === ba.id;
    if (p.account_holder_name !== undefined) ba.account_holder_name = p.account_holder_name;
    if (p.account_holder_type !== undefined) ba.account_holder_type = p.account_holder_type;
    if (p.metadata !== undefined) ba.metadata = p.metadata === "" ? {} : { ...ba.metadata, ...p.metadata };
    req.ctx.state.dirty = true;
    req.ctx.state.emit(rec.id, "account.external_account.updated", ba);
    return ba;
  });
  r.on("DELETE", "/v1/accounts/:id/external_accounts/:ba", (req) => {
    parseParams(z.strictObject({ expand: zExpand.optional() }), req.params);
    const rec = connectedAccount(req, req.path.id ?? "");
    const ba = rec.external_accounts.find((e) => e.id === req.path.ba);
    if (!ba) throw missing("external account", req.path.ba ?? "");
    if (ba.default_for_currency && rec.external_accounts.filter((e) => e.currency === ba.currency).length > 1)
      throw invalid(
        "You cannot delete the default external account for your default currency. Please make another external account the default using the `default_for_currency` param, and then delete this one.",
      );
    mutateAccount(req.ctx.state, rec, () => {
      rec.external_accounts = rec.external_accounts.filter((e) => e.id !== ba.id);
    });
    req.ctx.state.emit(rec.id, "account.external_account.deleted", ba);
    return { id: ba.id, object: "bank_account", deleted: true };
  });

  // Login links: Express dashboard only.
  r.on("POST", "/v1/accounts/:id/login_links", (req) => {
    const rec = connectedAccount(req, req.path.id ?? "");
    parseParams(z.strictObject({ expand: zExpand.optional() }), req.params);
    if (rec.controller.dashboard !== "express")
      throw invalid(
        "Cannot create a login link for an account that does not have access to the Express Dashboard.",
        "account",
      );
    return {
      object: "login_link",
      created: now(),
      url: `${req.baseUrl}/_sandbox/express/${rec.id}/${randomChars(12)}`,
    };
  });

  r.on("POST", "/v1/account_links", (req) => {
    const p = parseParams(
      z.strictObject({
        account: zStr,
        type: zEnum(["account_onboarding", "account_update"]),
        refresh_url: zStr.optional(),
        return_url: zStr.optional(),
        collect: zEnum(["currently_due", "eventually_due"]).optional(),
        collection_options: z
          .strictObject({
            fields: zEnum(["currently_due", "eventually_due"]).optional(),
            future_requirements: zEnum(["include", "omit"]).optional(),
          })
          .optional(),
        expand: zExpand.optional(),
      }),
      req.params,
    );
    const rec = req.ctx.state.accounts.get(p.account);
    if (!rec) throw invalid(`No such account: '${p.account}'`, "account", "resource_missing");
    if (
      p.type === "account_update" &&
      rec.controller.requirement_collection === "stripe" &&
      rec.controller.dashboard !== "none" &&
      rec.type === "standard"
    )
      throw invalid("You cannot create `account_update` type Account Links for Standard accounts.", "type");
    const token = randomChars(24);
    const created = now();
    req.ctx.state.accountLinks.set(token, {
      account: rec.id,
      return_url: p.return_url ?? "",
      refresh_url: p.refresh_url ?? "",
      expires_at: created + 300,
    });
    const link: JsonObject = {
      object: "account_link",
      created,
      expires_at: created + 300,
      url: `${req.baseUrl}/_sandbox/onboarding/${token}`,
    };
    return link;
  });
}
