/**
 * The inside of one sandbox component frame (`/_sandbox/connect/frame?tag=…&parent=<page origin>`, served by the
 * sandbox's origin). It draws the component, runs its API calls from this origin, and talks to the page only through
 * `postMessage` with the page's exact origin, accepting messages only from its parent window and that origin.
 */
import { Connector, fromWire, type SessionSource } from "../api-client";
import type { ConnectElement, FrameLink } from "../base-element";
import { isRecord } from "../dom";
import { installFonts } from "../fonts";
import { cloneable, envelope, opened, type ToPage } from "../protocol";
import type { Session, UpdateOptions } from "../types";
import { createFrameElement } from "./elements";

const params = new URLSearchParams(location.search);
const tag = params.get("tag") ?? "";
const parentOrigin = params.get("parent") ?? "";

function post(message: ToPage): void {
  if (window.parent === window || !parentOrigin) return;
  window.parent.postMessage(envelope(message), parentOrigin);
}

let nextId = 0;
const waiting = new Map<number, { resolve: (s: Session) => void; reject: (e: Error) => void }>();

const source: SessionSource = {
  session(stale?: string, retry?: boolean): Promise<Session> {
    nextId += 1;
    const id = nextId;
    return new Promise<Session>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      post({
        type: "session-request",
        id,
        ...(stale === undefined ? {} : { stale }),
        ...(retry ? { retry } : {}),
      });
    });
  },
  changed(): void {
    post({ type: "changed" });
  },
};

let element: ConnectElement | undefined;
let connector: Connector | undefined;
let firstRender = false;
/** The `fonts` init option, declared once the first render is drawn (see `rendered`). */
let pendingFonts: unknown = null;

const link: FrameLink = {
  dispatch(name, detail) {
    post({ type: "dom-event", name, detail: cloneable(detail) });
  },
  requestOverlay(label) {
    post({ type: "overlay-open", label });
  },
  releaseOverlay() {
    post({ type: "overlay-close" });
  },
  rendered() {
    if (firstRender) return;
    firstRender = true;
    // Time to first component, as the page's clock reads it (`at` − the page's `performance.timeOrigin`).
    post({ type: "first-render", tag, at: performance.timeOrigin + performance.now() });
    // The platform's fonts swap in after the first render: their download would otherwise share the frame's first
    // moments with the session claim and the component's data request, and text draws in the fallback meanwhile
    // anyway (font-display: swap).
    installFonts(pendingFonts);
  },
};

/** A callback prop: the component calls it, the page runs the platform's function. */
function callback(name: string): (arg: unknown) => void {
  return (arg: unknown) => post({ type: "event", name, arg: cloneable(arg ?? undefined) });
}

function setProp(name: string, value: unknown, isCallback: boolean): void {
  element?.setProp(name, isCallback ? callback(name) : value);
}

function init(m: Record<string, unknown>): void {
  if (element) return;
  const options = (isRecord(m.options) ? m.options : {}) as UpdateOptions;
  pendingFonts = m.fonts;
  connector = new Connector(source, location.origin, options);
  const el = createFrameElement(tag);
  if (!el) return;
  element = el;
  el.setLink(link);
  if (isRecord(m.values)) for (const [name, value] of Object.entries(m.values)) setProp(name, value, false);
  if (Array.isArray(m.callbacks))
    for (const name of m.callbacks) if (typeof name === "string") setProp(name, undefined, true);
  el.setConnector(connector);
  document.body.append(el);
  if (m.ended === true) connector.ended();
}

function receive(m: Record<string, unknown>): void {
  switch (m.type) {
    case "init":
      init(m);
      break;
    case "prop":
      if (typeof m.name === "string") {
        if (m.callback === false) setProp(m.name, undefined, false);
        else setProp(m.name, m.value, m.callback === true);
      }
      break;
    case "options":
      if (isRecord(m.options)) connector?.setOptions(m.options as UpdateOptions, m.localeChanged === true);
      break;
    case "session": {
      const id = typeof m.id === "number" ? m.id : -1;
      const wait = waiting.get(id);
      if (!wait) break;
      waiting.delete(id);
      if (isRecord(m.error)) wait.reject(fromWire(m.error as unknown as Parameters<typeof fromWire>[0]));
      else if (isRecord(m.session)) wait.resolve(m.session as unknown as Session);
      else wait.reject(new Error("No session"));
      break;
    }
    case "logout":
      connector?.ended();
      break;
    case "data-changed":
      connector?.dataChanged();
      break;
    case "overlay-ready":
      if (typeof m.name === "string") {
        // A sibling frame of the page, on this frame's origin: reachable by name through the parent window.
        const win = (window.parent as unknown as Record<string, unknown>)[m.name];
        if (win && typeof win === "object") element?.attachOverlay(win as Window);
      }
      break;
    case "overlay-dismissed":
      element?.overlayDismissed();
      break;
    case "focus-return":
      element?.returnFocus();
      break;
    default:
      break;
  }
}

window.addEventListener("message", (event) => {
  // Only the page that embeds this frame, on the origin it was opened for.
  if (event.source !== window.parent || event.origin !== parentOrigin) return;
  const m = opened(event.data);
  if (m) receive(m);
});

// The page sizes the frame to its content.
let lastHeight = -1;
const sizer = new ResizeObserver(() => {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height === lastHeight) return;
  lastHeight = height;
  post({ type: "size", height });
});
sizer.observe(document.documentElement);

post({ type: "hello" });
