/** stripe-connect-balances: balance summary with pay-out actions, schedule and bank account. */
import { ConnectElement } from "../base-element";
import { h, type Child } from "../dom";
import { MoneyModel } from "../views/money";

export class BalancesElement extends ConnectElement {
  protected readonly componentKey: string = "balances";
  protected readonly money = new MoneyModel(this);

  protected async load(): Promise<void> {
    await Promise.all([this.money.loadBalance(), this.money.loadAccount()]);
  }

  protected clear(): void {
    this.money.clear();
  }

  /** The balance cards and settings; stripe-connect-payouts shows them above its list. */
  protected balanceSection(): Child[] {
    return [
      h("h2", null, this.t("balances")),
      this.overlayState ? null : this.noticeNode(),
      this.money.balanceCards(true),
      this.money.settingsCards(),
    ];
  }

  protected view(): Child {
    return h("div", { class: "stack" }, this.balanceSection());
  }
}
