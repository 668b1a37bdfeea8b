import type Stripe from "stripe";
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
import { known } from "../params";
import { addBankAccount, type BankInput } from "../payouts";
import { paramsAs, type ApiRequest, type Router } from "../router";
import { echoInto, echoParams } from "../schema/echo-params";

type AccountParams = Stripe.AccountCreateParams | Stripe.AccountUpdateParams;

/** A bank account given as a token id or as details (`external_account[account_number]`…). */
function bankInput(given: unknown): BankInput | string {
  if (typeof given === "string") return given;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(given ?? {})) if (typeof v === "string" && k !== "object") out[k] = v;
  if (!out.account_number)
    throw invalid(
      "Missing required param: external_account[account_number].",
      "external_account[account_number]",
      "parameter_missing",
    );
  return out;
}

/** `settings[payouts][schedule]`: what automatic payouts run on (the rest of `settings` is only shown back). */
function scheduleInput(s: AccountParams["settings"]): AccountInput["payout_schedule"] {
  const schedule = s?.payouts?.schedule;
  if (!schedule) return undefined;
  return {
    ...(schedule.interval ? { interval: schedule.interval } : {}),
    ...(schedule.delay_days !== undefined ? { delay_days: schedule.delay_days } : {}),
    ...(schedule.weekly_anchor ? { weekly_anchor: schedule.weekly_anchor } : {}),
    ...(schedule.monthly_anchor !== undefined ? { monthly_anchor: schedule.monthly_anchor } : {}),
  };
}

function controllerInput(c: Stripe.AccountCreateParams.Controller) {
  const payer = known(c.fees?.payer, ["account", "application"], "controller[fees][payer]");
  const losses = known(c.losses?.payments, ["application", "stripe"], "controller[losses][payments]");
  const collection = known(
    c.requirement_collection,
    ["application", "stripe"],
    "controller[requirement_collection]",
  );
  const dashboard = known(
    c.stripe_dashboard?.type,
    ["express", "full", "none"],
    "controller[stripe_dashboard][type]",
  );
  return {
    ...(payer ? { fees: { payer } } : {}),
    ...(losses ? { losses: { payments: losses } } : {}),
    ...(collection ? { requirement_collection: collection } : {}),
    ...(dashboard ? { stripe_dashboard: { type: dashboard } } : {}),
  };
}

function toInput(p: AccountParams, params: ApiRequest["params"]): AccountInput {
  if (p.email !== undefined && p.email !== "" && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(p.email))
    throw invalid(`Invalid email address: ${p.email}`, "email", "email_invalid");
  const capabilities: Record<string, { requested?: boolean }> = {};
  for (const [name, cap] of Object.entries(p.capabilities ?? {}))
    if (cap && typeof cap === "object")
      capabilities[name] =
        "requested" in cap && typeof cap.requested === "boolean" ? { requested: cap.requested } : {};
  const schedule = scheduleInput(p.settings);
  const tos = p.tos_acceptance;
  return {
    ...(p.business_type !== undefined
      ? { business_type: p.business_type as AccountInput["business_type"] }
      : {}),
    ...(p.business_profile ? { business_profile: toJsonObject(p.business_profile) } : {}),
    ...(p.company ? { company: toJsonObject(p.company) } : {}),
    ...(p.individual ? { individual: toJsonObject(p.individual) } : {}),
    ...(p.email !== undefined ? { email: p.email } : {}),
    ...(p.default_currency ? { default_currency: p.default_currency } : {}),
    ...(p.metadata !== undefined
      ? { metadata: p.metadata === "" || p.metadata === null ? {} : initialMetadataWithUnsets(p.metadata) }
      : {}),
    ...(Object.keys(capabilities).length > 0 ? { capabilities } : {}),
    ...(p.external_account !== undefined ? { external_account: bankInput(p.external_account) } : {}),
    ...(tos
      ? {
          tos_acceptance: {
            ...(tos.date !== undefined ? { date: tos.date } : {}),
            ...(tos.ip !== undefined ? { ip: tos.ip } : {}),
            ...(tos.user_agent !== undefined ? { user_agent: tos.user_agent } : {}),
          },
        }
      : {}),
    ...(schedule ? { payout_schedule: schedule } : {}),
    given: echoParams("Account", params),
  };
}

/** `metadata[k]=` unsets `k` on update: the empty values pass through for `applyAccountInput`. */
function initialMetadataWithUnsets(m: Stripe.MetadataParam): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m)) out[k] = v === null ? "" : String(v);
  return out;
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
    const p = paramsAs<Stripe.AccountCreateParams>(req);
    const { controller, type } = controllerFromParams(
      known(p.type, ["custom", "express", "standard"], "type"),
      p.controller ? controllerInput(p.controller) : undefined,
      Object.keys(p.capabilities ?? {}).length > 0,
    );
    const rec = newAccountRecord({ country: p.country, controller, type });
    applyAccountInput(rec, toInput(p, req.params));
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
    const p = paramsAs<Stripe.AccountListParams>(req);
    const l = listCollection(req.ctx.state.accounts, p, "/v1/accounts", (a) => inRange(a.created, p.created));
    return { ...l, data: l.data.map(renderAccount) };
  });

  r.on("GET", "/v1/account", (req) => renderAccount(connectedAccount(req, req.ctx.accountId)));

  r.on("GET", "/v1/accounts/:id", (req) => {
    return renderAccount(connectedAccount(req, req.path.id ?? ""));
  });

  r.on("POST", "/v1/accounts/:id", (req) => {
    const rec = connectedAccount(req, req.path.id ?? "");
    const input = toInput(paramsAs<Stripe.AccountUpdateParams>(req), req.params);
    return mutateAccount(req.ctx.state, rec, () => applyAccountInput(rec, input));
  });

  r.on("DELETE", "/v1/accounts/:id", (req) => {
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
    const p = paramsAs<Stripe.AccountUpdateCapabilityParams>(req);
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
    const p = paramsAs<Stripe.AccountListPersonsParams>(req);
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
    const p = paramsAs<Stripe.AccountListExternalAccountsParams>(req);
    const data = p.object === "card" ? [] : rec.external_accounts;
    const limit = p.limit ?? 10;
    return list(data.slice(0, limit), `/v1/accounts/${rec.id}/external_accounts`, data.length > limit);
  });
  r.on("POST", "/v1/accounts/:id/external_accounts", (req) => {
    const rec = connectedAccount(req, req.path.id ?? "");
    const p = paramsAs<Stripe.AccountCreateExternalAccountParams>(req);
    let created: JsonValue = null;
    mutateAccount(req.ctx.state, rec, () => {
      const ba = addBankAccount(rec, bankInput(p.external_account), p.default_for_currency ?? false);
      created = echoInto("BankAccount", ba, req.params);
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
    const p = paramsAs<Stripe.AccountUpdateExternalAccountParams>(req);
    if (p.default_for_currency)
      for (const e of rec.external_accounts)
        if (e.currency === ba.currency) e.default_for_currency = e.id === ba.id;
    echoInto("BankAccount", ba, req.params);
    req.ctx.state.dirty = true;
    req.ctx.state.emit(rec.id, "account.external_account.updated", ba);
    return ba;
  });
  r.on("DELETE", "/v1/accounts/:id/external_accounts/:ba", (req) => {
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
    const p = paramsAs<Stripe.AccountLinkCreateParams>(req);
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
