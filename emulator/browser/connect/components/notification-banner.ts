/** stripe-connect-notification-banner: outstanding / past-due requirements with a call to action. */
import { ConnectElement } from "../base-element";
import { h, rec, type Child } from "../dom";
import { button } from "../ui";
import { dueRequirements, fieldLabel } from "../views/requirements";
import { collectionOptionsOf, OnboardingFlow } from "../views/onboarding-flow";

export class NotificationBannerElement extends ConnectElement {
  protected readonly componentKey = "notification_banner";
  private reported: string | undefined;
  private readonly flow = new OnboardingFlow(
    this,
    () => ({
      collectionOptions: collectionOptionsOf(this.props.collectionOptions),
      skipTos: false,
      externalAccounts: this.feature("external_account_collection"),
    }),
    () => undefined,
    () => this.closeOverlay(),
  );

  constructor() {
    super();
    this.bare = true;
  }

  private strings(v: unknown): string[] {
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  }

  private counts(): { due: string[]; pastDue: boolean; eventually: string[] } {
    const account = this.flow.account ?? {};
    const req = rec(account.requirements);
    const options = collectionOptionsOf(this.props.collectionOptions);
    const due = dueRequirements(account, { ...options, fields: "currently_due" });
    const eventually = this.strings(req.eventually_due).filter((r) => !due.includes(r));
    return { due, pastDue: this.strings(req.past_due).length > 0, eventually };
  }

  protected async load(): Promise<void> {
    await this.flow.load();
    const { due, eventually } = this.counts();
    const actionRequired = due.length ? 1 : 0;
    const total = actionRequired + (eventually.length ? 1 : 0);
    const key = `${total}:${actionRequired}`;
    if (key !== this.reported) {
      this.reported = key;
      queueMicrotask(() => this.emit("onNotificationsChange", { total, actionRequired }));
    }
  }

  protected clear(): void {
    this.flow.clear();
  }

  protected view(): Child {
    const { due, pastDue, eventually } = this.counts();
    if (!due.length && !eventually.length) return this.noticeNode();
    const items = (due.length ? due : eventually)
      .slice(0, 4)
      .map((r) => fieldLabel(this.i18n, r.replace(/\.dob\.(day|month|year)$/, ".dob")));
    const n = due.length || eventually.length;
    return h(
      "div",
      { class: `banner${pastDue ? " danger" : ""}`, role: "region", "aria-label": this.t("notifAction") },
      h("div", { class: "bicon", "aria-hidden": "true" }, "!"),
      h(
        "div",
        { class: "stack", style: "gap:4px;flex:1" },
        h(
          "strong",
          null,
          due.length
            ? this.t(n === 1 ? "notifTitleOne" : "notifTitleMany", { n })
            : this.t("notifEventuallyDue"),
        ),
        h("span", { class: "muted" }, pastDue ? this.t("notifPastDue") : this.t("notifCurrentlyDue")),
        h(
          "ul",
          null,
          [...new Set(items)].map((i) => h("li", null, i)),
        ),
        this.noticeNode(),
      ),
      button(
        this.t("notifAction"),
        () => this.openOverlay({ title: this.t("onboarding"), render: () => this.flow.view() }),
        {
          primary: true,
          fk: "cta",
        },
      ),
    );
  }
}
