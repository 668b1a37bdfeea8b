/** stripe-connect-tax-settings: head office, default tax code and behavior, saved to the emulator. */
import { ConnectElement } from "../base-element";
import { getPath, h, rec, str, type Child } from "../dom";
import { button, field, selectField, statusBadge, summary } from "../ui";

const COUNTRIES = ["US", "CA", "GB", "FR", "DE", "IE", "NL", "ES", "IT", "AU"];
const TAX_CODES: ReadonlyArray<[string, string]> = [
  ["txcd_10000000", "General – Electronically Supplied Services"],
  ["txcd_99999999", "General – Tangible Goods"],
  ["txcd_20030000", "General – Services"],
  ["txcd_10103000", "Software as a service (SaaS)"],
];

export class TaxSettingsElement extends ConnectElement {
  protected readonly componentKey = "tax_settings";
  private settings: Record<string, unknown> | undefined;
  private form: { country: string; postal: string; taxCode: string; behavior: string } | undefined;

  protected async load(): Promise<void> {
    this.settings = await this.api.request<Record<string, unknown>>("GET", "tax/settings");
  }

  protected clear(): void {
    this.settings = undefined;
    this.form = undefined;
  }

  private countries(): string[] {
    const v = this.props.displayHeadOfficeCountries;
    const list = Array.isArray(v)
      ? v.filter((x): x is string => typeof x === "string").map((c) => c.toUpperCase())
      : [];
    return list.length ? list : COUNTRIES;
  }

  private edit(): void {
    const s = this.settings ?? {};
    this.form = {
      country: str(getPath(s, "head_office.address.country")) ?? this.countries()[0] ?? "US",
      postal: str(getPath(s, "head_office.address.postal_code")) ?? "",
      taxCode: str(getPath(s, "defaults.tax_code")) ?? "txcd_10000000",
      behavior: str(getPath(s, "defaults.tax_behavior")) ?? "exclusive",
    };
    this.paint();
    this.root.querySelector<HTMLElement>("select")?.focus();
  }

  private save(): void {
    const f = this.form;
    if (!f) return;
    const hideCode = this.props.hideProductTaxCodeSelector === true;
    const body = {
      head_office: { address: { country: f.country, postal_code: f.postal || undefined } },
      defaults: { tax_behavior: f.behavior, ...(hideCode ? {} : { tax_code: f.taxCode }) },
    };
    let id = "";
    void this.act(
      async () => {
        const saved = rec(await this.api.request("POST", "tax/settings", body));
        id = str(saved.id) ?? str(this.session?.account.id) ?? "";
      },
      "saved",
      () => {
        this.form = undefined;
      },
    ).then((ok) => {
      if (ok) this.emit("onTaxSettingsUpdated", { id });
    });
  }

  protected view(): Child {
    const s = this.settings ?? {};
    const hideCode = this.props.hideProductTaxCodeSelector === true;
    const behaviorLabel = (b: string | undefined): string =>
      b === "inclusive"
        ? this.t("taxInclusive")
        : b === "exclusive"
          ? this.t("taxExclusive")
          : this.t("taxInferred");
    const f = this.form;
    const codeLabel = (code: string | undefined): string =>
      TAX_CODES.find(([c]) => c === code)?.[1] ?? code ?? this.t("notSet");
    return h(
      "div",
      { class: "stack" },
      h(
        "div",
        { class: "section-head" },
        h("h2", null, this.t("taxSettings")),
        f ? null : button(this.t("edit"), () => this.edit(), { fk: "tax-edit" }),
      ),
      this.noticeNode(),
      f
        ? h(
            "form",
            {
              class: "card",
              onsubmit: (e: Event) => {
                e.preventDefault();
                this.save();
              },
            },
            h(
              "div",
              { class: "grid2" },
              selectField({
                label: this.t("headOffice"),
                name: "country",
                value: f.country,
                options: this.countries().map((c) => [c, this.i18n.country(c)] as const),
                onChange: (v) => (f.country = v),
              }),
              field({
                label: this.t("postalCode"),
                name: "postal_code",
                value: f.postal,
                onInput: (v) => (f.postal = v),
              }),
            ),
            hideCode
              ? null
              : selectField({
                  label: this.t("taxCode"),
                  name: "tax_code",
                  value: f.taxCode,
                  options: TAX_CODES,
                  onChange: (v) => (f.taxCode = v),
                }),
            selectField({
              label: this.t("taxBehavior"),
              name: "tax_behavior",
              value: f.behavior,
              options: [
                ["exclusive", this.t("taxExclusive")],
                ["inclusive", this.t("taxInclusive")],
                ["inferred_by_currency", this.t("taxInferred")],
              ],
              onChange: (v) => (f.behavior = v),
            }),
            h(
              "div",
              { class: "actions" },
              button(
                this.t("cancel"),
                () => {
                  this.form = undefined;
                  this.paint();
                },
                { fk: "tax-cancel" },
              ),
              h(
                "button",
                { type: "submit", class: "btn primary", "data-fk": "tax-save", disabled: this.busy },
                this.t("save"),
              ),
            ),
          )
        : h(
            "div",
            { class: "card" },
            summary([
              [
                this.t("taxStatus"),
                statusBadge(this.i18n, str(s.status) === "active" ? "active" : "pending"),
              ],
              [this.t("headOffice"), this.i18n.country(str(getPath(s, "head_office.address.country")))],
              [this.t("postalCode"), str(getPath(s, "head_office.address.postal_code")) ?? this.t("notSet")],
              ...(hideCode
                ? []
                : ([[this.t("taxCode"), codeLabel(str(getPath(s, "defaults.tax_code")))]] as const)),
              [this.t("taxBehavior"), behaviorLabel(str(getPath(s, "defaults.tax_behavior")))],
            ]),
          ),
    );
  }
}
