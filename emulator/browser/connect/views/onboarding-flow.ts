/**
 * The onboarding flow shared by account-onboarding and the notification banner's call to action: one step per group
 * of due requirements, each saved to the emulator before the next is shown; ends on a summary.
 */
import { h, rec, setPath, str, uid, type Child } from "../dom";
import { button, field, selectField } from "../ui";
import { bankFields, newBankState, saveBank, validateBank, type BankState } from "./bank-form";
import type { ViewHost } from "./host";
import {
  buildSteps,
  dueRequirements,
  fieldLabel,
  fieldValue,
  initialValue,
  MCC_OPTIONS,
  validate,
  type CollectionOptions,
  type ReqField,
  type Step,
  type StepName,
} from "./requirements";

export interface FlowOptions {
  collectionOptions?: CollectionOptions;
  skipTos: boolean;
  externalAccounts: boolean;
  fullTermsOfServiceUrl?: string;
  recipientTermsOfServiceUrl?: string;
  privacyPolicyUrl?: string;
}

const STEP_ORDER: StepName[] = [
  "business_type",
  "business_details",
  "representative",
  "external_account",
  "tos",
];

const TITLES = {
  business_type: "stepBusinessType",
  business_details: "stepBusinessDetails",
  representative: "stepRepresentative",
  external_account: "stepExternalAccount",
  tos: "stepTos",
  summary: "stepSummary",
} as const;

export class OnboardingFlow {
  account: Record<string, unknown> | undefined;
  private values: Record<string, string> = {};
  private errors: Record<string, string> = {};
  private businessType = "";
  private bank: BankState | undefined;
  /** Steps submitted in this frame (their fields, so Back can show them again). */
  private completed = new Map<StepName, Step>();
  /** A step reopened with Back (until it is saved again). */
  private viewing: StepName | undefined;
  private viewingFrom: StepName | undefined;
  private lastStep: StepName | undefined;
  private stuck: string | undefined;
  private lastSubmitted: StepName | undefined;

  constructor(
    private readonly host: ViewHost,
    private readonly options: () => FlowOptions,
    private readonly onStep: (step: StepName) => void,
    private readonly onExit: () => void,
  ) {}

  async load(): Promise<void> {
    this.account = await this.host.api.request<Record<string, unknown>>("GET", "account");
  }

  clear(): void {
    this.account = undefined;
    this.values = {};
    this.bank = undefined;
  }

  steps(): Step[] {
    const account = this.account ?? {};
    const opts = this.options();
    const due = dueRequirements(account, opts.collectionOptions);
    return buildSteps(due, str(account.business_type)).filter(
      (s) =>
        !(s.name === "external_account" && !opts.externalAccounts) && !(s.name === "tos" && opts.skipTos),
    );
  }

  /**
   * Every step of this onboarding, done or not, in order: the steps due now plus those already seen for this
   * account (kept in the frame's session storage), so the "Step n of m" list stays the same across reloads.
   */
  private plan(steps: Step[]): StepName[] {
    const key = `portico-onboarding-plan:${str(this.account?.id) ?? ""}`;
    let seen: string[] = [];
    try {
      const stored: unknown = JSON.parse(sessionStorage.getItem(key) ?? "[]");
      if (Array.isArray(stored)) seen = stored.filter((x): x is string => typeof x === "string");
    } catch {
      seen = [];
    }
    const names = new Set<string>([...seen, ...this.completed.keys(), ...steps.map((x) => x.name)]);
    const plan = STEP_ORDER.filter((n) => names.has(n));
    try {
      sessionStorage.setItem(key, JSON.stringify(plan));
    } catch {
      // Storage may be unavailable (partitioned or disabled): the list is then per page load.
    }
    return plan;
  }

  /** The step Back reopens: the one before `current` in the plan, when this flow can show it again. */
  private previous(plan: StepName[], current: StepName): Step | undefined {
    const at = current === "summary" ? plan.length : plan.indexOf(current);
    for (let i = at - 1; i >= 0; i--) {
      const name = plan[i];
      if (!name || name === "tos") continue;
      const known = this.completed.get(name);
      if (known) return known;
      // These two forms are drawn from the account alone; detail steps need the fields they had.
      if (name === "business_type" || name === "external_account")
        return { name, fields: [], requirements: [] };
    }
    return undefined;
  }

  /** Number of actionable requirements left. */
  remaining(): number {
    return this.steps().reduce((n, s) => n + s.requirements.length, 0);
  }

  private value(f: ReqField): string {
    return this.values[f.path] ?? initialValue(this.account ?? {}, f);
  }

  private submit(step: Step): void {
    const host = this.host;
    const account = this.account ?? {};
    this.errors = {};
    let run: () => Promise<void>;
    if (step.name === "business_type") {
      const bt = this.businessType || str(account.business_type) || "";
      if (!bt) {
        this.errors.business_type = host.t("required");
        host.paint();
        return;
      }
      run = () => host.api.request("POST", "account", { business_type: bt }).then(() => undefined);
    } else if (step.name === "external_account") {
      const bank = (this.bank ??= newBankState(account));
      if (!validateBank(host, bank)) {
        host.paint();
        return;
      }
      run = () => saveBank(host, bank);
    } else if (step.name === "tos") {
      run = () =>
        host.api.request("POST", "account", { tos_acceptance: { accepted: true } }).then(() => undefined);
    } else {
      const body: Record<string, unknown> = {};
      for (const f of step.fields) {
        const v = this.value(f);
        const problem = validate(f, v);
        if (problem) {
          this.errors[f.path] = host.t(problem);
          continue;
        }
        if (v.trim() || f.kind === "confirm") setPath(body, f.path, fieldValue(f, v));
      }
      if (Object.keys(this.errors).length) {
        host.paint();
        return;
      }
      run = () => host.api.request("POST", "account", body).then(() => undefined);
    }
    this.lastSubmitted = step.name;
    void host.act(run, null, () => {
      this.completed.set(step.name, step);
      this.viewing = undefined;
    });
  }

  view(): Child {
    const host = this.host;
    const steps = this.steps();
    const reopened = this.viewing ? this.completed.get(this.viewing) : undefined;
    const plan = this.plan(steps);
    const due = steps[0];
    const step = this.viewing ? (reopened ?? this.previous(plan, this.viewingFrom ?? "summary")) : due;
    const name: StepName = step?.name ?? "summary";
    if (name !== this.lastStep) {
      this.lastStep = name;
      queueMicrotask(() => this.onStep(name));
      this.stuck = undefined;
      this.lastSubmitted = undefined;
    } else if (step && !this.viewing && this.lastSubmitted === name && !host.busy) {
      this.stuck = step.requirements.join(", ");
      this.lastSubmitted = undefined;
    }
    const total = plan.length + 1;
    const index = name === "summary" ? total : plan.indexOf(name) + 1;
    const back = name === "summary" ? undefined : this.previous(plan, name);
    const headingId = uid("step");
    return h(
      "section",
      { class: "stack", "aria-labelledby": headingId, "data-step": name },
      h(
        "ol",
        { class: "steps", "aria-hidden": "true" },
        Array.from({ length: total }, (_, i) =>
          h("li", { class: i < index - 1 ? "done" : i === index - 1 ? "current" : "" }),
        ),
      ),
      h(
        "div",
        { class: "section-head" },
        h(
          "div",
          null,
          h("p", { class: "muted small" }, host.t("stepOf", { n: index, total })),
          h("h2", { id: headingId }, host.t(TITLES[name])),
        ),
        h(
          "div",
          { class: "row" },
          back
            ? button(
                host.t("back"),
                () => {
                  this.viewingFrom = name;
                  this.viewing = back.name;
                  if (!this.completed.has(back.name)) this.completed.set(back.name, back);
                  host.paint();
                },
                { fk: "back" },
              )
            : null,
          button(host.t("exit"), () => this.onExit(), { fk: "exit" }),
        ),
      ),
      step ? this.stepBody(step) : this.summary(),
    );
  }

  private stepBody(step: Step): Child {
    const host = this.host;
    const submitLabel = step.name === "tos" ? host.t("tosAccept") : host.t("saveAndContinue");
    return h(
      "form",
      {
        novalidate: true,
        onsubmit: (e: Event) => {
          e.preventDefault();
          this.submit(step);
        },
      },
      this.fieldsFor(step),
      this.stuck
        ? h("p", { class: "error-text", role: "alert" }, `${host.t("required")} (${this.stuck})`)
        : null,
      host.noticeNode(),
      h(
        "div",
        { class: "actions" },
        h(
          "button",
          { type: "submit", class: "btn primary", "data-fk": `submit-${step.name}`, disabled: host.busy },
          submitLabel,
        ),
      ),
    );
  }

  private fieldsFor(step: Step): Child {
    const host = this.host;
    const account = this.account ?? {};
    switch (step.name) {
      case "business_type": {
        const current = this.businessType || str(account.business_type) || "";
        const options: Array<[string, "btIndividual" | "btCompany" | "btNonProfit" | "btGovernment"]> = [
          ["individual", "btIndividual"],
          ["company", "btCompany"],
          ["non_profit", "btNonProfit"],
          ["government_entity", "btGovernment"],
        ];
        return h(
          "fieldset",
          { "aria-describedby": this.errors.business_type ? "bt-err" : null },
          h("legend", null, host.t("businessTypeQuestion")),
          options.map(([value, label]) =>
            h(
              "label",
              { class: "option" },
              h("input", {
                type: "radio",
                name: "business_type",
                value,
                checked: current === value,
                "data-fk": `bt-${value}`,
                onchange: () => {
                  this.businessType = value;
                },
              }),
              host.t(label),
            ),
          ),
          this.errors.business_type
            ? h("span", { class: "error-text", id: "bt-err" }, this.errors.business_type)
            : null,
        );
      }
      case "external_account": {
        this.bank ??= newBankState(account);
        return bankFields(host, this.bank);
      }
      case "tos": {
        const opts = this.options();
        const tosUrl =
          opts.fullTermsOfServiceUrl ??
          opts.recipientTermsOfServiceUrl ??
          "https://stripe.com/connect-account/legal";
        const privacyUrl = opts.privacyPolicyUrl ?? "https://stripe.com/privacy";
        const [before, rest = ""] = host.t("tosText").split("{link}");
        const [middle, after = ""] = rest.split("{privacy}");
        return h(
          "p",
          null,
          before,
          h("a", { href: tosUrl, target: "_blank", rel: "noopener" }, host.t("tosLink")),
          middle,
          h("a", { href: privacyUrl, target: "_blank", rel: "noopener" }, host.t("privacyLink")),
          after,
        );
      }
      default:
        return this.detailFields(step.fields);
    }
  }

  private detailFields(fields: ReqField[]): Child {
    return h(
      "div",
      { class: "grid2" },
      this.detailFieldNodes(fields).map((node, i) => {
        const f = fields[i];
        const wide =
          f &&
          (f.kind === "confirm" ||
            f.kind === "mcc" ||
            /(line1|\.url|product_description|\.name)$/.test(f.path));
        if (wide && node instanceof HTMLElement) node.classList.add("span2");
        return node;
      }),
    );
  }

  private detailFieldNodes(fields: ReqField[]): Child[] {
    const host = this.host;
    return fields.map((f) => {
      const label = fieldLabel(host.i18n, f.path);
      const error = this.errors[f.path];
      const set = (v: string): void => {
        this.values[f.path] = v;
      };
      if (f.kind === "mcc") {
        return selectField({
          label,
          name: f.path,
          value: this.value(f),
          error,
          options: [
            ["", "—"],
            ...MCC_OPTIONS.map(([code, en, fr]) => [code, host.i18n.lang === "fr" ? fr : en] as const),
          ],
          onChange: set,
        });
      }
      if (f.kind === "confirm") {
        return h(
          "label",
          { class: "option" },
          h("input", {
            type: "checkbox",
            name: f.path,
            "data-fk": `field-${f.path}`,
            checked: this.value(f) === "true",
            onchange: (e: Event) => {
              const t = e.target;
              if (t instanceof HTMLInputElement) set(t.checked ? "true" : "");
            },
          }),
          label,
          error ? h("span", { class: "err" }, error) : null,
        );
      }
      return field({
        label,
        name: f.path,
        type:
          f.kind === "date"
            ? "date"
            : f.kind === "email"
              ? "email"
              : f.kind === "tel"
                ? "tel"
                : f.kind === "url"
                  ? "url"
                  : "text",
        value: this.value(f),
        error,
        required: !f.path.endsWith("line2"),
        onInput: set,
      });
    });
  }

  private summary(): Child {
    const host = this.host;
    const account = this.account ?? {};
    const enabled = account.charges_enabled === true && account.payouts_enabled === true;
    return h(
      "div",
      { class: "panel", role: "status" },
      h("div", { class: "icon", "aria-hidden": "true" }, "✓"),
      h("h3", null, enabled ? host.t("allSet") : host.t("pendingReview")),
      enabled ? h("p", { class: "muted" }, host.t("allSetBody")) : null,
      host.noticeNode(),
      button(host.t("done"), () => this.onExit(), { primary: true, fk: "done" }),
    );
  }
}

export function collectionOptionsOf(value: unknown): CollectionOptions | undefined {
  const v = rec(value);
  if (!Object.keys(v).length) return undefined;
  const requirements = rec(v.requirements);
  return {
    fields: v.fields === "eventually_due" ? "eventually_due" : "currently_due",
    futureRequirements: v.futureRequirements === "include" ? "include" : "omit",
    requirements: Array.isArray(requirements.only)
      ? { only: requirements.only.filter((x): x is string => typeof x === "string") }
      : Array.isArray(requirements.exclude)
        ? { exclude: requirements.exclude.filter((x): x is string => typeof x === "string") }
        : undefined,
  };
}
