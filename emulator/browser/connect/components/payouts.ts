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
    this.detail = detail;
    this.openOverlay({
      title: this.t("payoutDetails"),
      render: () => detail.view(),
      returnFocus: `payout-${id}`,
      onClose: () => {
        this.detail = undefined;
      },
    });
    detail
      .load()
      .then(() => this.paint())
      .catch((error: unknown) => {
        this.notice = { text: error instanceof Error ? error.message : String(error), error: true };
        this.paint();
      });
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
