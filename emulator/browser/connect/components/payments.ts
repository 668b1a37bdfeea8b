/**
 * stripe-connect-payments: the payments list, a page at a time (Previous / Next, "1–20 of many" as Stripe counts),
 * filtered by status, date range, amount and payment method; every applied filter is shown (those `defaultFilters`
 * set too) and can be removed. A row opens the details overlay.
 */
import { ConnectElement } from "../base-element";
import { h, isRecord, list, num, rec, sameValue, str, type Child } from "../dom";
import { I18n, humanize, type LabelKey } from "../i18n";
import {
  button,
  chargeStatus,
  field,
  panel,
  paymentMethodLabel,
  selectField,
  table,
  openableAmountCell,
} from "../ui";
import { customerLabel, PaymentDetail } from "../views/payment-detail";

const PAGE_SIZE = 20;

const CHIPS: ReadonlyArray<[LabelKey, string[] | null]> = [
  ["filterAll", null],
  ["filterSucceeded", ["successful"]],
  ["filterRefunded", ["refunded", "partially_refunded", "refund_pending"]],
  ["filterDisputed", ["disputed", "early_fraud_warning"]],
  ["filterUncaptured", ["uncaptured"]],
  ["filterFailed", ["failed", "blocked", "canceled"]],
];

/** Payment method types offered in the filter (connect-js `PaymentMethod` values the sandbox can produce). */
const METHODS = ["card", "us_bank_account", "sepa_debit", "link"] as const;

function toUnix(value: unknown): number | undefined {
  if (value instanceof Date) return Math.floor(value.getTime() / 1000);
  if (typeof value === "number") return value > 1e11 ? Math.floor(value / 1000) : value;
  if (typeof value === "string") {
    const t = Date.parse(value);
    return Number.isNaN(t) ? undefined : Math.floor(t / 1000);
  }
  return undefined;
}

/** Unix seconds → `yyyy-mm-dd` (local day), for a date input. */
function dayOf(unix: number | undefined): string {
  if (unix === undefined) return "";
  const d = new Date(unix * 1000);
  const p = (n: number): string => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** A `yyyy-mm-dd` date input → Unix seconds at the start (or end) of that local day. */
function dayToUnix(day: string, end: boolean): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), end ? 23 : 0, end ? 59 : 0, end ? 59 : 0);
  return Math.floor(d.getTime() / 1000);
}

interface Range {
  gte?: number;
  lte?: number;
}

/** The filters in force (minor units, Unix seconds); seeded from `defaultFilters`, then the user's. */
interface Filters {
  status: string[] | null;
  amount: Range;
  created: Range;
  method: string | undefined;
}

export class PaymentsElement extends ConnectElement {
  protected readonly componentKey = "payments";
  protected override readonly reloadProps = ["defaultFilters"];
  private items: Record<string, unknown>[] = [];
  private hasMore = false;
  /** `starting_after` of each page shown so far (the first page has none). */
  private cursors: Array<string | undefined> = [undefined];
  private filtersState: Filters | undefined;
  private appliedFilters: unknown;
  private detail: PaymentDetail | undefined;
  private filtersOpen = false;

  private get factor(): number {
    return I18n.minorFactor(str(this.session?.account.default_currency));
  }

  private get currency(): string {
    return str(this.session?.account.default_currency) ?? "usd";
  }

  /** connect-js `PaymentsListDefaultFilters` → the filters in force. */
  private fromDefaults(value: unknown): Filters {
    const f = rec(value);
    const s = f.status;
    const status = Array.isArray(s) && s.length ? s.filter((x): x is string => typeof x === "string") : null;
    const factor = this.factor;
    const m = (v: unknown): number | undefined =>
      typeof v === "number" ? Math.round(v * factor) : undefined;
    const a = rec(f.amount);
    let amount: Range = {};
    if (a.equals !== undefined) amount = { gte: m(a.equals), lte: m(a.equals) };
    else if (a.greaterThan !== undefined) amount = { gte: (m(a.greaterThan) ?? 0) + 1 };
    else if (a.lessThan !== undefined) amount = { lte: (m(a.lessThan) ?? 1) - 1 };
    else amount = { gte: m(rec(a.between).lowerBound), lte: m(rec(a.between).upperBound) };
    const d = rec(f.date);
    let created: Range = {};
    if (d.before !== undefined) created = { lte: toUnix(d.before) };
    else if (d.after !== undefined) created = { gte: toUnix(d.after) };
    else created = { gte: toUnix(rec(d.between).start), lte: toUnix(rec(d.between).end) };
    return { status, amount, created, method: str(f.paymentMethod) };
  }

  private get filters(): Filters {
    return (this.filtersState ??= this.fromDefaults(this.props.defaultFilters));
  }

  private async fetchPage(
    startingAfter: string | undefined,
  ): Promise<{ data: Record<string, unknown>[]; hasMore: boolean }> {
    const f = this.filters;
    const page = await this.api.request<Record<string, unknown>>("GET", "payments", undefined, {
      limit: PAGE_SIZE,
      starting_after: startingAfter,
      status: f.status?.length ? f.status.join(",") : undefined,
      "amount[gte]": f.amount.gte,
      "amount[lte]": f.amount.lte,
      "created[gte]": f.created.gte,
      "created[lte]": f.created.lte,
      payment_method_type: f.method,
    });
    return { data: list(page).filter(isRecord), hasMore: page.has_more === true };
  }

  protected async load(): Promise<void> {
    if (!sameValue(this.appliedFilters, this.props.defaultFilters)) {
      this.appliedFilters = this.props.defaultFilters;
      this.filtersState = undefined;
      this.cursors = [undefined];
    }
    const [page] = await Promise.all([
      this.fetchPage(this.cursors[this.cursors.length - 1]),
      this.detail?.load(),
    ]);
    this.items = page.data;
    this.hasMore = page.hasMore;
    // A page emptied by a change elsewhere (a refund moved payments out of the filter): back to the first page.
    if (this.items.length === 0 && this.cursors.length > 1) {
      this.cursors = [undefined];
      const first = await this.fetchPage(undefined);
      this.items = first.data;
      this.hasMore = first.hasMore;
    }
  }

  protected clear(): void {
    this.items = [];
    this.detail = undefined;
  }

  /** Applies changed filters from the first page. */
  private setFilters(change: Partial<Filters>): void {
    this.filtersState = { ...this.filters, ...change };
    this.cursors = [undefined];
    void this.reload();
  }

  private turn(direction: 1 | -1): void {
    if (direction === 1) {
      const last = this.items[this.items.length - 1];
      this.cursors = [...this.cursors, str(last?.id)];
    } else if (this.cursors.length > 1) {
      this.cursors = this.cursors.slice(0, -1);
    }
    void this.reload();
  }

  private open(id: string): void {
    const detail = new PaymentDetail(this, id);
    this.openDetailOverlay(detail, this.t("paymentDetails"), `row-${id}`, (d) => (this.detail = d));
  }

  private amountText(r: Range): string {
    const money = (v: number): string => this.i18n.money(v, this.currency);
    if (r.gte !== undefined && r.lte !== undefined)
      return r.gte === r.lte ? money(r.gte) : `${money(r.gte)} – ${money(r.lte)}`;
    if (r.gte !== undefined) return `≥ ${money(r.gte)}`;
    return `≤ ${money(r.lte ?? 0)}`;
  }

  private dateText(r: Range): string {
    const d = (v: number): string => this.i18n.date(v);
    if (r.gte !== undefined && r.lte !== undefined) return `${d(r.gte)} – ${d(r.lte)}`;
    if (r.gte !== undefined) return `≥ ${d(r.gte)}`;
    return `≤ ${d(r.lte ?? 0)}`;
  }

  /** One removable pill per applied filter other than the status chips. */
  private activeFilters(): Child {
    const f = this.filters;
    const pills: Array<[string, string, () => void]> = [];
    if (f.created.gte !== undefined || f.created.lte !== undefined)
      pills.push([
        "date",
        this.t("filterPill", { name: this.t("date"), value: this.dateText(f.created) }),
        () => this.setFilters({ created: {} }),
      ]);
    if (f.amount.gte !== undefined || f.amount.lte !== undefined)
      pills.push([
        "amount",
        this.t("filterPill", { name: this.t("amount"), value: this.amountText(f.amount) }),
        () => this.setFilters({ amount: {} }),
      ]);
    if (f.method)
      pills.push([
        "method",
        this.t("filterPill", { name: this.t("paymentMethod"), value: humanize(f.method) }),
        () => this.setFilters({ method: undefined }),
      ]);
    if (!pills.length) return null;
    return h(
      "ul",
      { class: "chips pills", "aria-label": this.t("activeFilters") },
      pills.map(([key, text, remove]) =>
        h(
          "li",
          { class: "chip pill", "data-filter": key },
          h("span", null, text),
          h(
            "button",
            {
              type: "button",
              class: "icon-btn",
              "data-fk": `remove-${key}`,
              "aria-label": this.t("removeFilter", { filter: text }),
              onclick: remove,
            },
            "×",
          ),
        ),
      ),
      pills.length > 1
        ? h(
            "li",
            null,
            button(
              this.t("clearFilters"),
              () => this.setFilters({ amount: {}, created: {}, method: undefined, status: null }),
              { fk: "clear-filters" },
            ),
          )
        : null,
    );
  }

  /** The date range, amount range and payment method inputs; applied together. */
  private filterForm(): HTMLElement {
    const f = this.filters;
    const factor = this.factor;
    const major = (v: number | undefined): string => (v === undefined ? "" : String(v / factor));
    const draft = {
      from: dayOf(f.created.gte),
      to: dayOf(f.created.lte),
      min: major(f.amount.gte),
      max: major(f.amount.lte),
      method: f.method ?? "",
    };
    const minor = (v: string): number | undefined => {
      const n = Number(v.replace(",", "."));
      return v.trim() && Number.isFinite(n) && n >= 0 ? Math.round(n * factor) : undefined;
    };
    return h(
      "details",
      {
        class: "filters",
        open: this.filtersOpen,
        ontoggle: (e: Event) => {
          const t = e.target;
          if (t instanceof HTMLDetailsElement) this.filtersOpen = t.open;
        },
      },
      h("summary", { "data-fk": "filters-toggle" }, this.t("moreFilters")),
      h(
        "form",
        {
          class: "grid2",
          "aria-label": this.t("moreFilters"),
          onsubmit: (e: Event) => {
            e.preventDefault();
            this.setFilters({
              created: { gte: dayToUnix(draft.from, false), lte: dayToUnix(draft.to, true) },
              amount: { gte: minor(draft.min), lte: minor(draft.max) },
              method: draft.method || undefined,
            });
          },
        },
        field({
          label: this.t("dateFrom"),
          name: "date-from",
          type: "date",
          value: draft.from,
          onInput: (v) => (draft.from = v),
        }),
        field({
          label: this.t("dateTo"),
          name: "date-to",
          type: "date",
          value: draft.to,
          onInput: (v) => (draft.to = v),
        }),
        field({
          label: `${this.t("amountMin")} (${this.currency.toUpperCase()})`,
          name: "amount-min",
          inputmode: "decimal",
          value: draft.min,
          onInput: (v) => (draft.min = v),
        }),
        field({
          label: `${this.t("amountMax")} (${this.currency.toUpperCase()})`,
          name: "amount-max",
          inputmode: "decimal",
          value: draft.max,
          onInput: (v) => (draft.max = v),
        }),
        selectField({
          label: this.t("paymentMethod"),
          name: "payment-method",
          value: draft.method,
          options: [["", this.t("anyMethod")], ...METHODS.map((m) => [m, humanize(m)] as const)],
          onChange: (v) => (draft.method = v),
        }),
        h(
          "div",
          { class: "actions span2" },
          h(
            "button",
            { type: "submit", class: "btn primary", "data-fk": "apply-filters" },
            this.t("applyFilters"),
          ),
        ),
      ),
    );
  }

  private pager(): Child {
    const index = this.cursors.length - 1;
    const from = index * PAGE_SIZE + 1;
    const to = index * PAGE_SIZE + this.items.length;
    if (index === 0 && !this.hasMore) return null;
    const text = this.hasMore
      ? this.t("rangeOfMany", { from, to })
      : this.t("rangeOfTotal", { from, to, total: to });
    return h(
      "nav",
      { class: "pager row", "aria-label": this.t("pagination") },
      h("span", { class: "muted small", "data-fk": "range", "aria-live": "polite" }, text),
      h(
        "div",
        { class: "row" },
        button(this.t("previous"), () => this.turn(-1), { fk: "prev", disabled: index === 0 }),
        button(this.t("nextPage"), () => this.turn(1), { fk: "next", disabled: !this.hasMore }),
      ),
    );
  }

  protected view(): Child {
    const i18n = this.i18n;
    const statuses = this.filters.status;
    const rows = this.items;
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
            onclick: () => this.setFilters({ status: value }),
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
      this.activeFilters(),
      this.filterForm(),
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
      this.pager(),
    );
  }
}
