/** Base of the one-object detail components (payment-details, payout-details): the object in an overlay, `onClose`. */
import { ConnectElement } from "../base-element";
import { h, str, type Child } from "../dom";
import type { LabelKey } from "../i18n";

export interface DetailView {
  readonly id: string;
  load(): Promise<void>;
  view(): Child;
}

export abstract class DetailOverlayElement<D extends DetailView> extends ConnectElement {
  /** The prop naming the object (`payment`, `payout`); subclasses list it in `reloadProps` too. */
  protected abstract readonly idProp: string;
  protected abstract readonly titleKey: LabelKey;
  protected abstract createDetail(id: string): D;
  private detail: D | undefined;

  protected async load(): Promise<void> {
    const id = str(this.props[this.idProp]);
    if (!id) {
      this.detail = undefined;
      return;
    }
    const detail = this.detail?.id === id ? this.detail : this.createDetail(id);
    await detail.load();
    this.detail = detail;
    if (!this.overlayState) this.show();
  }

  private show(): void {
    this.overlayState = {
      title: this.t(this.titleKey),
      render: () => this.detail?.view() ?? null,
      onClose: () => {
        this.emit("onClose");
        this.dispatchLegacy("close");
      },
    };
  }

  protected override loaded(): void {
    this.focusOverlay();
  }

  protected clear(): void {
    this.detail = undefined;
  }

  protected view(): Child {
    if (!this.detail) return h("p", { class: "muted" }, this.t("empty"));
    if (this.overlayState) return h("p", { class: "muted small" }, this.t(this.titleKey));
    // Closed: a button reopens the overlay.
    return h(
      "div",
      { class: "row" },
      h(
        "button",
        {
          type: "button",
          class: "btn",
          "data-fk": "reopen",
          onclick: () => {
            this.show();
            this.paint();
          },
        },
        this.t(this.titleKey),
      ),
    );
  }
}
