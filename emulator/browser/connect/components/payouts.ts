/** stripe-connect-payouts: balance summary, pay out now / instant, schedule, bank account, payouts list. */
import { h, type Child } from "../dom";
import { PayoutDetail } from "../views/money";
import { BalancesElement } from "./balances";

export class PayoutsElement extends BalancesElement {
  protected override readonly componentKey: string = "payouts";
  protected detail: PayoutDetail | undefined;

  protected override async load(): Promise<void> {
    await Promise.all([super.load(), this.money.loadPayouts(), this.detail?.load()]);
  }

  protected override clear(): void {
    super.clear();
    this.detail = undefined;
  }

  protected openPayout(id: string): void {
    const detail = new PayoutDetail(this, id, (payout) => {
      // The detail is newer than the list row (the payout was paid since): the list shows the same status.
      if (this.money.updatePayout(payout)) this.paint();
    });
    this.openDetailOverlay(detail, this.t("payoutDetails"), `payout-${id}`, (d) => (this.detail = d));
  }

  protected override view(): Child {
    return h(
      "div",
      { class: "stack" },
      this.balanceSection(),
      h("h2", null, this.t("payouts")),
      this.money.payoutsTable((id) => this.openPayout(id)),
    );
  }
}
