/** stripe-connect-payments: filterable payments list; a row opens the details overlay. */
import { ConnectElement } from "../base-element";
import { h, isRecord, list, num, rec, sameValue, str, type Child } from "../dom";
import { I18n, type LabelKey } from "../i18n";
import { button, chargeStatus, panel, paymentMethodLabel, table, openableAmountCell } from "../ui";
import { customerLabel, PaymentDetail } from "../views/payment-detail";

const CHIPS: ReadonlyArray<[LabelKey, string[] | null]> = [
  ["filterAll", null],
  ["filterSucceeded", ["successful"]],
  ["filterRefunded", ["refunded", "partially_refunded", "refund_pending"]],
  ["filterDisputed", ["disputed", "early_fraud_warning"]],
  ["filterUncaptured", ["uncaptured"]],
  ["filterFailed", ["failed", "blocked", "canceled"]],
];

function toUnix(value: unknown): number | undefined {
  if (value instanceof Date) return Math.floor(value.getTime() / 1000);
  if (typeof value === "number") return value > 1e11 ? Math.floor(value / 1000) : value;
  if (typeof value === "string") {
    const t = Date.parse(value);
    return Number.isNaN(t) ? undefined : Math.floor(t / 1000);
  }
  return undefined;
}

interface Range {
  gte?: number;
  lte?: number;
}

export class PaymentsElement extends ConnectElement {
  protected readonly componentKey = "payments";
  protected override readonly reloadProps = ["defaultFilters"];
  private items: Record<string, unknown>[] = [];
  private hasMore = false;
  private userStatus: string[] | null | undefined;
  private appliedFilters: unknown;
  private detail: PaymentDetail | undefined;

  private get filters(): Record<string, unknown> {
    return rec(this.props.defaultFilters);
  }

  private statusFilter(): string[] | null {
    if (this.userStatus !== undefined) return this.userStatus;
    const s = this.filters.status;
    return Array.isArray(s) && s.length ? s.filter((x): x is string => typeof x === "string") : null;
  }

  private amountRange(): Range {
    const amount = rec(this.filters.amount);
    const factor = I18n.minorFactor(str(this.session?.account.default_currency));
    const m = (v: unknown): number | undefined =>
      typeof v === "number" ? Math.round(v * factor) : undefined;
    if (amount.equals !== undefined) return { gte: m(amount.equals), lte: m(amount.equals) };
    if (amount.greaterThan !== undefined) return { gte: (m(amount.greaterThan) ?? 0) + 1 };
    if (amount.lessThan !== undefined) return { lte: (m(amount.lessThan) ?? 1) - 1 };
    const between = rec(amount.between);
    return { gte: m(between.lowerBound), lte: m(between.upperBound) };
  }

  private dateRange(): Range {
    const date = rec(this.filters.date);
    if (date.before !== undefined) return { lte: toUnix(date.before) };
    if (date.after !== undefined) return { gte: toUnix(date.after) };
    const between = rec(date.between);
    return { gte: toUnix(between.start), lte: toUnix(between.end) };
  }

  private matchesFilters(charge: Record<string, unknown>): boolean {
    const statuses = this.statusFilter();
    if (statuses && !statuses.includes(chargeStatus(charge))) return false;
    const amount = num(charge.amount) ?? 0;
    const ar = this.amountRange();
    if (ar.gte !== undefined && amount < ar.gte) return false;
    if (ar.lte !== undefined && amount > ar.lte) return false;
    const created = num(charge.created) ?? 0;
    const dr = this.dateRange();
    if (dr.gte !== undefined && created < dr.gte) return false;
    if (dr.lte !== undefined && created > dr.lte) return false;
    const pm = str(this.filters.paymentMethod);
    if (pm) {
      const details = rec(charge.payment_method_details);
      const brand = str(rec(details.card).brand);
      if (str(details.type) !== pm && brand !== pm) return false;
    }
    return true;
  }

  private async fetchPage(
    startingAfter?: string,
  ): Promise<{ data: Record<string, unknown>[]; hasMore: boolean }> {
    const statuses = this.statusFilter();
    const ar = this.amountRange();
    const dr = this.dateRange();
    const page = await this.api.request<Record<string, unknown>>("GET", "payments", undefined, {
      limit: 25,
      starting_after: startingAfter,
      status: statuses?.length ? statuses.join(",") : undefined,
      "amount[gte]": ar.gte,
      "amount[lte]": ar.lte,
      "created[gte]": dr.gte,
      "created[lte]": dr.lte,
    });
    return { data: list(page).filter(isRecord), hasMore: page.has_more === true };
  }

  protected async load(): Promise<void> {
    if (!sameValue(this.appliedFilters, this.props.defaultFilters)) {
      this.appliedFilters = this.props.defaultFilters;
      this.userStatus = undefined;
    }
    const [page] = await Promise.all([this.fetchPage(), this.detail?.load()]);
    this.items = page.data;
    this.hasMore = page.hasMore;
  }

  protected clear(): void {
    this.items = [];
    this.detail = undefined;
  }

  private async loadMore(): Promise<void> {
    const last = this.items[this.items.length - 1];
    const page = await this.fetchPage(str(last?.id));
    this.items = [...this.items, ...page.data];
    this.hasMore = page.hasMore;
    this.paint();
  }

  private open(id: string): void {
    const detail = new PaymentDetail(this, id);
    this.openDetailOverlay(detail, this.t("paymentDetails"), `row-${id}`, (d) => (this.detail = d));
  }

  protected view(): Child {
    const i18n = this.i18n;
    const statuses = this.statusFilter();
    const rows = this.items.filter((c) => this.matchesFilters(c));
    const chips = h(
      "div",
      { class: "chips", role: "group", "aria-label": this.t("status") },
      CHIPS.map(([label, value]) =>
        h(
          "button",
          {
            type: "button",
            class: "chip",
            "data-fk": `chip-${label}`,
            "aria-pressed": sameValue(value, statuses) ? "true" : "false",
            onclick: () => {
              this.userStatus = value;
              void this.reload();
            },
          },
          this.t(label),
        ),
      ),
    );
    return h(
      "div",
      { class: "stack" },
      h("div", { class: "section-head" }, h("h2", null, this.t("payments"))),
      chips,
      rows.length === 0
        ? panel({ title: this.t("paymentsEmpty"), icon: "∅" })
        : table(
            this.t("payments"),
            [
              { label: this.t("amount") },
              { label: this.t("paymentMethod") },
              { label: this.t("customer"), hideSm: true },
              { label: this.t("date"), num: true },
            ],
            rows.map((c) => {
              const id = str(c.id) ?? "";
              const open = (): void => this.open(id);
              return {
                onOpen: open,
                cells: [
                  openableAmountCell(
                    i18n,
                    { amount: num(c.amount), currency: str(c.currency), status: chargeStatus(c) },
                    open,
                    `row-${id}`,
                    {
                      "data-payment": id,
                      "aria-label": `${i18n.money(num(c.amount), str(c.currency))} – ${this.t("paymentDetails")}`,
                    },
                  ),
                  paymentMethodLabel(c.payment_method_details),
                  customerLabel(c, this.t("guest")),
                  i18n.date(num(c.created), true),
                ],
              };
            }),
          ),
      this.hasMore
        ? h(
            "div",
            { class: "actions" },
            button(this.t("loadMore"), () => void this.loadMore(), { fk: "more" }),
          )
        : null,
    );
  }
}
