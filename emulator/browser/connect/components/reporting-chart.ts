/**
 * stripe-connect-reporting-chart (a preview component): net or gross volume per day over the last 30 days, from the
 * account's balance transactions (the same objects the API serves, so the chart and the reports agree).
 */
import { ConnectElement } from "../base-element";
import { h, num, str, type Child } from "../dom";
import { panel } from "../ui";
import { allTransactions, type Txn } from "../views/report-data";

const DAY = 86_400;
const DAYS = 30;
/** Net volume: sales less refunds and disputes (fees are not volume); gross volume: sales only. */
const CATEGORIES: Record<string, readonly string[]> = {
  net_volume: ["charge", "refund", "dispute", "dispute_reversal"],
  gross_volume: ["charge"],
};

export class ReportingChartElement extends ConnectElement {
  protected readonly componentKey = "reporting_chart";
  private txns: Txn[] = [];

  protected async load(): Promise<void> {
    this.txns = await allTransactions(this, {});
  }

  protected clear(): void {
    this.txns = [];
  }

  private reportName(): "net_volume" | "gross_volume" {
    return this.props.reportName === "gross_volume" ? "gross_volume" : "net_volume";
  }

  protected view(): Child {
    const i18n = this.i18n;
    const report = this.reportName();
    const categories = CATEGORIES[report] ?? [];
    const counted = this.txns.filter((t) => categories.includes(str(t.reporting_category) ?? ""));
    const currency = str(counted[0]?.currency) ?? str(this.session?.account.default_currency) ?? "usd";
    // The window ends today (or at the latest activity, when the sandbox clock runs ahead).
    const latest = Math.max(Math.floor(Date.now() / 1000), ...counted.map((t) => num(t.created) ?? 0));
    const end = Math.floor(latest / DAY) * DAY + DAY;
    const start = end - DAYS * DAY;
    const days = Array.from({ length: DAYS }, (_, i) => ({ at: start + i * DAY, amount: 0 }));
    for (const t of counted) {
      const created = num(t.created) ?? 0;
      const day = days[Math.floor((created - start) / DAY)];
      if (day) day.amount += num(t.amount) ?? 0;
    }
    const total = days.reduce((sum, d) => sum + d.amount, 0);
    const peak = Math.max(1, ...days.map((d) => Math.abs(d.amount)));
    const title = this.t(report === "net_volume" ? "netVolume" : "grossVolume");
    const summary = `${title}, ${this.t("last30Days")}: ${i18n.money(total, currency)}`;
    return h(
      "div",
      { class: "stack" },
      h("h2", null, title),
      h(
        "div",
        { class: "card" },
        h("div", { class: "stat-label" }, this.t("last30Days")),
        h("div", { class: "stat-value", "data-testid": "chart-total" }, i18n.money(total, currency)),
      ),
      counted.length === 0
        ? panel({ title: this.t("chartEmpty"), icon: "∅" })
        : h(
            "div",
            { class: "chart", role: "img", "aria-label": summary },
            ...days.map((d) =>
              h("div", {
                class: d.amount < 0 ? "bar negative" : "bar",
                title: `${i18n.date(d.at)}: ${i18n.money(d.amount, currency)}`,
                style: `height:${Math.round((Math.abs(d.amount) / peak) * 100)}%`,
              }),
            ),
          ),
    );
  }
}
