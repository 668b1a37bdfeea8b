/**
 * A `stripe-connect-*` element on the platform's page. It draws nothing itself: it hosts a frame served by the
 * sandbox's origin (as Stripe's components are served by Stripe's), forwards its setters, `update()` and `logout()`
 * to it, and turns the frame's messages into the connect-js callbacks, DOM events, size changes and a page-level
 * overlay frame for dialogs and drawers.
 */
import { toWire } from "../api-client";
import { isRecord } from "../dom";
import { cloneable, envelope, type ToFrame, type WireError } from "../protocol";
import type { UpdateOptions } from "../types";
import { PageConnector, type ConnectorClient } from "./page-connector";

const HOST_CSS = `:host { display: block; position: relative; min-width: 0; max-width: 100%; }
:host([hidden]) { display: none; }
iframe { display: block; border: 0; margin: 0; padding: 0; width: 100%; min-width: 100%; height: 0;
  background: transparent; color-scheme: normal; overflow: hidden; }
.failed { font: 14px/1.4 system-ui, sans-serif; color: #8a1538; border: 1px solid #f2c1cc; background: #fff5f7;
  border-radius: 8px; padding: 12px 14px; }`;

/** How long after its `load` event a frame may stay silent before the element reports that it could not load. */
const SILENT_FRAME_MS = 1500;

/** Every element whose frame is in the page, for routing messages by their source window. */
const live = new Set<HostElement>();
let listening = false;
let overlaySeq = 0;

function listen(): void {
  if (listening) return;
  listening = true;
  window.addEventListener("message", (event) => {
    for (const host of live) if (host.receive(event)) return;
  });
  // A CSP without the sandbox's origin in `frame-src` blocks the frames: each element reports it.
  document.addEventListener("securitypolicyviolation", (event) => {
    if (!/^(frame|child|default)-src/.test(event.effectiveDirective)) return;
    for (const host of live) host.blocked(event.blockedURI);
  });
}

export class HostElement extends HTMLElement implements ConnectorClient {
  private readonly root: ShadowRoot;
  private connector: PageConnector | undefined;
  private frame: HTMLIFrameElement | undefined;
  private frameOrigin = "";
  private ready = false;
  private ended = false;
  private failed = false;
  private silentTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly values = new Map<string, unknown>();
  private readonly callbacks = new Map<string, unknown>();
  private overlayFrame: HTMLIFrameElement | undefined;
  private overlayReturn: Element | null = null;

  constructor() {
    super();
    this.root = this.attachShadow({ mode: "open" });
    const style = document.createElement("style");
    style.textContent = HOST_CSS;
    this.root.append(style);
  }

  private get tag(): string {
    return this.localName.replace(/^stripe-connect-/, "");
  }

  // ---- contract: setters -------------------------------------------------------------------------------------

  setConnector(value: unknown): void {
    if (!(value instanceof PageConnector) || this.connector) return;
    this.connector = value;
    this.start();
  }

  connectedCallback(): void {
    this.start();
  }

  disconnectedCallback(): void {
    live.delete(this);
    this.ready = false;
    this.connector?.unregister(this);
    this.removeOverlay(false);
  }

  /** A setter: functions become callbacks the frame triggers by name, values are sent as plain data. */
  setProp(name: string, value: unknown): void {
    if (typeof value === "function") {
      const had = this.callbacks.has(name);
      this.callbacks.set(name, value);
      if (!had) this.post({ type: "prop", name, callback: true });
      return;
    }
    if (this.callbacks.delete(name)) this.post({ type: "prop", name, callback: false });
    this.values.set(name, value);
    this.post({ type: "prop", name, value: cloneable(value) });
  }

  // ---- the frame ---------------------------------------------------------------------------------------------

  private start(): void {
    const connector = this.connector;
    if (!connector || !this.isConnected) return;
    listen();
    live.add(this);
    if (!this.ended) connector.register(this);
    if (this.frame) return;
    const base = connector.apiBase;
    this.frameOrigin = new URL(base).origin;
    const url = new URL(`${base}/_sandbox/connect/frame`);
    url.searchParams.set("tag", this.tag);
    url.searchParams.set("parent", location.origin);
    const frame = document.createElement("iframe");
    frame.title = `${this.tag.replace(/-/g, " ")} (Stripe sandbox)`;
    frame.setAttribute("scrolling", "no");
    frame.addEventListener("load", () => {
      if (this.ready || this.failed) return;
      clearTimeout(this.silentTimer);
      this.silentTimer = setTimeout(() => {
        if (!this.ready) this.fail("The component's frame did not load.");
      }, SILENT_FRAME_MS);
    });
    frame.src = url.toString();
    this.frame = frame;
    this.root.append(frame);
  }

  /** A CSP violation for a frame: the element reports it if it was one of its frames. */
  blocked(uri: string): void {
    if (this.ready || this.failed || !this.frameOrigin) return;
    let origin = uri;
    try {
      origin = new URL(uri).origin;
    } catch {
      // `blockedURI` may be a bare origin or a keyword.
    }
    if (origin === this.frameOrigin)
      this.fail(
        `The page's Content-Security-Policy does not allow frames from ${this.frameOrigin} (frame-src).`,
      );
  }

  private fail(message: string): void {
    if (this.failed) return;
    this.failed = true;
    clearTimeout(this.silentTimer);
    const note = document.createElement("div");
    note.className = "failed";
    note.setAttribute("role", "alert");
    note.textContent = "This component could not load.";
    this.frame?.replaceWith(note);
    this.call("onLoadError", {
      elementTagName: this.localName,
      error: { type: "api_connection_error", message },
    });
  }

  private post(message: ToFrame): void {
    if (!this.ready) return;
    this.frame?.contentWindow?.postMessage(envelope(message), this.frameOrigin);
  }

  private call(name: string, arg: unknown): void {
    const fn = this.callbacks.get(name);
    if (typeof fn !== "function") return;
    try {
      (fn as (a: unknown) => unknown)(arg);
    } catch (error) {
      console.error(`[sandbox connect.js] ${name} callback threw`, error);
    }
  }

  /** Handles a message if it comes from this element's frame (exact window and origin); false otherwise. */
  receive(event: MessageEvent): boolean {
    const frame = this.frame;
    if (!frame || event.source === null || event.source !== frame.contentWindow) return false;
    if (event.origin !== this.frameOrigin) return true;
    const data: unknown = event.data;
    if (!isRecord(data) || data.channel !== "portico-sandbox-connect" || !isRecord(data.message)) return true;
    const m = data.message;
    switch (m.type) {
      case "hello":
        this.hello();
        break;
      case "event":
        if (typeof m.name === "string") this.call(m.name, m.arg);
        break;
      case "dom-event":
        if (typeof m.name === "string")
          this.dispatchEvent(new CustomEvent(m.name, { detail: m.detail, bubbles: false, composed: false }));
        break;
      case "size":
        if (typeof m.height === "number" && Number.isFinite(m.height))
          frame.style.height = `${Math.max(0, Math.ceil(m.height))}px`;
        break;
      case "session-request":
        if (typeof m.id === "number")
          this.answerSession(m.id, typeof m.stale === "string" ? m.stale : undefined, m.retry === true);
        break;
      case "changed":
        this.connector?.broadcastChange(this);
        break;
      case "overlay-open":
        this.openOverlay(typeof m.label === "string" ? m.label : "Dialog");
        break;
      case "overlay-close":
        this.removeOverlay(true);
        break;
      default:
        break;
    }
    return true;
  }

  private hello(): void {
    this.ready = true;
    this.failed = false;
    clearTimeout(this.silentTimer);
    const connector = this.connector;
    this.post({
      type: "init",
      options: cloneable(connector?.options ?? {}) as UpdateOptions,
      fonts: cloneable(connector?.fonts ?? null),
      values: Object.fromEntries([...this.values].map(([k, v]) => [k, cloneable(v)])),
      callbacks: [...this.callbacks.keys()],
      ended: this.ended,
    });
  }

  private answerSession(id: number, stale: string | undefined, retry: boolean): void {
    const connector = this.connector;
    if (!connector || this.ended) {
      const error: WireError = {
        kind: "api",
        status: 401,
        type: "invalid_request_error",
        code: "session_invalid",
        message: "The session ended.",
      };
      this.post({ type: "session", id, error });
      return;
    }
    connector.session(stale, retry).then(
      (session) => this.post({ type: "session", id, session }),
      (error: unknown) => this.post({ type: "session", id, error: toWire(error) }),
    );
  }

  // ---- connector callbacks -----------------------------------------------------------------------------------

  optionsChanged(options: UpdateOptions, localeChanged: boolean): void {
    this.post({ type: "options", options: cloneable(options) as UpdateOptions, localeChanged });
  }

  sessionEnded(): void {
    this.ended = true;
    this.removeOverlay(false);
    this.post({ type: "logout" });
  }

  dataChanged(): void {
    this.post({ type: "data-changed" });
  }

  // ---- the page-level overlay frame --------------------------------------------------------------------------

  private openOverlay(label: string): void {
    if (this.overlayFrame || !this.connector) return;
    overlaySeq += 1;
    const name = `stripe-connect-overlay-${overlaySeq}-${Math.random().toString(36).slice(2, 8)}`;
    const url = new URL(`${this.connector.apiBase}/_sandbox/connect/overlay`);
    url.searchParams.set("parent", location.origin);
    const frame = document.createElement("iframe");
    frame.name = name;
    frame.title = label;
    frame.setAttribute("data-stripe-connect-overlay", this.tag);
    frame.style.cssText =
      "position:fixed;inset:0;width:100%;height:100%;border:0;margin:0;padding:0;z-index:2147483647;" +
      "background:transparent;color-scheme:normal;display:block";
    frame.addEventListener("load", () => {
      if (this.overlayFrame !== frame) return;
      frame.focus();
      this.post({ type: "overlay-ready", name });
    });
    frame.src = url.toString();
    this.overlayReturn = document.activeElement;
    this.overlayFrame = frame;
    document.body.append(frame);
  }

  /** Removes the overlay frame; `restore` returns focus to where it was (the control that opened it). */
  private removeOverlay(restore: boolean): void {
    const frame = this.overlayFrame;
    if (!frame) return;
    this.overlayFrame = undefined;
    frame.remove();
    const back = this.overlayReturn;
    this.overlayReturn = null;
    if (!restore) {
      this.post({ type: "overlay-dismissed" });
      return;
    }
    if (back === this || back === null || back === document.body) {
      this.frame?.focus();
      this.post({ type: "focus-return" });
    } else if (back instanceof HTMLElement || back instanceof SVGElement) {
      back.focus();
    }
  }
}
