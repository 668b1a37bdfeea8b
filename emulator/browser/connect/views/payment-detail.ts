/** Payment details (charge, refunds, disputes) with refund / capture / dispute-response actions per feature. */
import { h, list, num, rec, str, type Child } from "../dom";
import { I18n, term } from "../i18n";
import {
  amountCell,
  button,
  chargeStatus,
  field,
  paymentMethodLabel,
  selectField,
  skeleton,
  statusBadge,
  summary,
  table,
} from "../ui";
import type { ViewHost } from "./host";

/** The customer's name, else email (billing details for guest payments), else the fallback ("Guest"). */
export function customerLabel(charge: Record<string, unknown>, fallback: string): string {
  const customer = rec(charge.customer);
  const billing = rec(charge.billing_details);
  return (
    str(customer.name) ??
    str(customer.email) ??
    str(billing.name) ??
    str(billing.email) ??
    str(charge.receipt_email) ??
    fallback
  );
}

/** The details add the email after the name, as Stripe's payment page does. */
function customerDetail(charge: Record<string, unknown>, fallback: string): Child {
  const label = customerLabel(charge, fallback);
  const email = str(rec(charge.customer).email) ?? str(rec(charge.billing_details).email);
  return email && email !== label
    ? h("span", null, label, " · ", h("span", { class: "muted" }, email))
    : label;
}

export function disputeView(
  host: ViewHost,
  dispute: Record<string, unknown>,
  state: DisputeFormState,
): HTMLElement {
  const i18n = host.i18n;
  const status = str(dispute.status) ?? "needs_response";
  const id = str(dispute.id) ?? "";
  const due = num(rec(dispute.evidence_details).due_by);
  const canRespond =
    host.feature("dispute_management") &&
    (status === "needs_response" || status === "warning_needs_response");
  const textKey = `evidence-${id}`;
  return h(
    "div",
    { class: "card stack" },
    h(
      "div",
      { class: "section-head" },
      h(
        "div",
        { class: "row" },
        amountCell(i18n, num(dispute.amount), str(dispute.currency)),
        statusBadge(i18n, status),
      ),
      due ? h("span", { class: "muted small" }, `${host.t("respondBy")} ${i18n.date(due)}`) : null,
    ),
    summary([
      [host.t("disputeReason"), term(i18n, str(dispute.reason) ?? "general")],
      [host.t("created"), i18n.date(num(dispute.created))],
      ...(host.showIds ? ([[host.t("id"), h("span", { class: "mono" }, id)]] as const) : []),
    ]),
    canRespond
      ? h(
          "div",
          { class: "form" },
          h(
            "div",
            { class: "field" },
            h("label", { for: `ta-${id}` }, host.t("evidence")),
            h("textarea", {
              id: `ta-${id}`,
              "data-fk": textKey,
              placeholder: host.t("evidencePlaceholder"),
              value: state.text[id] ?? "",
              oninput: (e: Event) => {
                const target = e.target;
                if (target instanceof HTMLTextAreaElement) state.text[id] = target.value;
              },
            }),
          ),
          h(
            "div",
            { class: "actions" },
            button(
              host.t("acceptDispute"),
              () =>
                void host.act(
                  () => host.api.request("POST", `disputes/${id}/close`, {}).then(() => undefined),
                  "disputeUpdated",
                ),
              { danger: true, fk: `accept-${id}`, disabled: host.busy },
            ),
            button(
              host.t("submitEvidence"),
              () =>
                void host.act(
                  () =>
                    host.api
                      .request("POST", `disputes/${id}`, {
                        evidence: { uncategorized_text: state.text[id] ?? "" },
                        submit: true,
                      })
                      .then(() => undefined),
                  "disputeUpdated",
                ),
              { primary: true, fk: `submit-${id}`, disabled: host.busy },
            ),
          ),
        )
      : null,
  );
}

export interface DisputeFormState {
  text: Record<string, string>;
}

export class PaymentDetail {
  charge: Record<string, unknown> | undefined;
  private refundOpen = false;
  private refundAmount = "";
  private refundReason = "requested_by_customer";
  /** The amount (minor units) the user is asked to confirm, once the form validated. */
  private refundConfirm: number | undefined;
  private refundError: string | undefined;
  private readonly disputeState: DisputeFormState = { text: {} };

  constructor(
    private readonly host: ViewHost,
    readonly id: string,
  ) {}

  async load(): Promise<void> {
    this.charge = await this.host.api.request<Record<string, unknown>>(
      "GET",
      `payments/${encodeURIComponent(this.id)}`,
    );
  }

  /** The refund form, then its confirmation; amounts are checked here so the user never sees a raw API error. */
  private refundForm(chargeId: string, currency: string, remaining: number): HTMLElement {
    const host = this.host;
    const i18n = host.i18n;
    const factor = I18n.minorFactor(currency);
    const close = (): void => {
      this.refundOpen = false;
      this.refundConfirm = undefined;
      this.refundError = undefined;
      host.paint();
    };
    const confirming = this.refundConfirm;
    if (confirming !== undefined) {
      return h(
        "div",
        {
          class: "card stack",
          role: "group",
          "aria-label": host.t("refundPayment"),
          "data-refund": "confirm",
        },
        h("h3", null, host.t("refundConfirmTitle")),
        h("p", null, host.t("refundConfirmBody", { amount: i18n.money(confirming, currency) })),
        h(
          "div",
          { class: "actions" },
          button(
            host.t("back"),
            () => {
              this.refundConfirm = undefined;
              host.paint();
            },
            { fk: "refund-back" },
          ),
          button(
            host.t("refundConfirm"),
            () =>
              void host.act(
                () =>
                  host.api
                    .request("POST", `payments/${encodeURIComponent(chargeId)}/refund`, {
                      amount: confirming,
                      reason: this.refundReason,
                    })
                    .then(() => undefined),
                "refundDone",
                () => {
                  this.refundOpen = false;
                  this.refundConfirm = undefined;
                },
              ),
            { primary: true, fk: "refund-confirm", disabled: host.busy },
          ),
        ),
      );
    }
    return h(
      "form",
      {
        class: "card",
        novalidate: true,
        "aria-label": host.t("refundPayment"),
        onsubmit: (e: Event) => {
          e.preventDefault();
          const text = this.refundAmount.trim().replace(",", ".");
          const value = Number(text);
          const minor = Math.round(value * factor);
          if (!text || !Number.isFinite(value) || minor <= 0 || minor > remaining) {
            this.refundError = host.t("refundAmountInvalid", { max: i18n.money(remaining, currency) });
            host.paint();
            const form = e.target;
            if (form instanceof HTMLFormElement) form.querySelector<HTMLElement>("input")?.focus();
            return;
          }
          this.refundError = undefined;
          this.refundConfirm = minor;
          host.paint();
        },
      },
      h("h3", null, host.t("refundPayment")),
      h(
        "div",
        { class: "grid2" },
        field({
          label: `${host.t("refundAmount")} (${currency.toUpperCase()})`,
          name: "refund-amount",
          inputmode: "decimal",
          value: this.refundAmount,
          hint: host.t("refundAmountHint", { max: i18n.money(remaining, currency) }),
          error: this.refundError,
          onInput: (v) => {
            this.refundAmount = v;
          },
        }),
        selectField({
          label: host.t("refundReason"),
          name: "refund-reason",
          value: this.refundReason,
          options: [
            ["requested_by_customer", host.t("reasonRequested")],
            ["duplicate", host.t("reasonDuplicate")],
            ["fraudulent", host.t("reasonFraudulent")],
          ],
          onChange: (v) => {
            this.refundReason = v;
          },
        }),
      ),
      h(
        "div",
        { class: "actions" },
        button(host.t("cancel"), close, { fk: "refund-cancel" }),
        h(
          "button",
          { type: "submit", class: "btn primary", "data-fk": "refund-submit", disabled: host.busy },
          host.t("refundSubmit"),
        ),
      ),
    );
  }

  view(): Child {
    const host = this.host;
    const i18n = host.i18n;
    const c = this.charge;
    if (!c) return skeleton(host.t("loading"));
    const amount = num(c.amount) ?? 0;
    const refunded = num(c.amount_refunded) ?? 0;
    const currency = str(c.currency) ?? "usd";
    const status = chargeStatus(c);
    const chargeId = str(c.id) ?? this.id;
    const disputes = list(c.disputes).map(rec);
    // Stripe refuses to refund a disputed charge (`charge_disputed`): the dispute is the way to return the funds.
    const refundable =
      host.feature("refund_management") &&
      c.status === "succeeded" &&
      c.captured !== false &&
      !c.dispute &&
      disputes.length === 0 &&
      refunded < amount;
    const capturable = host.feature("capture_payments") && c.captured === false && c.status === "succeeded";
    const refunds = list(c.refunds).map(rec);
    const factor = I18n.minorFactor(currency);

    const remaining = amount - refunded;
    const refundForm = this.refundOpen ? this.refundForm(chargeId, currency, remaining) : null;

    const events: Array<[number, string]> = [[num(c.created) ?? 0, host.t("paymentCreated")]];
    for (const r of refunds) {
      events.push([
        num(r.created) ?? 0,
        `${host.t("refunded")} ${i18n.money(num(r.amount), str(r.currency) ?? currency)}`,
      ]);
    }
    for (const d of disputes) {
      events.push([num(d.created) ?? 0, `${host.t("dispute")}: ${term(i18n, str(d.reason) ?? "general")}`]);
    }
    events.sort((a, b) => a[0] - b[0]);
    const bt = rec(c.balance_transaction);

    return h(
      "div",
      { class: "stack" },
      h(
        "div",
        { class: "section-head" },
        h(
          "div",
          { class: "row" },
          h("span", { class: "amount-lg" }, i18n.money(amount, currency)),
          statusBadge(i18n, status),
        ),
        h(
          "div",
          { class: "row" },
          capturable
            ? button(
                host.t("capture"),
                () =>
                  void host.act(
                    () =>
                      host.api
                        .request("POST", `payments/${encodeURIComponent(chargeId)}/capture`, {})
                        .then(() => undefined),
                    "captureDone",
                  ),
                { primary: true, fk: "capture", disabled: host.busy },
              )
            : null,
          refundable && !this.refundOpen
            ? button(
                host.t("refund"),
                () => {
                  this.refundOpen = true;
                  this.refundConfirm = undefined;
                  this.refundError = undefined;
                  this.refundAmount = String((amount - refunded) / factor);
                  host.paint();
                },
                { fk: "refund" },
              )
            : null,
        ),
      ),
      host.noticeNode(),
      refundForm,
      summary([
        [host.t("date"), i18n.date(num(c.created), true)],
        [host.t("customer"), customerDetail(c, host.t("guest"))],
        [host.t("paymentMethod"), paymentMethodLabel(c.payment_method_details)],
        [host.t("description"), str(c.description) ?? "—"],
        ...(refunded > 0 ? ([[host.t("refunded"), i18n.money(refunded, currency)]] as const) : []),
        ...(num(bt.fee) !== undefined
          ? ([
              [host.t("fee"), i18n.money(num(bt.fee), str(bt.currency) ?? currency)],
              // Net of what was refunded since (Stripe shows the payment's net after refunds).
              [
                host.t("net"),
                i18n.money(
                  (num(bt.net) ?? 0) - ((str(bt.currency) ?? currency) === currency ? refunded : 0),
                  str(bt.currency) ?? currency,
                ),
              ],
            ] as const)
          : []),
        [host.t("id"), h("span", { class: "mono" }, chargeId)],
      ]),
      refunds.length
        ? h(
            "section",
            { class: "stack", "aria-label": host.t("refunds"), "data-section": "refunds" },
            h("h3", null, host.t("refunds")),
            table(
              host.t("refunds"),
              [{ label: host.t("amount") }, { label: host.t("date") }, { label: host.t("status") }],
              refunds.map((r) => ({
                cells: [
                  i18n.money(num(r.amount), str(r.currency) ?? currency),
                  i18n.date(num(r.created), true),
                  statusBadge(i18n, str(r.status)),
                ],
              })),
            ),
          )
        : null,
      disputes.length
        ? h(
            "section",
            { class: "stack", "aria-label": host.t("disputes") },
            h("h3", null, host.t("disputes")),
            disputes.map((d) => disputeView(host, d, this.disputeState)),
          )
        : null,
      h(
        "section",
        { class: "stack", "aria-label": host.t("timeline") },
        h("h3", null, host.t("timeline")),
        h(
          "ul",
          { class: "timeline" },
          events.map(([t, label]) =>
            h("li", null, h("span", null, label), h("span", { class: "muted small" }, i18n.date(t, true))),
          ),
        ),
      ),
    );
  }
}
