/** stripe-connect-documents: tax forms and other documents of the account. */
import { ConnectElement } from "../base-element";
import { h, isRecord, list, num, str, type Child } from "../dom";
import { dateTimeFormat, term, type I18n } from "../i18n";
import { panel, statusBadge, table } from "../ui";

const TYPE_LABELS: Record<string, string> = {
  tax_form_1099k: "Form 1099-K",
  tax_form_1099misc: "Form 1099-MISC",
  tax_form_1099nec: "Form 1099-NEC",
};

/** "November 2026" for a monthly statement, the year for a yearly form. */
function period(i18n: I18n, doc: Record<string, unknown>): string {
  const year = num(doc.year);
  const month = num(doc.month);
  if (year === undefined) return str(doc.year) ?? "—";
  if (month === undefined) return String(year);
  return dateTimeFormat(i18n.locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, month - 1, 1)),
  );
}

export class DocumentsElement extends ConnectElement {
  protected readonly componentKey = "documents";
  private docs: Record<string, unknown>[] = [];

  protected async load(): Promise<void> {
    this.docs = list(await this.api.request("GET", "documents")).filter(isRecord);
  }

  protected clear(): void {
    this.docs = [];
  }

  protected view(): Child {
    const i18n = this.i18n;
    return h(
      "div",
      { class: "stack" },
      h("h2", null, this.t("documents")),
      this.docs.length === 0
        ? panel({ title: this.t("documentsEmpty"), icon: "∅" })
        : table(
            this.t("documents"),
            [
              { label: this.t("type") },
              { label: this.t("period") },
              { label: this.t("status") },
              { label: this.t("created"), num: true },
            ],
            this.docs.map((d) => {
              const type = str(d.type) ?? "document";
              return {
                cells: [
                  h("strong", null, TYPE_LABELS[type] ?? term(i18n, type)),
                  period(i18n, d),
                  statusBadge(i18n, str(d.status) ?? "available"),
                  i18n.date(num(d.created)),
                ],
              };
            }),
          ),
    );
  }
}
