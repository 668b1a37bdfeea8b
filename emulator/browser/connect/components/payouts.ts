/** stripe-connect-payouts: balance summary, pay out now / instant, schedule, bank account, payouts list. */
import { ConnectElement } from "../base-element";
import { h, type Child } from "../dom";
import { MoneyModel, PayoutDetail } from "../views/money";

export class PayoutsElement extends ConnectElement {
  protected readonly componentKey: string = "payouts";
  protected readonly money = new MoneyModel(this);
  protected detail: PayoutDetail | undefined;

  protected async load(): Promise<void> {
    await Promise.all([
      this.money.loadBalance(),
      this.money.loadAccount(),
      this.money.loadPayouts(),
      this.detail?.load(),
    ]);
  }

  protected clear(): void {
    this.money.clear();
    this.detail = undefined;
  }

  protected openPayout(id: string): void {
    const detail = new PayoutDetail(this, id);
    this.openDetailOverlay(detail, this.t("payoutDetails"), `payout-${id}`, (d) => (this.detail = d));
  }

  protected view(): Child {
    return h(
      "div",
      { class: "stack" },
      h("h2", null, this.t("balances")),
      this.overlayState ? null : this.noticeNode(),
      this.money.balanceCards(true),
      this.money.settingsCards(),
      h("h2", null, this.t("payouts")),
      this.money.payoutsTable((id) => this.openPayout(id)),
    );
  }
}
