/** stripe-connect-payment-disputes: disputes of one payment, with the response form; `onDisputesLoaded`. */
import { ConnectElement } from "../base-element";
import { h, isRecord, list, str, type Child } from "../dom";
import { panel } from "../ui";
import { disputeView, type DisputeFormState } from "../views/payment-detail";

export class PaymentDisputesElement extends ConnectElement {
  protected readonly componentKey = "payment_disputes";
  protected override readonly reloadProps = ["payment"];
  private disputes: Record<string, unknown>[] = [];
  private readonly form: DisputeFormState = { text: {} };
  private reported: string | undefined;

  protected async load(): Promise<void> {
    const payment = str(this.props.payment);
    const page = await this.api.request("GET", "disputes", undefined, { payment, limit: 100 });
    this.disputes = list(page).filter(isRecord);
    const key = `${payment ?? ""}:${this.disputes.length}`;
    if (this.reported !== key) {
      this.reported = key;
      queueMicrotask(() => this.emit("onDisputesLoaded", { total: this.disputes.length }));
    }
  }

  protected clear(): void {
    this.disputes = [];
  }

  protected view(): Child {
    return h(
      "div",
      { class: "stack" },
      h("h3", null, this.t("disputes")),
      this.noticeNode(),
      this.disputes.length === 0
        ? panel({ title: this.t("disputesEmpty"), icon: "✓" })
        : this.disputes.map((d) => disputeView(this, d, this.form)),
    );
  }
}
