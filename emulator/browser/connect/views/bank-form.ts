/** Bank account form (test numbers prefilled as hints), posted to `account/external_accounts`. */
import { h, rec, str, type Child } from "../dom";
import { field } from "../ui";
import type { ViewHost } from "./host";

export interface BankState {
  account_holder_name: string;
  routing_number: string;
  account_number: string;
  country: string;
  currency: string;
  error?: string;
  /** Per-field messages (by field name). */
  errors?: Partial<Record<"account_holder_name" | "routing_number" | "account_number", string>>;
}

/** A US routing number: 9 digits whose ABA checksum (weights 3, 7, 1) is a multiple of 10. */
export function abaValid(routing: string): boolean {
  if (!/^\d{9}$/.test(routing)) return false;
  const d = [...routing].map(Number);
  const weights = [3, 7, 1, 3, 7, 1, 3, 7, 1];
  return d.reduce((sum, digit, i) => sum + digit * (weights[i] ?? 0), 0) % 10 === 0;
}

export function newBankState(account: Record<string, unknown>): BankState {
  const company = rec(account.company);
  const individual = rec(account.individual);
  const name =
    str(company.name) ??
    str(rec(account.business_profile).name) ??
    [str(individual.first_name), str(individual.last_name)].filter(Boolean).join(" ");
  return {
    account_holder_name: name,
    routing_number: "",
    account_number: "",
    country: str(account.country) ?? "US",
    currency: str(account.default_currency) ?? "usd",
  };
}

export function bankFields(host: ViewHost, state: BankState): Child {
  return [
    field({
      label: host.t("accountHolder"),
      name: "account_holder_name",
      value: state.account_holder_name,
      autocomplete: "name",
      error: state.errors?.account_holder_name,
      onInput: (v) => (state.account_holder_name = v),
    }),
    h(
      "div",
      { class: "grid2" },
      field({
        label: host.t("routingNumber"),
        name: "routing_number",
        value: state.routing_number,
        inputmode: "numeric",
        placeholder: "110000000",
        error: state.errors?.routing_number,
        onInput: (v) => (state.routing_number = v.trim()),
      }),
      field({
        label: host.t("accountNumber"),
        name: "account_number",
        value: state.account_number,
        inputmode: "numeric",
        placeholder: "000123456789",
        error: state.errors?.account_number,
        onInput: (v) => (state.account_number = v.trim()),
      }),
    ),
    state.error ? h("p", { class: "error-text", role: "alert" }, state.error) : null,
  ];
}

export function validateBank(host: ViewHost, state: BankState): boolean {
  state.error = undefined;
  const errors: NonNullable<BankState["errors"]> = {};
  if (!state.account_holder_name.trim()) errors.account_holder_name = host.t("required");
  const routing = state.routing_number;
  const us = state.country.toUpperCase() === "US";
  if (!routing) errors.routing_number = host.t("required");
  else if (us && !/^\d{9}$/.test(routing)) errors.routing_number = host.t("routingLength");
  else if (us && !abaValid(routing)) errors.routing_number = host.t("routingChecksum");
  else if (!/^\d{6,11}$/.test(routing)) errors.routing_number = host.t("invalidValue");
  if (!state.account_number) errors.account_number = host.t("required");
  else if (!/^\d{5,17}$/.test(state.account_number)) errors.account_number = host.t("accountNumberInvalid");
  state.errors = errors;
  return Object.keys(errors).length === 0;
}

export function saveBank(host: ViewHost, state: BankState): Promise<void> {
  return host.api
    .request("POST", "account/external_accounts", {
      country: state.country,
      currency: state.currency,
      routing_number: state.routing_number,
      account_number: state.account_number,
      account_holder_name: state.account_holder_name,
    })
    .then(() => undefined);
}

export function bankSummary(host: ViewHost, account: Record<string, unknown>): Child {
  const ext = rec(account.external_accounts);
  const data = Array.isArray(ext.data) ? ext.data : [];
  const bank = rec(data[0]);
  if (!str(bank.last4)) return h("p", { class: "muted" }, host.t("bankAccountNone"));
  return h(
    "div",
    { class: "row" },
    h("span", { class: "brand", "aria-hidden": "true" }, "BANK"),
    h("span", null, `${str(bank.bank_name) ?? host.t("bankAccount")} •••• ${str(bank.last4) ?? ""}`),
    h("span", { class: "cur" }, (str(bank.currency) ?? "").toUpperCase()),
  );
}
