/**
 * Base class of every component drawn in a sandbox frame: open shadow root, props (from the page's setters), the
 * start sequence (connected + connector → macrotask → onLoaderStart → session → data → render), overlays (drawn in a
 * page-level overlay frame the page opens on request), errors and logout.
 */
import { ApiError, Connector, errorMessage, errorType } from "./api-client";
import { h, sameValue, type Child } from "./dom";
import { I18n, type LabelKey } from "./i18n";
import { BASE_CSS, variablesCss } from "./styles";
import type { ConnectedElement, EmbeddedErrorType, Session } from "./types";
import { button, focusDialogIn, overlay, panel, skeleton } from "./ui";

type Phase = "idle" | "loading" | "ready" | "error" | "ended";

/** What the element needs of its frame's link to the page. */
export interface FrameLink {
  /** A connect-js DOM event on the page's element (`exit`, `close`, `instantpayoutcreated`). */
  dispatch(name: string, detail: unknown): void;
  /** Asks the page for an overlay frame; `attachOverlay` follows once it has loaded. */
  requestOverlay(label: string): void;
  /** The overlay closed: the page removes its frame and gives focus back (`returnFocus`). */
  releaseOverlay(): void;
  /** The first render of the ready state. */
  rendered(): void;
}

export interface OverlayState {
  title: string;
  render: () => Child;
  onClose?: () => void;
  /** data-fk of the control to focus again once the overlay closes. */
  returnFocus?: string;
}

const baseSheet = ((): CSSStyleSheet | undefined => {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(BASE_CSS);
    return sheet;
  } catch {
    return undefined;
  }
})();

export abstract class ConnectElement extends HTMLElement implements ConnectedElement {
  /** The Account Session component key (`payments`, `account_onboarding`, …). */
  protected abstract readonly componentKey: string;
  /** Props whose change re-fetches data (others only re-render). */
  protected readonly reloadProps: readonly string[] = [];
  protected readonly props: Record<string, unknown> = {};
  protected readonly root: ShadowRoot;
  i18n = new I18n(undefined);
  protected phase: Phase = "idle";
  protected session: Session | undefined;
  notice: { text: string; error?: boolean } | undefined;
  busy = false;
  protected overlayState: OverlayState | undefined;
  /** Renders without the card chrome (notification banner, promotion). */
  protected bare = false;
  private connector: Connector | undefined;
  private readonly varsStyle: HTMLStyleElement;
  private readonly mount: HTMLDivElement;
  private scheduled = false;
  private started = false;
  private loadSeq = 0;
  private errorState: { title: string; message: string; retry: boolean } | undefined;
  private link: FrameLink | undefined;
  /** The overlay frame's drawing surface (a shadow root in its document, styled like this one). */
  private overlayRoot: ShadowRoot | undefined;
  private overlayVars: HTMLStyleElement | undefined;
  private overlayRequested = false;
  private pendingReturnFocus: string | undefined;

  constructor() {
    super();
    this.root = this.attachShadow({ mode: "open" });
    this.varsStyle = document.createElement("style");
    this.mount = document.createElement("div");
    if (baseSheet) {
      this.root.adoptedStyleSheets = [baseSheet];
      this.root.append(this.varsStyle, this.mount);
    } else {
      const base = document.createElement("style");
      base.textContent = BASE_CSS;
      this.root.append(base, this.varsStyle, this.mount);
    }
    this.varsStyle.textContent = variablesCss(undefined);
  }

  // ---- contract: setters -------------------------------------------------------------------------------------

  setConnector(value: unknown): void {
    if (!(value instanceof Connector) || this.connector) return;
    this.connector = value;
    this.maybeStart();
  }

  connectedCallback(): void {
    this.maybeStart();
  }

  setLink(link: FrameLink): void {
    this.link = link;
  }

  /** The page's overlay frame has loaded: draw the overlay there (same origin as this frame). */
  attachOverlay(win: Window): void {
    if (!this.overlayRequested) return;
    let doc: Document;
    try {
      doc = win.document;
    } catch {
      return;
    }
    const host = doc.createElement("div");
    host.setAttribute("lang", this.i18n.locale);
    doc.body.replaceChildren(host);
    const root = host.attachShadow({ mode: "open" });
    const base = doc.createElement("style");
    base.textContent = BASE_CSS;
    const vars = doc.createElement("style");
    vars.textContent = this.varsStyle.textContent;
    root.append(base, vars);
    this.overlayRoot = root;
    this.overlayVars = vars;
    this.paint();
    this.focusOverlay();
  }

  /** The page removed the overlay frame (the element left the page, or the session ended). */
  overlayDismissed(): void {
    this.overlayRoot = undefined;
    this.overlayVars = undefined;
    this.overlayRequested = false;
  }

  /** The page focused this frame again after the overlay closed: back to the control that opened it. */
  returnFocus(): void {
    const fk = this.pendingReturnFocus;
    this.pendingReturnFocus = undefined;
    if (fk) this.root.querySelector<HTMLElement>(`[data-fk="${CSS.escape(fk)}"]`)?.focus();
  }

  /** Moves focus into the open overlay (its heading, else the dialog). */
  protected focusOverlay(): void {
    if (this.overlayRoot) focusDialogIn(this.overlayRoot);
  }

  /** Stores a setter value; data props re-fetch, others re-render; callbacks and identical values do nothing. */
  setProp(name: string, value: unknown): void {
    const prev = this.props[name];
    if (typeof value === "function" || typeof prev === "function") {
      this.props[name] = value;
      return;
    }
    if (sameValue(prev, value)) return;
    this.props[name] = value;
    if (!this.started || this.phase === "ended") return;
    if (this.reloadProps.includes(name)) void this.reload();
    else this.paint();
  }

  protected prop<T>(name: string, guard: (v: unknown) => v is T): T | undefined {
    const value = this.props[name];
    return guard(value) ? value : undefined;
  }

  protected emit(name: string, arg?: unknown): void {
    const fn = this.props[name];
    if (typeof fn !== "function") return;
    try {
      (fn as (a: unknown) => unknown)(arg);
    } catch (error) {
      console.error(`[sandbox connect.js] ${name} callback threw`, error);
    }
  }

  // ---- start sequence ----------------------------------------------------------------------------------------

  private maybeStart(): void {
    if (this.started || this.scheduled || !this.isConnected || !this.connector) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      if (this.started || !this.isConnected || !this.connector) return;
      this.started = true;
      void this.start(this.connector);
    }, 0);
  }

  private async start(connector: Connector): Promise<void> {
    this.emit("onLoaderStart", { elementTagName: this.localName });
    connector.register(this);
    this.applyOptions();
    // The first Intl formatters of a page load ICU's locale data (tens of milliseconds on a slow machine): build
    // them while the session claim (started by reload) is on the network rather than after the data arrives.
    setTimeout(() => this.i18n.prime(), 0);
    await this.reload(true);
  }

  get api(): Connector {
    if (!this.connector) throw new Error("No connector");
    return this.connector;
  }

  feature(name: string): boolean {
    return this.session?.components[this.componentKey]?.features[name] === true;
  }

  protected get overlayMode(): "dialog" | "drawer" {
    return this.connector?.options.appearance?.overlays === "drawer" ? "drawer" : "dialog";
  }

  get showIds(): boolean {
    return this.connector?.options.displayOptions?.showObjectIds === true;
  }

  /** Fetches the component's data (authenticated through the shared session). */
  protected abstract load(): Promise<void>;
  /** Renders the ready state. */
  protected abstract view(): Child;
  /** Drops everything fetched (logout). */
  protected abstract clear(): void;
  /** Called once after the first successful render. */
  protected loaded(): void {}

  protected async reload(initial = false): Promise<void> {
    const connector = this.connector;
    if (!connector || this.phase === "ended") return;
    const seq = ++this.loadSeq;
    if (initial || this.phase !== "ready") {
      this.phase = "loading";
      this.paint();
    }
    let session: Session;
    try {
      session = await connector.session();
    } catch (error) {
      if (seq === this.loadSeq) this.fail(errorType(error), errorMessage(error), true);
      return;
    }
    if (this.isEnded() || seq !== this.loadSeq) return;
    if (session.components[this.componentKey]?.enabled !== true) {
      this.session = session;
      this.fail(
        "invalid_request_error",
        this.i18n.t("notEnabled", { component: this.componentKey }),
        false,
        this.i18n.t("notEnabledTitle"),
      );
      return;
    }
    this.session = session;
    try {
      await this.load();
    } catch (error) {
      if (this.isEnded() || seq !== this.loadSeq) return;
      if (error instanceof ApiError && error.code === "session_invalid") {
        this.sessionEnded();
        return;
      }
      this.fail(errorType(error), errorMessage(error), true);
      return;
    }
    if (this.isEnded() || seq !== this.loadSeq) return;
    const first = this.phase !== "ready";
    this.phase = "ready";
    this.errorState = undefined;
    this.paint();
    if (first) this.link?.rendered();
    if (first && initial) this.loaded();
  }

  private isEnded(): boolean {
    return this.phase === "ended";
  }

  private fail(type: EmbeddedErrorType, message: string, retry: boolean, title?: string): void {
    if (this.phase === "ended") return;
    this.phase = "error";
    this.errorState = { title: title ?? this.i18n.t("errorTitle"), message, retry };
    this.overlayState = undefined;
    this.paint();
    this.emit("onLoadError", { elementTagName: this.localName, error: { type, message } });
  }

  // ---- connector callbacks ----------------------------------------------------------------------------------

  optionsChanged(localeChanged: boolean): void {
    this.applyOptions();
    if (localeChanged && this.started) this.paint();
  }

  sessionEnded(): void {
    this.phase = "ended";
    this.session = undefined;
    this.overlayState = undefined;
    this.notice = undefined;
    this.loadSeq += 1;
    this.clear();
    this.paint();
  }

  dataChanged(): void {
    if (this.phase === "ready" && !this.busy) void this.reload();
  }

  private applyOptions(): void {
    const options = this.connector?.options;
    this.varsStyle.textContent = variablesCss(options?.appearance);
    if (this.overlayVars) this.overlayVars.textContent = this.varsStyle.textContent;
    const locale = options?.locale;
    if (locale !== this.i18n.locale) this.i18n = new I18n(locale);
    this.setAttribute("lang", this.i18n.locale);
  }

  // ---- rendering ---------------------------------------------------------------------------------------------

  t(key: LabelKey, vars?: Record<string, string | number>): string {
    return this.i18n.t(key, vars);
  }

  /** Re-renders synchronously, keeping keyboard focus on the same control when it still exists. */
  paint(): void {
    const overlayActive = this.overlayRoot?.activeElement;
    const active = overlayActive ?? this.root.activeElement;
    const fk = fkOf(active);
    const hadOverlayFocus = overlayActive !== null && overlayActive !== undefined;
    const body = this.body();
    // A bare component with nothing to say (no notifications, no promotion) takes no room, as Stripe's: its frame
    // shrinks to nothing, the sandbox marker included.
    const nothing = this.bare && this.phase === "ready" && (body === null || body === undefined);
    const frame = h(
      "div",
      { class: `frame${this.bare ? " bare" : ""}`, "data-phase": this.phase },
      nothing
        ? null
        : h(
            "div",
            { class: "marker-row" },
            h("span", { class: "marker", title: this.t("sandboxTitle") }, this.t("sandbox")),
          ),
      body,
    );
    this.mount.replaceChildren(frame);
    const ov = this.overlayState;
    const overlayRoot = this.overlayRoot;
    if (ov && this.phase === "ready") {
      if (overlayRoot) {
        const drawn = overlay({
          title: ov.title,
          mode: this.overlayMode,
          body: ov.render(),
          closeLabel: this.t("close"),
          onClose: () => this.closeOverlay(),
        });
        // Drawn in this frame's document, shown in the overlay frame's (both on the sandbox's origin).
        const styles = [...overlayRoot.querySelectorAll("style")];
        overlayRoot.replaceChildren(...styles, overlayRoot.ownerDocument.adoptNode(drawn));
      } else if (!this.overlayRequested) {
        this.overlayRequested = true;
        this.link?.requestOverlay(ov.title);
      }
    } else if (this.overlayRequested) {
      this.dropOverlay();
    }
    if (fk) {
      const again =
        (hadOverlayFocus ? this.overlayRoot : this.root)?.querySelector<HTMLElement>(
          `[data-fk="${CSS.escape(fk)}"]`,
        ) ?? null;
      if (again) {
        again.focus();
        return;
      }
    }
    if (hadOverlayFocus && ov) this.focusOverlay();
  }

  private dropOverlay(): void {
    this.overlayRoot = undefined;
    this.overlayVars = undefined;
    this.overlayRequested = false;
    this.link?.releaseOverlay();
  }

  private body(): Child {
    switch (this.phase) {
      case "idle":
      case "loading":
        return skeleton(this.t("loading"));
      case "ended":
        return panel({ title: this.t("sessionEndedTitle"), message: this.t("sessionEnded"), icon: "⏻" });
      case "error": {
        const err = this.errorState;
        return panel({
          title: err?.title ?? this.t("errorTitle"),
          message: err?.message,
          error: true,
          action: err?.retry ? button(this.t("retry"), () => void this.reload(true), { fk: "retry" }) : null,
        });
      }
      case "ready":
        try {
          return this.view();
        } catch (error) {
          console.error("[sandbox connect.js] render failed", error);
          return panel({ title: this.t("errorTitle"), message: errorMessage(error), error: true });
        }
    }
  }

  openOverlay(state: OverlayState): void {
    const active = this.root.activeElement;
    this.overlayState = {
      ...state,
      returnFocus: state.returnFocus ?? (active instanceof HTMLElement ? active.dataset.fk : undefined),
    };
    this.notice = undefined;
    this.paint();
    this.focusOverlay();
  }

  /**
   * Opens a detail view in an overlay, kept through `keep` (so a reload reloads it too) until the overlay closes; it
   * paints once loaded, and a failed load shows as the notice.
   */
  protected openDetailOverlay<D extends { load(): Promise<void>; view(): Child }>(
    detail: D,
    title: string,
    returnFocus: string,
    keep: (detail: D | undefined) => void,
  ): void {
    keep(detail);
    this.openOverlay({ title, returnFocus, render: () => detail.view(), onClose: () => keep(undefined) });
    detail
      .load()
      .then(() => this.paint())
      .catch((error: unknown) => {
        this.notice = { text: errorMessage(error), error: true };
        this.paint();
      });
  }

  closeOverlay(): void {
    const state = this.overlayState;
    if (!state) return;
    this.overlayState = undefined;
    this.notice = undefined;
    // The page gives focus back to this frame once the overlay frame is gone, then `returnFocus` runs.
    this.pendingReturnFocus = state.returnFocus;
    this.paint();
    state.onClose?.();
  }

  noticeNode(): Child {
    const n = this.notice;
    if (!n) return null;
    return h(
      "div",
      { class: `notice${n.error ? " error" : ""}`, role: n.error ? "alert" : "status" },
      n.text,
    );
  }

  /** Runs a mutation: busy state, success notice, refresh of this element and its siblings. */
  async act(run: () => Promise<void>, success: LabelKey | null, after?: () => void): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.notice = undefined;
    this.paint();
    try {
      await run();
      after?.();
      this.notice = success ? { text: this.t(success) } : undefined;
      this.busy = false;
      await this.reload();
      this.connector?.broadcastChange(this);
      return true;
    } catch (error) {
      this.busy = false;
      if (error instanceof ApiError && error.code === "session_invalid") {
        this.sessionEnded();
        return false;
      }
      this.notice = { text: errorMessage(error), error: true };
      this.paint();
      return false;
    }
  }

  protected dispatchLegacy(name: "exit" | "close" | "instantpayoutcreated", detail?: unknown): void {
    this.link?.dispatch(name, detail);
  }
}

export type ConnectElementClass = new () => ConnectElement;

/** The `data-fk` focus key of a node (nodes of the overlay frame's document come from another realm). */
function fkOf(node: unknown): string | undefined {
  if (typeof node !== "object" || node === null || !("dataset" in node)) return undefined;
  const dataset = (node as { dataset: unknown }).dataset;
  if (typeof dataset !== "object" || dataset === null) return undefined;
  const fk = (dataset as Record<string, unknown>).fk;
  return typeof fk === "string" ? fk : undefined;
}
