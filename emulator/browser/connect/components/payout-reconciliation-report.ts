/** stripe-connect-payout-reconciliation-report: each payout with the transactions it settled. */
import { ConnectElement } from "../base-element";
import { h, num, str, type Child } from "../dom";
import { panel, table } from "../ui";
import { allTransactions, type Txn } from "../views/report-data";

interface PayoutGroup {
  payout: Txn;
  txns: Txn[];
}

export class PayoutReconciliationReportElement extends ConnectElement {
  protected readonly componentKey = "payout_reconciliation_report";
  private groups: PayoutGroup[] = [];
  private reported: boolean | undefined;

  protected async load(): Promise<void> {
    const payouts = await allTransactions(this, { type: "payout" });
    const groups = await Promise.all(
      payouts.slice(0, 12).map(async (p) => {
        const source = str(p.source) ?? "";
        const txns = source ? await allTransactions(this, { payout: source }) : [];
        return { payout: p, txns: txns.filter((t) => str(t.type) !== "payout") };
      }),
    );
    this.groups = groups;
    const available = groups.length > 0;
    if (this.reported !== available) {
      this.reported = available;
      queueMicrotask(() => this.emit("onReportAvailabilityLoaded", { isReportAvailable: available }));
    }
  }

  protected clear(): void {
    this.groups = [];
  }

  protected view(): Child {
    const i18n = this.i18n;
    return h(
      "div",
      { class: "stack" },
      h("h2", null, this.t("payoutReconciliation")),
      this.groups.length === 0
        ? panel({ title: this.t("reportUnavailable"), icon: "∅" })
        : table(
            this.t("payoutReconciliation"),
            [
              { label: this.t("payouts") },
              { label: this.t("date") },
              { label: this.t("count"), num: true },
              { label: this.t("gross"), num: true },
              { label: this.t("fee"), num: true },
              { label: this.t("net"), num: true },
            ],
            this.groups.map(({ payout, txns }) => {
              const currency = str(payout.currency) ?? "usd";
              const gross = txns.reduce((a, t) => a + (num(t.amount) ?? 0), 0);
              const fee = txns.reduce((a, t) => a + (num(t.fee) ?? 0), 0);
              return {
                cells: [
                  h(
                    "span",
                    { class: "amount-cell" },
                    h("strong", null, i18n.money(-(num(payout.amount) ?? 0), currency)),
                    h("span", { class: "mono muted" }, str(payout.source) ?? ""),
                  ),
                  i18n.date(num(payout.available_on) ?? num(payout.created)),
                  i18n.number(txns.length),
                  i18n.money(gross, currency),
                  i18n.money(fee ? -fee : 0, currency),
                  i18n.money(gross - fee, currency),
                ],
              };
            }),
          ),
    );
  }
}
