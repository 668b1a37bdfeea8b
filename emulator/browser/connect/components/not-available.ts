/**
 * Issuing, Treasury and Stripe's preview components that need its live infrastructure (payment method settings,
 * terminal hardware): a clear "not available in the sandbox" panel, shown only when the Account Session enables the
 * component.
 */
import { ConnectElement } from "../base-element";
import { h, type Child } from "../dom";
import type { LabelKey } from "../i18n";

function notAvailable(key: string, label: LabelKey): new () => ConnectElement {
  return class extends ConnectElement {
    protected readonly componentKey = key;
    protected async load(): Promise<void> {}
    protected clear(): void {}
    protected view(): Child {
      const name = this.t(label);
      return h(
        "div",
        { class: "notavail", role: "status" },
        h("div", { class: "icon", "aria-hidden": "true" }, "⊘"),
        h(
          "div",
          { class: "stack", style: "gap:4px" },
          h("h3", null, `${name} · ${this.t("notAvailableTitle")}`),
          h("p", { class: "muted" }, this.t("notAvailableBody", { component: name })),
        ),
      );
    }
  };
}

export const IssuingCardElement = notAvailable("issuing_card", "issuingCard");
export const IssuingCardsListElement = notAvailable("issuing_cards_list", "issuingCardsList");
export const FinancialAccountElement = notAvailable("financial_account", "financialAccount");
export const FinancialAccountTransactionsElement = notAvailable(
  "financial_account_transactions",
  "financialAccountTransactions",
);
export const PaymentMethodSettingsElement = notAvailable("payment_method_settings", "paymentMethodSettings");
export const TerminalHardwareOrdersElement = notAvailable(
  "terminal_hardware_orders",
  "terminalHardwareOrders",
);
export const TerminalHardwareShopElement = notAvailable("terminal_hardware_shop", "terminalHardwareShop");
