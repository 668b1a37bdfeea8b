/** stripe-connect-tax-registrations: list, add and expire tax registrations (persisted in the emulator). */
import { ConnectElement } from "../base-element";
import { h, isRecord, list, num, rec, str, type Child } from "../dom";
import { button, panel, selectField, statusBadge, table } from "../ui";

const COUNTRIES = ["US", "CA", "GB", "FR", "DE", "IE", "NL", "ES", "IT", "AU"];

export class TaxRegistrationsElement extends ConnectElement {
  protected readonly componentKey = "tax_registrations";
  private regs: Record<string, unknown>[] = [];
  private adding: { country: string } | undefined;

  protected async load(): Promise<void> {
    this.regs = list(await this.api.request("GET", "tax/registrations")).filter(isRecord);
  }

  protected clear(): void {
    this.regs = [];
    this.adding = undefined;
  }

  private countries(): string[] {
    const v = this.props.displayCountries;
    const l = Array.isArray(v)
      ? v.filter((x): x is string => typeof x === "string").map((c) => c.toUpperCase())
      : [];
    return l.length ? l : COUNTRIES;
  }

  private add(): void {
    const country = this.adding?.country;
    if (!country) return;
    const lc = country.toLowerCase();
    let id = "";
    void this.act(
      async () => {
        const reg = rec(
          await this.api.request("POST", "tax/registrations", {
            country,
            country_options: { [lc]: { type: lc === "us" ? "state_sales_tax" : "standard" } },
            active_from: "now",
          }),
        );
        id = str(reg.id) ?? "";
      },
      "registrationAdded",
      () => {
        this.adding = undefined;
      },
    ).then((ok) => {
      if (ok) this.emit("onAfterTaxRegistrationAdded", { id });
    });
  }

  private expire(id: string): void {
    void this.act(
      () =>
        this.api
          .request("POST", `tax/registrations/${encodeURIComponent(id)}/expire`, {})
          .then(() => undefined),
      "registrationExpired",
    ).then((ok) => {
      if (ok) this.emit("onAfterTaxRegistrationExpired", { id });
    });
  }

  protected view(): Child {
    const i18n = this.i18n;
    const shown = this.countries();
    const regs = this.regs.filter((r) => shown.includes((str(r.country) ?? "").toUpperCase()));
    return h(
      "div",
      { class: "stack" },
      h(
        "div",
        { class: "section-head" },
        h("h2", null, this.t("taxRegistrations")),
        this.adding
          ? null
          : button(
              this.t("addRegistration"),
              () => {
                this.adding = { country: shown[0] ?? "US" };
                this.paint();
                this.root.querySelector<HTMLElement>("select")?.focus();
              },
              { primary: true, fk: "reg-add" },
            ),
      ),
      this.noticeNode(),
      this.adding
        ? h(
            "form",
            {
              class: "card",
              onsubmit: (e: Event) => {
                e.preventDefault();
                this.add();
              },
            },
            selectField({
              label: this.t("country"),
              name: "country",
              value: this.adding.country,
              options: shown.map((c) => [c, i18n.country(c)] as const),
              onChange: (v) => {
                if (this.adding) this.adding.country = v;
              },
            }),
            h(
              "div",
              { class: "actions" },
              button(
                this.t("cancel"),
                () => {
                  this.adding = undefined;
                  this.paint();
                },
                { fk: "reg-cancel" },
              ),
              h(
                "button",
                { type: "submit", class: "btn primary", "data-fk": "reg-save", disabled: this.busy },
                this.t("addRegistration"),
              ),
            ),
          )
        : null,
      regs.length === 0
        ? panel({ title: this.t("taxRegistrationsEmpty"), icon: "∅" })
        : table(
            this.t("taxRegistrations"),
            [
              { label: this.t("country") },
              { label: this.t("status") },
              { label: this.t("activeFrom") },
              { label: this.t("expiresAt") },
              { label: "" },
            ],
            regs.map((r) => {
              const id = str(r.id) ?? "";
              const status = str(r.status) ?? "active";
              return {
                cells: [
                  h("strong", null, i18n.country(str(r.country))),
                  statusBadge(i18n, status),
                  i18n.date(num(r.active_from)),
                  num(r.expires_at) ? i18n.date(num(r.expires_at)) : "—",
                  status === "expired"
                    ? null
                    : button(this.t("expire"), () => this.expire(id), {
                        danger: true,
                        fk: `expire-${id}`,
                        ariaLabel: `${this.t("expire")} – ${i18n.country(str(r.country))}`,
                        disabled: this.busy,
                      }),
                ],
              };
            }),
          ),
    );
  }
}
