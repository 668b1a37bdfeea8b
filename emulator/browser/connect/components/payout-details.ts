/** stripe-connect-payout-details: one payout (`payout`) in an overlay; `onClose`. */
import { ConnectElement } from "../base-element";
import { h, str, type Child } from "../dom";
import { PayoutDetail } from "../views/money";

export class PayoutDetailsElement extends ConnectElement {
  protected readonly componentKey = "payout_details";
  protected override readonly reloadProps = ["payout"];
  private detail: PayoutDetail | undefined;

  protected async load(): Promise<void> {
    const id = str(this.props.payout);
    if (!id) {
      this.detail = undefined;
      return;
    }
    const detail = this.detail?.id === id ? this.detail : new PayoutDetail(this, id);
    await detail.load();
    this.detail = detail;
    if (!this.overlayState) this.show();
  }

  private show(): void {
    this.overlayState = {
      title: this.t("payoutDetails"),
      render: () => this.detail?.view() ?? null,
      onClose: () => {
        this.emit("onClose");
        this.dispatchLegacy("close");
      },
    };
  }

  protected override loaded(): void {
    this.root.querySelector<HTMLElement>(".dialog")?.focus();
  }

  protected clear(): void {
    this.detail = undefined;
  }

  protected view(): Child {
    if (!this.detail) return h("p", { class: "muted" }, this.t("empty"));
    if (this.overlayState) return h("p", { class: "muted small" }, this.t("payoutDetails"));
    return h(
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
      this.t("payoutDetails"),
    );
  }
}
