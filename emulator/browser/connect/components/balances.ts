/** stripe-connect-balances: balance summary with pay-out actions, schedule and bank account. */
import { ConnectElement } from "../base-element";
import { h, type Child } from "../dom";
import { MoneyModel } from "../views/money";

export class BalancesElement extends ConnectElement {
  protected readonly componentKey = "balances";
  private readonly money = new MoneyModel(this);

  protected async load(): Promise<void> {
    await Promise.all([this.money.loadBalance(), this.money.loadAccount()]);
  }

  protected clear(): void {
    this.money.clear();
  }

  protected view(): Child {
    return h(
      "div",
      { class: "stack" },
      h("h2", null, this.t("balances")),
      this.overlayState ? null : this.noticeNode(),
      this.money.balanceCards(true),
      this.money.settingsCards(),
    );
  }
}
