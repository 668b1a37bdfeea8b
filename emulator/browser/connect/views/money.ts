/** Balance summary, pay-out actions, payout schedule, bank account and payout list/detail views. */
import { h, isRecord, list, num, rec, str, type Child } from "../dom";
import { I18n, humanize, term } from "../i18n";
import {
  button,
  field,
  panel,
  selectField,
  skeleton,
  statusBadge,
  summary,
  table,
  openableAmountCell,
} from "../ui";
import { bankFields, bankSummary, newBankState, saveBank, validateBank } from "./bank-form";
import type { ViewHost } from "./host";

interface Amount {
  amount: number;
  currency: string;
}

function amounts(value: unknown): Amount[] {
  return list(value)
    .filter(isRecord)
    .map((a) => ({ amount: num(a.amount) ?? 0, currency: str(a.currency) ?? "usd" }));
}

export class MoneyModel {
  balance: Record<string, unknown> | undefined;
  account: Record<string, unknown> | undefined;
  payouts: Record<string, unknown>[] = [];
  hasMore = false;

  constructor(private readonly host: ViewHost) {}

  async loadBalance(): Promise<void> {
    this.balance = await this.host.api.request<Record<string, unknown>>("GET", "balance");
  }

  async loadAccount(): Promise<void> {
    this.account = await this.host.api.request<Record<string, unknown>>("GET", "account");
  }

  async loadPayouts(): Promise<void> {
    const page = await this.host.api.request<Record<string, unknown>>("GET", "payouts", undefined, {
      limit: 25,
    });
    this.payouts = list(page).filter(isRecord);
    this.hasMore = page.has_more === true;
  }

  async loadMorePayouts(): Promise<void> {
    const last = this.payouts[this.payouts.length - 1];
    const page = await this.host.api.request<Record<string, unknown>>("GET", "payouts", undefined, {
      limit: 25,
      starting_after: str(last?.id),
    });
    this.payouts = [...this.payouts, ...list(page).filter(isRecord)];
    this.hasMore = page.has_more === true;
    this.host.paint();
  }

  available(): Amount {
    const a = amounts(this.balance?.available)[0];
    return a ?? { amount: 0, currency: str(this.account?.default_currency) ?? "usd" };
  }

  instantAvailable(): Amount | undefined {
    return amounts(this.balance?.instant_available)[0];
  }

  clear(): void {
    this.balance = undefined;
    this.account = undefined;
    this.payouts = [];
  }

  /** A payout fetched on its own replaces the list's copy; true when the list changed (e.g. its status). */
  updatePayout(payout: Record<string, unknown>): boolean {
    const id = str(payout.id);
    const index = this.payouts.findIndex((p) => str(p.id) === id);
    const current = this.payouts[index];
    if (!current || (current.status === payout.status && current.arrival_date === payout.arrival_date))
      return false;
    this.payouts = this.payouts.map((p, i) => (i === index ? { ...p, ...payout } : p));
    return true;
  }

  // ---- balance cards -----------------------------------------------------------------------------------------

  balanceCards(withActions: boolean): Child {
    const host = this.host;
    const i18n = host.i18n;
    const available = amounts(this.balance?.available);
    const pending = amounts(this.balance?.pending);
    const instant = this.instantAvailable();
    const sum = (xs: Amount[], fallback: string): string =>
      xs.length ? xs.map((x) => i18n.money(x.amount, x.currency)).join(" · ") : i18n.money(0, fallback);
    const cur = this.available().currency;
    const canStandard = withActions && host.feature("standard_payouts");
    const canInstant = withActions && host.feature("instant_payouts") && (instant?.amount ?? 0) > 0;
    return h(
      "div",
      { class: "stack" },
      h(
        "div",
        { class: "cards" },
        h(
          "div",
          { class: "card", "data-balance": "available" },
          h("div", { class: "stat-label" }, host.t("available")),
          h("div", { class: "stat-value" }, sum(available, cur)),
        ),
        h(
          "div",
          { class: "card", "data-balance": "pending" },
          h("div", { class: "stat-label" }, host.t("pending")),
          h("div", { class: "stat-value" }, sum(pending, cur)),
        ),
        instant && host.feature("instant_payouts")
          ? h(
              "div",
              { class: "card", "data-balance": "instant" },
              h("div", { class: "stat-label" }, host.t("instantAvailable")),
              h("div", { class: "stat-value" }, i18n.money(instant.amount, instant.currency)),
            )
          : null,
      ),
      canStandard || canInstant
        ? h(
            "div",
            { class: "actions" },
            canInstant
              ? button(host.t("instantPayout"), () => this.openPayout("instant"), { fk: "instant-payout" })
              : null,
            canStandard ? this.payOutNowButton() : null,
          )
        : null,
    );
  }

  /** "Pay out now"; with nothing available it is disabled and says why (visible, and its accessible description). */
  private payOutNowButton(): Child {
    const host = this.host;
    const empty = this.available().amount <= 0;
    const reasonId = "payout-disabled-reason";
    const btn = button(host.t("payOutNow"), () => this.openPayout("standard"), {
      primary: true,
      fk: "payout-now",
      disabled: empty,
    });
    if (!empty) return btn;
    btn.setAttribute("aria-describedby", reasonId);
    btn.title = host.t("nothingToPayOut");
    return [
      h("span", { class: "muted small", id: reasonId, "data-reason": "payout" }, host.t("nothingToPayOut")),
      btn,
    ];
  }

  openPayout(method: "standard" | "instant"): void {
    const host = this.host;
    const source = method === "instant" ? (this.instantAvailable() ?? this.available()) : this.available();
    const factor = I18n.minorFactor(source.currency);
    const state = { amount: String(source.amount / factor), error: "" };
    host.openOverlay({
      title: method === "instant" ? host.t("instantPayout") : host.t("payOutNow"),
      returnFocus: method === "instant" ? "instant-payout" : "payout-now",
      render: () =>
        source.amount <= 0
          ? panel({ title: host.t("nothingToPayOut"), icon: "0" })
          : h(
              "form",
              {
                onsubmit: (e: Event) => {
                  e.preventDefault();
                  const minor = Math.round(Number(state.amount.replace(",", ".")) * factor);
                  if (!Number.isFinite(minor) || minor <= 0 || minor > source.amount) {
                    state.error = host.t("invalidValue");
                    host.paint();
                    return;
                  }
                  void host.act(
                    () =>
                      host.api
                        .request("POST", "payouts", {
                          amount: minor,
                          currency: source.currency,
                          ...(method === "instant" ? { method: "instant" } : {}),
                        })
                        .then(() => undefined),
                    "payoutCreated",
                    () => host.closeOverlay(),
                  );
                },
              },
              summary([[host.t("available"), host.i18n.money(source.amount, source.currency)]]),
              field({
                label: `${host.t("payoutAmount")} (${source.currency.toUpperCase()})`,
                name: "payout-amount",
                type: "number",
                step: String(1 / factor),
                min: String(1 / factor),
                inputmode: "decimal",
                value: state.amount,
                error: state.error || undefined,
                onInput: (v) => (state.amount = v),
              }),
              host.noticeNode(),
              h(
                "div",
                { class: "actions" },
                button(host.t("cancel"), () => host.closeOverlay(), { fk: "payout-cancel" }),
                h(
                  "button",
                  { type: "submit", class: "btn primary", "data-fk": "payout-submit", disabled: host.busy },
                  host.t("payOut"),
                ),
              ),
            ),
    });
  }

  // ---- schedule and bank -------------------------------------------------------------------------------------

  scheduleText(): string {
    const host = this.host;
    const s = rec(rec(rec(this.account?.settings).payouts).schedule);
    const interval = str(s.interval) ?? "daily";
    const label: Record<string, string> = {
      manual: host.t("intervalManual"),
      daily: host.t("intervalDaily"),
      weekly: host.t("intervalWeekly"),
      monthly: host.t("intervalMonthly"),
    };
    let text = label[interval] ?? humanize(interval);
    if (interval === "weekly" && str(s.weekly_anchor))
      text += ` · ${host.i18n.weekday(str(s.weekly_anchor) ?? "")}`;
    if (interval === "monthly" && num(s.monthly_anchor)) text += ` · ${num(s.monthly_anchor) ?? ""}`;
    if (num(s.delay_days) !== undefined && interval !== "manual")
      text += ` · ${host.t("delayDays")}: ${num(s.delay_days) ?? ""}`;
    return text;
  }

  settingsCards(): Child {
    const host = this.host;
    if (!this.account) return null;
    const account = this.account;
    return h(
      "div",
      { class: "cards" },
      h(
        "div",
        { class: "card stack" },
        h(
          "div",
          { class: "section-head" },
          h("h3", null, host.t("schedule")),
          host.feature("edit_payout_schedule")
            ? button(host.t("edit"), () => this.openSchedule(), {
                fk: "schedule-edit",
                ariaLabel: host.t("scheduleEdit"),
              })
            : null,
        ),
        h("p", { "data-schedule": "" }, this.scheduleText()),
      ),
      h(
        "div",
        { class: "card stack" },
        h(
          "div",
          { class: "section-head" },
          h("h3", null, host.t("bankAccount")),
          host.feature("external_account_collection")
            ? button(host.t("edit"), () => this.openBank(), {
                fk: "bank-edit",
                ariaLabel: host.t("bankAccountChange"),
              })
            : null,
        ),
        bankSummary(host, account),
      ),
    );
  }

  openSchedule(): void {
    const host = this.host;
    const s = rec(rec(rec(this.account?.settings).payouts).schedule);
    const state = {
      interval: str(s.interval) ?? "daily",
      weekly_anchor: str(s.weekly_anchor) ?? "monday",
      monthly_anchor: String(num(s.monthly_anchor) ?? 1),
    };
    const days = ["monday", "tuesday", "wednesday", "thursday", "friday"];
    host.openOverlay({
      title: host.t("scheduleEdit"),
      returnFocus: "schedule-edit",
      render: () =>
        h(
          "form",
          {
            onsubmit: (e: Event) => {
              e.preventDefault();
              const body: Record<string, unknown> = { interval: state.interval };
              if (state.interval === "weekly") body.weekly_anchor = state.weekly_anchor;
              if (state.interval === "monthly") body.monthly_anchor = Number(state.monthly_anchor);
              void host.act(
                () => host.api.request("POST", "payout_schedule", body).then(() => undefined),
                "scheduleSaved",
                () => host.closeOverlay(),
              );
            },
          },
          selectField({
            label: host.t("interval"),
            name: "interval",
            value: state.interval,
            options: [
              ["manual", host.t("intervalManual")],
              ["daily", host.t("intervalDaily")],
              ["weekly", host.t("intervalWeekly")],
              ["monthly", host.t("intervalMonthly")],
            ],
            onChange: (v) => {
              state.interval = v;
              host.paint();
            },
          }),
          state.interval === "weekly"
            ? selectField({
                label: host.t("weeklyAnchor"),
                name: "weekly_anchor",
                value: state.weekly_anchor,
                options: days.map((d) => [d, host.i18n.weekday(d)] as const),
                onChange: (v) => (state.weekly_anchor = v),
              })
            : null,
          state.interval === "monthly"
            ? field({
                label: host.t("monthlyAnchor"),
                name: "monthly_anchor",
                type: "number",
                min: "1",
                value: state.monthly_anchor,
                onInput: (v) => (state.monthly_anchor = v),
              })
            : null,
          host.noticeNode(),
          h(
            "div",
            { class: "actions" },
            button(host.t("cancel"), () => host.closeOverlay(), { fk: "schedule-cancel" }),
            h(
              "button",
              { type: "submit", class: "btn primary", "data-fk": "schedule-save", disabled: host.busy },
              host.t("save"),
            ),
          ),
        ),
    });
  }

  openBank(): void {
    const host = this.host;
    const state = newBankState(this.account ?? {});
    host.openOverlay({
      title: host.t("bankAccountChange"),
      returnFocus: "bank-edit",
      render: () =>
        h(
          "form",
          {
            onsubmit: (e: Event) => {
              e.preventDefault();
              if (!validateBank(host, state)) {
                host.paint();
                return;
              }
              void host.act(
                () => saveBank(host, state),
                "bankSaved",
                () => host.closeOverlay(),
              );
            },
          },
          bankFields(host, state),
          host.noticeNode(),
          h(
            "div",
            { class: "actions" },
            button(host.t("cancel"), () => host.closeOverlay(), { fk: "bank-cancel" }),
            h(
              "button",
              { type: "submit", class: "btn primary", "data-fk": "bank-save", disabled: host.busy },
              host.t("save"),
            ),
          ),
        ),
    });
  }

  // ---- payouts -----------------------------------------------------------------------------------------------

  payoutsTable(onOpen: (id: string) => void): Child {
    const host = this.host;
    const i18n = host.i18n;
    if (!this.payouts.length) return panel({ title: host.t("payoutsEmpty"), icon: "∅" });
    return [
      table(
        host.t("payouts"),
        [
          { label: host.t("amount") },
          { label: host.t("arrivalDate") },
          { label: host.t("method"), hideSm: true },
          { label: host.t("created"), num: true },
        ],
        this.payouts.map((p) => {
          const id = str(p.id) ?? "";
          const open = (): void => onOpen(id);
          return {
            onOpen: open,
            cells: [
              openableAmountCell(
                i18n,
                { amount: num(p.amount), currency: str(p.currency), status: str(p.status) },
                open,
                `payout-${id}`,
                { "data-payout": id },
              ),
              i18n.date(num(p.arrival_date)),
              str(p.method) === "instant" ? host.t("methodInstant") : host.t("methodStandard"),
              i18n.date(num(p.created)),
            ],
          };
        }),
      ),
      this.hasMore
        ? h(
            "div",
            { class: "actions" },
            button(host.t("loadMore"), () => void this.loadMorePayouts(), { fk: "more" }),
          )
        : null,
    ];
  }
}

/** One payout with the balance transactions it settled. */
export class PayoutDetail {
  payout: Record<string, unknown> | undefined;

  /** `onLoaded` lets a list showing the same payout take its newer state (a status that moved on). */
  constructor(
    private readonly host: ViewHost,
    readonly id: string,
    private readonly onLoaded?: (payout: Record<string, unknown>) => void,
  ) {}

  async load(): Promise<void> {
    this.payout = await this.host.api.request<Record<string, unknown>>(
      "GET",
      `payouts/${encodeURIComponent(this.id)}`,
    );
    this.onLoaded?.(this.payout);
  }

  view(): Child {
    const host = this.host;
    const i18n = host.i18n;
    const p = this.payout;
    if (!p) return skeleton(host.t("loading"));
    const currency = str(p.currency) ?? "usd";
    const dest = rec(p.destination);
    const txns = list(p.balance_transactions).filter(isRecord);
    return h(
      "div",
      { class: "stack" },
      h(
        "div",
        { class: "row" },
        h("span", { class: "amount-lg" }, i18n.money(num(p.amount), currency)),
        statusBadge(i18n, str(p.status)),
      ),
      summary([
        [host.t("arrivalDate"), i18n.date(num(p.arrival_date))],
        [host.t("created"), i18n.date(num(p.created), true)],
        [host.t("method"), str(p.method) === "instant" ? host.t("methodInstant") : host.t("methodStandard")],
        [
          host.t("destination"),
          // The bank by name, never a raw `ba_…` id.
          str(dest.last4)
            ? `${str(dest.bank_name) ?? host.t("bankAccount")} •••• ${str(dest.last4) ?? ""}`
            : host.t("bankAccount"),
        ],
        [host.t("description"), str(p.description) ?? "—"],
        [host.t("id"), h("span", { class: "mono" }, str(p.id) ?? this.id)],
      ]),
      txns.length
        ? h(
            "section",
            { class: "stack", "aria-label": host.t("transactions") },
            h("h3", null, host.t("transactions")),
            table(
              host.t("transactions"),
              [
                { label: host.t("type") },
                { label: host.t("gross"), num: true },
                { label: host.t("fee"), num: true },
                { label: host.t("net"), num: true },
              ],
              txns.map((t) => ({
                cells: [
                  term(i18n, str(t.type) ?? ""),
                  i18n.money(num(t.amount), str(t.currency) ?? currency),
                  i18n.money(num(t.fee), str(t.currency) ?? currency),
                  i18n.money(num(t.net), str(t.currency) ?? currency),
                ],
              })),
            ),
          )
        : null,
    );
  }
}
