/** stripe-connect-payouts-list: the payouts table; a row opens the payout details overlay. */
import { h, type Child } from "../dom";
import { PayoutsElement } from "./payouts";

export class PayoutsListElement extends PayoutsElement {
  protected override readonly componentKey = "payouts_list";

  protected override async load(): Promise<void> {
    await Promise.all([this.money.loadPayouts(), this.detail?.load()]);
  }

  protected override view(): Child {
    return h(
      "div",
      { class: "stack" },
      h("h2", null, this.t("payouts")),
      this.money.payoutsTable((id) => this.openPayout(id)),
    );
  }
}
