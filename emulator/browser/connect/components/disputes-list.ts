/** stripe-connect-disputes-list: all disputes; a row opens the disputed payment with the response form. */
import { ConnectElement } from "../base-element";
import { h, isRecord, list, num, rec, str, type Child } from "../dom";
import { term } from "../i18n";
import { panel, table, openableAmountCell } from "../ui";
import { PaymentDetail } from "../views/payment-detail";

export class DisputesListElement extends ConnectElement {
  protected readonly componentKey = "disputes_list";
  private disputes: Record<string, unknown>[] = [];
  private detail: PaymentDetail | undefined;

  protected async load(): Promise<void> {
    const [page] = await Promise.all([
      this.api.request("GET", "disputes", undefined, { limit: 50 }),
      this.detail?.load(),
    ]);
    this.disputes = list(page).filter(isRecord);
  }

  protected clear(): void {
    this.disputes = [];
    this.detail = undefined;
  }

  private open(paymentId: string, disputeId: string): void {
    const detail = new PaymentDetail(this, paymentId);
    this.openDetailOverlay(
      detail,
      this.t("paymentDetails"),
      `dispute-${disputeId}`,
      (d) => (this.detail = d),
    );
  }

  protected view(): Child {
    const i18n = this.i18n;
    return h(
      "div",
      { class: "stack" },
      h("h2", null, this.t("disputes")),
      this.disputes.length === 0
        ? panel({ title: this.t("disputesEmpty"), icon: "✓" })
        : table(
            this.t("disputes"),
            [
              { label: this.t("amount") },
              { label: this.t("disputeReason") },
              { label: this.t("respondBy"), hideSm: true },
              { label: this.t("created"), num: true },
            ],
            this.disputes.map((d) => {
              const id = str(d.id) ?? "";
              const charge = d.charge;
              const paymentId = str(charge) ?? str(rec(charge).id) ?? str(d.payment_intent) ?? "";
              const open = (): void => this.open(paymentId, id);
              return {
                onOpen: open,
                cells: [
                  openableAmountCell(
                    i18n,
                    { amount: num(d.amount), currency: str(d.currency), status: str(d.status) },
                    open,
                    `dispute-${id}`,
                  ),
                  term(i18n, str(d.reason) ?? "general"),
                  i18n.date(num(rec(d.evidence_details).due_by)),
                  i18n.date(num(d.created)),
                ],
              };
            }),
          ),
    );
  }
}
