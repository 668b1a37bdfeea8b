/** stripe-connect-payment-details: the details of one payment (`payment`) in an overlay; `onClose`. */
import { ConnectElement } from "../base-element";
import { h, str, type Child } from "../dom";
import { PaymentDetail } from "../views/payment-detail";

export class PaymentDetailsElement extends ConnectElement {
  protected readonly componentKey = "payment_details";
  protected override readonly reloadProps = ["payment"];
  private detail: PaymentDetail | undefined;

  protected async load(): Promise<void> {
    const id = str(this.props.payment);
    if (!id) {
      this.detail = undefined;
      return;
    }
    const detail = this.detail?.id === id ? this.detail : new PaymentDetail(this, id);
    await detail.load();
    this.detail = detail;
    if (!this.overlayState) this.show();
  }

  private show(): void {
    this.overlayState = {
      title: this.t("paymentDetails"),
      render: () => this.detail?.view() ?? null,
      onClose: () => {
        this.emit("onClose");
        this.dispatchLegacy("close");
      },
    };
  }

  protected override loaded(): void {
    const dialog = this.root.querySelector<HTMLElement>(".dialog");
    dialog?.focus();
  }

  protected clear(): void {
    this.detail = undefined;
  }

  protected view(): Child {
    if (!this.detail) return h("p", { class: "muted" }, this.t("empty"));
    if (this.overlayState) return h("p", { class: "muted small" }, this.t("paymentDetails"));
    return h(
      "div",
      { class: "row" },
      h(
        "button",
        {
          type: "button",
          class: "btn",
          "data-fk": "reopen",
          onclick: () => {
            this.show();
            this.paint();
          },
        },
        this.t("paymentDetails"),
      ),
    );
  }
}
