/** Shared building blocks: tables, badges, panels, form fields, overlays. */
import { h, rec, str, num, uid, type Child } from "./dom";
import { humanize, type I18n, type LabelKey } from "./i18n";

export type Tone = "success" | "warning" | "danger" | "neutral" | "info";

export function badge(text: string, tone: Tone): HTMLSpanElement {
  return h("span", { class: `badge ${tone}` }, text);
}

export function skeleton(label: string): HTMLElement {
  return h(
    "div",
    { class: "skeleton", role: "status", "aria-live": "polite" },
    h("span", { class: "sr-only" }, label),
    h("span", { "aria-hidden": "true" }),
    h("span", { "aria-hidden": "true" }),
    h("span", { "aria-hidden": "true" }),
  );
}

export function panel(opts: {
  title: string;
  message?: string;
  error?: boolean;
  icon?: string;
  action?: Child;
}): HTMLElement {
  return h(
    "div",
    { class: `panel${opts.error ? " error" : ""}`, role: opts.error ? "alert" : "status" },
    h("div", { class: "icon", "aria-hidden": "true" }, opts.icon ?? (opts.error ? "!" : "i")),
    h("h3", null, opts.title),
    opts.message ? h("p", { class: "muted" }, opts.message) : null,
    opts.action ?? null,
  );
}

export interface Column {
  label: string;
  num?: boolean;
  hideSm?: boolean;
}

export interface Row {
  cells: Child[];
  /** Makes the row open something; the first cell should hold a button calling the same function. */
  onOpen?: () => void;
}

export function table(caption: string, columns: Column[], rows: Row[]): HTMLElement {
  const headRow = h(
    "tr",
    null,
    columns.map((c) =>
      h(
        "th",
        { scope: "col", class: [c.num ? "num" : "", c.hideSm ? "hide-sm" : ""].join(" ").trim() || null },
        c.label,
      ),
    ),
  );
  const body = h(
    "tbody",
    null,
    rows.map((r) => {
      const tr = h(
        "tr",
        { class: r.onOpen ? "clickable" : null },
        r.cells.map((cell, i) => {
          const col = columns[i];
          return h(
            "td",
            {
              class: [col?.num ? "num" : "", col?.hideSm ? "hide-sm" : ""].join(" ").trim() || null,
              // Shown before the value when a narrow frame stacks the row.
              "data-label": i === 0 ? null : (col?.label ?? null),
            },
            cell,
          );
        }),
      );
      const open = r.onOpen;
      if (open) {
        tr.addEventListener("click", (event) => {
          const target = event.target;
          if (target instanceof Element && target.closest("button, a, input, select, textarea")) return;
          open();
        });
      }
      return tr;
    }),
  );
  return h(
    "div",
    { class: "table-wrap" },
    h("table", null, h("caption", { class: "sr-only" }, caption), h("thead", null, headRow), body),
  );
}

export function button(
  label: Child,
  onClick: () => void,
  opts: { primary?: boolean; danger?: boolean; fk?: string; disabled?: boolean; ariaLabel?: string } = {},
): HTMLButtonElement {
  return h(
    "button",
    {
      type: "button",
      class: `btn${opts.primary ? " primary" : ""}${opts.danger ? " danger" : ""}`,
      "data-fk": opts.fk ?? null,
      disabled: opts.disabled ?? false,
      "aria-label": opts.ariaLabel ?? null,
      onclick: () => onClick(),
    },
    label,
  );
}

export function summary(pairs: ReadonlyArray<readonly [string, Child]>): HTMLElement {
  return h(
    "dl",
    { class: "summary" },
    pairs.map(([k, v]) => [h("dt", null, k), h("dd", null, v)]),
  );
}

export interface FieldOpts {
  label: string;
  name: string;
  value?: string;
  type?: "text" | "email" | "tel" | "url" | "number" | "date";
  required?: boolean;
  hint?: string;
  error?: string;
  autocomplete?: string;
  inputmode?: string;
  min?: string;
  step?: string;
  placeholder?: string;
  onInput?: (value: string) => void;
}

export function field(opts: FieldOpts): HTMLElement {
  const id = uid("f");
  const hintId = opts.hint ? `${id}-hint` : null;
  const errId = opts.error ? `${id}-err` : null;
  const input = h("input", {
    id,
    name: opts.name,
    type: opts.type ?? "text",
    value: opts.value ?? "",
    required: opts.required ?? false,
    autocomplete: opts.autocomplete ?? null,
    inputmode: opts.inputmode ?? null,
    min: opts.min ?? null,
    step: opts.step ?? null,
    placeholder: opts.placeholder ?? null,
    "data-fk": `field-${opts.name}`,
    "aria-invalid": opts.error ? "true" : null,
    "aria-describedby": [hintId, errId].filter(Boolean).join(" ") || null,
  });
  const onInput = opts.onInput;
  if (onInput) input.addEventListener("input", () => onInput(input.value));
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, opts.label),
    input,
    opts.hint ? h("span", { class: "hint", id: hintId }, opts.hint) : null,
    opts.error ? h("span", { class: "err", id: errId }, opts.error) : null,
  );
}

export function selectField(opts: {
  label: string;
  name: string;
  value?: string;
  options: ReadonlyArray<readonly [string, string]>;
  error?: string;
  onChange?: (value: string) => void;
}): HTMLElement {
  const id = uid("s");
  const select = h(
    "select",
    { id, name: opts.name, "data-fk": `field-${opts.name}`, "aria-invalid": opts.error ? "true" : null },
    opts.options.map(([value, label]) => h("option", { value, selected: value === opts.value }, label)),
  );
  if (opts.value !== undefined) select.value = opts.value;
  const onChange = opts.onChange;
  if (onChange) select.addEventListener("change", () => onChange(select.value));
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, opts.label),
    select,
    opts.error ? h("span", { class: "err" }, opts.error) : null,
  );
}

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** A modal dialog or drawer: focus trapped inside, Escape and the close button close it. */
export function overlay(opts: {
  title: string;
  mode: "dialog" | "drawer";
  body: Child;
  closeLabel: string;
  onClose: () => void;
}): HTMLElement {
  const titleId = uid("dlg");
  const dialog = h(
    "div",
    { class: "dialog", role: "dialog", "aria-modal": "true", "aria-labelledby": titleId, tabindex: "-1" },
    h(
      "div",
      { class: "dialog-head" },
      // Focus lands on the heading when the dialog opens (never on an action such as Refund).
      h("h2", { id: titleId, tabindex: "-1", "data-fk": "overlay-title" }, opts.title),
      h(
        "button",
        {
          type: "button",
          class: "icon-btn",
          "aria-label": opts.closeLabel,
          "data-fk": "overlay-close",
          onclick: () => opts.onClose(),
        },
        "×",
      ),
    ),
    h("div", { class: "dialog-body" }, opts.body),
  );
  const backdrop = h("div", { class: `backdrop mode-${opts.mode}`, "data-overlay": "" }, dialog);
  backdrop.addEventListener("mousedown", (event) => {
    if (event.target === backdrop) opts.onClose();
  });
  dialog.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      opts.onClose();
      return;
    }
    if (event.key !== "Tab") return;
    const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    // The dialog is shown in the overlay frame's document (another realm: no instanceof checks).
    const root = dialog.getRootNode() as Document | ShadowRoot;
    const active = root.activeElement;
    const start = active === dialog || active === dialog.querySelector(".dialog-head h2");
    if (event.shiftKey && (active === first || start)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  });
  return backdrop;
}

/** Moves focus to an open dialog's heading (else the dialog), so no action is one keypress away. */
export function focusDialogIn(container: ParentNode): void {
  const dialog = container.querySelector<HTMLElement>(".dialog");
  const target = dialog?.querySelector<HTMLElement>(".dialog-head h2") ?? dialog;
  target?.focus();
}

/** "Visa •••• 4242" with a small brand chip. */
export function paymentMethodLabel(details: unknown): HTMLElement {
  const d = rec(details);
  const type = str(d.type) ?? "card";
  const card = rec(d.card);
  if (type === "card" || str(card.brand)) {
    const brand = str(card.brand) ?? "card";
    return h(
      "span",
      { class: "pm" },
      h("span", { class: "brand", "aria-hidden": "true" }, brand === "mastercard" ? "MC" : brand.slice(0, 4)),
      h("span", null, `${humanize(brand)} •••• ${str(card.last4) ?? "····"}`),
    );
  }
  return h("span", { class: "pm" }, humanize(type));
}

const STATUS_LABELS: Record<string, [LabelKey, Tone]> = {
  successful: ["statusSuccessful", "success"],
  succeeded: ["statusSucceeded", "success"],
  paid: ["statusPaid", "success"],
  won: ["statusWon", "success"],
  active: ["statusActive", "success"],
  available: ["statusAvailable", "success"],
  refunded: ["statusRefunded", "neutral"],
  partially_refunded: ["statusPartiallyRefunded", "neutral"],
  refund_pending: ["statusRefundPending", "info"],
  disputed: ["statusDisputed", "warning"],
  early_fraud_warning: ["statusEarlyFraudWarning", "warning"],
  needs_response: ["statusNeedsResponse", "warning"],
  warning_needs_response: ["statusNeedsResponse", "warning"],
  under_review: ["statusUnderReview", "info"],
  warning_under_review: ["statusUnderReview", "info"],
  failed: ["statusFailed", "danger"],
  blocked: ["statusBlocked", "danger"],
  lost: ["statusLost", "danger"],
  canceled: ["statusCanceled", "neutral"],
  expired: ["statusExpired", "neutral"],
  incomplete: ["statusIncomplete", "neutral"],
  pending: ["statusPending", "neutral"],
  in_transit: ["statusInTransit", "info"],
  uncaptured: ["statusUncaptured", "info"],
  scheduled: ["statusScheduled", "info"],
};

export function statusBadge(i18n: I18n, status: string | undefined): HTMLSpanElement {
  const s = status ?? "pending";
  const entry = STATUS_LABELS[s];
  return entry ? badge(i18n.t(entry[0]), entry[1]) : badge(humanize(s), "neutral");
}

/** The connect-js `Status` of a charge (the emulator derives `portico_status`; this is the fallback). */
export function chargeStatus(charge: Record<string, unknown>): string {
  const given = str(charge.portico_status);
  if (given) return given;
  const amount = num(charge.amount) ?? 0;
  const refunded = num(charge.amount_refunded) ?? 0;
  if (charge.dispute) return "disputed";
  if (charge.status === "failed") return "failed";
  if (charge.status === "pending") return "pending";
  if (charge.captured === false) return "uncaptured";
  if (refunded >= amount && amount > 0) return "refunded";
  if (refunded > 0) return "partially_refunded";
  return "successful";
}

export function amountCell(
  i18n: I18n,
  amount: number | undefined,
  currency: string | undefined,
  extra?: Child,
): HTMLElement {
  return h(
    "span",
    { class: "amount-cell" },
    // The formatted amount names its currency ("42,00 $US"); no code repeated after it.
    h("strong", null, i18n.money(amount, currency)),
    extra ?? null,
  );
}

/**
 * The first cell of an openable row: the amount as a link button (focus key `fk`, extra `attrs` such as
 * `data-payment`) followed by the status badge.
 */
export function openableAmountCell(
  i18n: I18n,
  row: { amount: number | undefined; currency: string | undefined; status: string | undefined },
  open: () => void,
  fk: string,
  attrs: Record<string, string> = {},
): HTMLElement {
  return h(
    "span",
    { class: "amount-cell" },
    h(
      "button",
      { type: "button", class: "link", "data-fk": fk, onclick: open, ...attrs },
      amountCell(i18n, row.amount, row.currency),
    ),
    statusBadge(i18n, row.status),
  );
}
