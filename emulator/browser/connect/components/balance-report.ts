/** stripe-connect-balance-report: activity by category, from the account's balance transactions. */
import { ConnectElement } from "../base-element";
import { h, str, type Child } from "../dom";
import { term } from "../i18n";
import { panel, table } from "../ui";
import { allTransactions, totalsByType, type Txn } from "../views/report-data";

export class BalanceReportElement extends ConnectElement {
  protected readonly componentKey = "balance_report";
  private txns: Txn[] = [];

  protected async load(): Promise<void> {
    this.txns = await allTransactions(this, {});
  }

  protected clear(): void {
    this.txns = [];
  }

  protected view(): Child {
    const i18n = this.i18n;
    const currency = str(this.txns[0]?.currency) ?? str(this.session?.account.default_currency) ?? "usd";
    const totals = totalsByType(this.txns);
    const sum = [...totals.values()].reduce((a, b) => a + b.net, 0);
    return h(
      "div",
      { class: "stack" },
      h("h2", null, this.t("balanceReport")),
      this.txns.length === 0
        ? panel({ title: this.t("reportEmpty"), icon: "∅" })
        : [
            h(
              "div",
              { class: "cards" },
              h(
                "div",
                { class: "card" },
                h("div", { class: "stat-label" }, this.t("activity")),
                h("div", { class: "stat-value" }, i18n.number(this.txns.length)),
              ),
              h(
                "div",
                { class: "card" },
                h("div", { class: "stat-label" }, this.t("endingBalance")),
                h("div", { class: "stat-value" }, i18n.money(sum, currency)),
              ),
            ),
            table(
              this.t("balanceReport"),
              [
                { label: this.t("category") },
                { label: this.t("count"), num: true },
                { label: this.t("gross"), num: true },
                { label: this.t("fee"), num: true },
                { label: this.t("net"), num: true },
              ],
              [
                ...[...totals.entries()].map(([type, t]) => ({
                  cells: [
                    term(i18n, type),
                    i18n.number(t.count),
                    i18n.money(t.gross, currency),
                    i18n.money(t.fee ? -t.fee : 0, currency),
                    i18n.money(t.net, currency),
                  ] as Child[],
                })),
                {
                  cells: [
                    h("strong", null, this.t("total")),
                    i18n.number(this.txns.length),
                    "",
                    "",
                    h("strong", null, i18n.money(sum, currency)),
                  ],
                },
              ],
            ),
          ],
    );
  }
}
