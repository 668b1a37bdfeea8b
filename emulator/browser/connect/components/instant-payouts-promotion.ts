/** stripe-connect-instant-payouts-promotion: a promotion card when an instant payout is possible. */
import { ConnectElement } from "../base-element";
import { h, isRecord, str, type Child } from "../dom";
import { button } from "../ui";
import { MoneyModel } from "../views/money";

export class InstantPayoutsPromotionElement extends ConnectElement {
  protected readonly componentKey = "instant_payouts_promotion";
  private readonly money = new MoneyModel(this);
  private shown: boolean | undefined;

  constructor() {
    super();
    this.bare = true;
  }

  private get eligible(): boolean {
    const instant = this.money.instantAvailable();
    return this.feature("instant_payouts") && (instant?.amount ?? 0) > 0;
  }

  protected async load(): Promise<void> {
    await this.money.loadBalance();
    const shown = this.eligible;
    if (this.shown !== shown) {
      this.shown = shown;
      queueMicrotask(() => this.emit("onInstantPayoutsPromotionLoaded", { promotionShown: shown }));
    }
  }

  protected clear(): void {
    this.money.clear();
  }

  private async payOut(): Promise<void> {
    const instant = this.money.instantAvailable();
    if (!instant) return;
    let payoutId = "";
    const ok = await this.act(async () => {
      const payout = await this.api.request("POST", "payouts", {
        amount: instant.amount,
        currency: instant.currency,
        method: "instant",
      });
      payoutId = isRecord(payout) ? (str(payout.id) ?? "") : "";
    }, "payoutCreated");
    if (ok) {
      this.emit("onInstantPayoutCreated", { payoutId });
      this.dispatchLegacy("instantpayoutcreated", { payoutId });
    }
  }

  protected view(): Child {
    const instant = this.money.instantAvailable();
    if (!this.eligible || !instant) return this.noticeNode();
    return h(
      "div",
      { class: "promo" },
      h("div", { class: "bolt", "aria-hidden": "true" }, "⚡"),
      h(
        "div",
        { class: "stack", style: "gap:4px;flex:1" },
        h("h2", { class: "promo-title" }, this.t("promoTitle")),
        h("p", { class: "muted" }, this.t("promoBody")),
        this.noticeNode(),
      ),
      button(
        this.t("promoAction", { amount: this.i18n.money(instant.amount, instant.currency) }),
        () => void this.payOut(),
        { primary: true, fk: "instant", disabled: this.busy },
      ),
    );
  }
}
