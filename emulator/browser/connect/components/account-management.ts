/** stripe-connect-account-management: view and edit business details, personal details and bank account. */
import { ConnectElement } from "../base-element";
import { getPath, h, rec, setPath, str, type Child } from "../dom";
import type { LabelKey } from "../i18n";
import { button, field, summary } from "../ui";
import { bankFields, bankSummary, newBankState, saveBank, validateBank } from "../views/bank-form";
import { collectionOptionsOf, OnboardingFlow } from "../views/onboarding-flow";

interface EditField {
  path: string;
  label: LabelKey;
  type?: "text" | "email" | "tel" | "url";
}

const BUSINESS: EditField[] = [
  { path: "business_profile.name", label: "businessName" },
  { path: "business_profile.url", label: "website", type: "url" },
  { path: "business_profile.support_email", label: "supportEmail", type: "email" },
  { path: "business_profile.support_phone", label: "supportPhone", type: "tel" },
  { path: "business_profile.product_description", label: "productDescription" },
];

const PERSONAL: EditField[] = [
  { path: "individual.first_name", label: "businessName" },
  { path: "individual.last_name", label: "businessName" },
  { path: "individual.email", label: "email", type: "email" },
  { path: "individual.phone", label: "phone", type: "tel" },
];

function addressText(value: unknown): string | undefined {
  const a = rec(value);
  const parts = [
    str(a.line1),
    str(a.line2),
    [str(a.postal_code), str(a.city)].filter(Boolean).join(" "),
    str(a.state),
    str(a.country),
  ];
  const text = parts.filter(Boolean).join(", ");
  return text || undefined;
}

export class AccountManagementElement extends ConnectElement {
  protected readonly componentKey = "account_management";
  private account: Record<string, unknown> | undefined;
  private readonly flow = new OnboardingFlow(
    this,
    () => ({
      collectionOptions: collectionOptionsOf(this.props.collectionOptions),
      skipTos: false,
      externalAccounts: this.feature("external_account_collection"),
    }),
    () => undefined,
    () => this.closeOverlay(),
  );

  protected async load(): Promise<void> {
    await this.flow.load();
    this.account = this.flow.account;
  }

  protected clear(): void {
    this.account = undefined;
    this.flow.clear();
  }

  private openSection(sectionName: string, title: string, render: () => Child): void {
    this.emit("onSectionOpen", { sectionName });
    this.openOverlay({ title, render, returnFocus: `edit-${sectionName}` });
  }

  private editForm(fields: EditField[], labelFor: (f: EditField) => string): () => Child {
    const values: Record<string, string> = {};
    const account = this.account ?? {};
    for (const f of fields) values[f.path] = str(getPath(account, f.path)) ?? "";
    return () =>
      h(
        "form",
        {
          onsubmit: (e: Event) => {
            e.preventDefault();
            const body: Record<string, unknown> = {};
            for (const f of fields) {
              const v = (values[f.path] ?? "").trim();
              if (v) setPath(body, f.path, v);
            }
            void this.act(
              () => this.api.request("POST", "account", body).then(() => undefined),
              "saved",
              () => this.closeOverlay(),
            );
          },
        },
        fields.map((f) =>
          field({
            label: labelFor(f),
            name: f.path,
            type: f.type ?? "text",
            value: values[f.path] ?? "",
            onInput: (v) => (values[f.path] = v),
          }),
        ),
        this.noticeNode(),
        h(
          "div",
          { class: "actions" },
          button(this.t("cancel"), () => this.closeOverlay(), { fk: "edit-cancel" }),
          h(
            "button",
            { type: "submit", class: "btn primary", "data-fk": "edit-save", disabled: this.busy },
            this.t("save"),
          ),
        ),
      );
  }

  private openBank(): void {
    const state = newBankState(this.account ?? {});
    this.openSection("bank_account", this.t("bankAccountChange"), () =>
      h(
        "form",
        {
          onsubmit: (e: Event) => {
            e.preventDefault();
            if (!validateBank(this, state)) {
              this.paint();
              return;
            }
            void this.act(
              () => saveBank(this, state),
              "bankSaved",
              () => this.closeOverlay(),
            );
          },
        },
        bankFields(this, state),
        this.noticeNode(),
        h(
          "div",
          { class: "actions" },
          button(this.t("cancel"), () => this.closeOverlay(), { fk: "bank-cancel" }),
          h(
            "button",
            { type: "submit", class: "btn primary", "data-fk": "bank-save", disabled: this.busy },
            this.t("save"),
          ),
        ),
      ),
    );
  }

  protected view(): Child {
    const a = this.account ?? {};
    const bp = rec(a.business_profile);
    const company = rec(a.company);
    const individual = rec(a.individual);
    const none = (): HTMLElement => h("span", { class: "muted" }, this.t("notSet"));
    const isIndividual = str(a.business_type) === "individual";
    const personalLabel = (f: EditField): string =>
      f.path.endsWith("first_name")
        ? this.i18n.lang === "fr"
          ? "Prénom"
          : "First name"
        : f.path.endsWith("last_name")
          ? this.i18n.lang === "fr"
            ? "Nom"
            : "Last name"
          : this.t(f.label);
    const remaining = this.flow.remaining();
    const card = (title: string, section: string, onEdit: (() => void) | null, body: Child): HTMLElement =>
      h(
        "section",
        { class: "card stack", "aria-label": title },
        h(
          "div",
          { class: "section-head" },
          h("h3", null, title),
          onEdit
            ? button(this.t("edit"), onEdit, {
                fk: `edit-${section}`,
                ariaLabel: `${this.t("edit")} – ${title}`,
              })
            : null,
        ),
        body,
      );
    return h(
      "div",
      { class: "stack" },
      h("h2", null, this.t("accountManagement")),
      this.overlayState ? null : this.noticeNode(),
      remaining > 0
        ? h(
            "div",
            { class: "banner" },
            h("div", { class: "bicon", "aria-hidden": "true" }, "!"),
            h(
              "div",
              { class: "stack", style: "gap:6px;flex:1" },
              h(
                "strong",
                null,
                this.t(remaining === 1 ? "notifTitleOne" : "notifTitleMany", { n: remaining }),
              ),
              h("span", { class: "muted" }, this.t("notifCurrentlyDue")),
            ),
            button(
              this.t("notifAction"),
              () => this.openSection("requirements", this.t("onboarding"), () => this.flow.view()),
              { primary: true, fk: "edit-requirements" },
            ),
          )
        : null,
      card(
        this.t("businessDetails"),
        "business_details",
        () =>
          this.openSection(
            "business_details",
            this.t("businessDetails"),
            this.editForm(BUSINESS, (f) => this.t(f.label)),
          ),
        summary([
          [this.t("businessName"), str(bp.name) ?? str(company.name) ?? none()],
          [this.t("website"), str(bp.url) ?? none()],
          [this.t("supportEmail"), str(bp.support_email) ?? none()],
          [this.t("supportPhone"), str(bp.support_phone) ?? none()],
          [this.t("address"), addressText(company.address) ?? addressText(individual.address) ?? none()],
        ]),
      ),
      isIndividual || Object.keys(individual).length
        ? card(
            this.t("personalDetails"),
            "personal_details",
            () =>
              this.openSection(
                "personal_details",
                this.t("personalDetails"),
                this.editForm(PERSONAL, personalLabel),
              ),
            summary([
              [
                this.t("accountHolder"),
                [str(individual.first_name), str(individual.last_name)].filter(Boolean).join(" ") || none(),
              ],
              [this.t("email"), str(individual.email) ?? str(a.email) ?? none()],
              [this.t("phone"), str(individual.phone) ?? none()],
            ]),
          )
        : null,
      card(
        this.t("bankAccount"),
        "bank_account",
        this.feature("external_account_collection") ? () => this.openBank() : null,
        bankSummary(this, a),
      ),
    );
  }
}
