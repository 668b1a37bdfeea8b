import { loadConnectAndInitialize, type StripeConnectInstance } from "@stripe/connect-js/pure";
import { connectFonts } from "../../../lib/connect/appearance";
import { parseApiError } from "../../../lib/http/api-error";
import { callSetter } from "./boot-api";
import { createConnectElement, type PorticoConnectTag } from "./preview-tags";
import {
  BOOT_GLOBAL,
  CONNECT_CONFIG_ELEMENT_ID,
  SLOT_ATTRIBUTE,
  SLOT_CALLBACKS_ATTRIBUTE,
  SLOT_PROPS_ATTRIBUTE,
  STARTED_ATTRIBUTE,
  STREAMED_SESSION_EVENT,
  STREAMED_SESSION_GLOBAL,
  decodeSlotProps,
  type BootedElement,
  type ConnectBoot,
  type ConnectBootConfig,
  type RecordedCallback,
  type StreamedSession,
} from "./protocol";

/**
 * The Connect boot script: a bundle of its own (scripts/build-connect-boot.ts), loaded async from the dashboard's
 * first HTML flush. On a full page load it creates the page's one Connect instance as soon as connect.js is there,
 * hands it the Account Session the server streams into the page, and mounts the components into their
 * server-rendered slots — none of it waits for React to download and hydrate. React then adopts the instance and
 * the elements (components/connect/connect-provider.tsx, connect-element.tsx); on client-side entries React drives it.
 */

declare global {
  interface Window {
    [BOOT_GLOBAL]?: ConnectBoot;
    [STREAMED_SESSION_GLOBAL]?: StreamedSession;
  }
}

class SessionError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** A new Account Session from the app; the server decides the account from the signed-in session, never the body. */
async function requestClientSecret(): Promise<string> {
  const response = await fetch("/api/account-session", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
    cache: "no-store",
  });
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new SessionError(parseApiError(data)?.code ?? `http_${response.status}`);
  if (
    typeof data === "object" &&
    data !== null &&
    "clientSecret" in data &&
    typeof data.clientSecret === "string"
  ) {
    return data.clientSecret;
  }
  throw new SessionError("invalid_response");
}

function isStreamedSession(value: unknown): value is StreamedSession {
  if (typeof value !== "object" || value === null) return false;
  if ("clientSecret" in value) return typeof value.clientSecret === "string";
  return "error" in value && typeof value.error === "string";
}

/** Takes the streamed session off the page once (it is not left lying around on `window`). */
function takeStreamedSession(): StreamedSession | null {
  const value = window[STREAMED_SESSION_GLOBAL];
  delete window[STREAMED_SESSION_GLOBAL];
  return isStreamedSession(value) ? value : null;
}

/** The session the server streams into this page; if the document ends without one, an error (the app is asked). */
function streamedSession(): Promise<StreamedSession> {
  const ready = takeStreamedSession();
  if (ready) return Promise.resolve(ready);
  return new Promise((resolve) => {
    const arrived = () => {
      const value = takeStreamedSession();
      if (!value) return;
      window.removeEventListener(STREAMED_SESSION_EVENT, arrived);
      resolve(value);
    };
    window.addEventListener(STREAMED_SESSION_EVENT, arrived);
    const ended = () => {
      arrived();
      window.removeEventListener(STREAMED_SESSION_EVENT, arrived);
      resolve({ error: "session_not_streamed" });
    };
    if (document.readyState === "loading")
      document.addEventListener("DOMContentLoaded", ended, { once: true });
    else setTimeout(ended, 0);
  });
}

function readConfig(): ConnectBootConfig | null {
  const text = document.getElementById(CONNECT_CONFIG_ELEMENT_ID)?.textContent;
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null || !("publishableKey" in value)) return null;
    return value as ConnectBootConfig;
  } catch {
    return null;
  }
}

function hasConnectGlobal(): boolean {
  const global: unknown = Reflect.get(window, "StripeConnect");
  return (
    typeof global === "object" && global !== null && "init" in global && typeof global.init === "function"
  );
}

/**
 * connect.js (or the sandbox's stand-in) is loaded by its own async tag. Wait for its global so the loader uses it
 * instead of injecting a second copy; after a while, let the loader take over (it reuses Stripe's tag).
 */
function connectGlobal(timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const started = Date.now();
    const check = () => {
      if (hasConnectGlobal() || Date.now() - started > timeoutMs) resolve();
      else setTimeout(check, 5);
    };
    check();
  });
}

let pendingStreamed: Promise<StreamedSession> | null = null;
let current: Promise<StripeConnectInstance> | null = null;

/** The first secret is the streamed one (if any, and if it was minted); every later one is asked of the app. */
async function fetchClientSecret(): Promise<string> {
  const streamed = pendingStreamed;
  pendingStreamed = null;
  if (streamed) {
    const result = await streamed;
    if ("clientSecret" in result) return result.clientSecret;
  }
  return requestClientSecret();
}

function createInstance(config: ConnectBootConfig): Promise<StripeConnectInstance> {
  const dark =
    config.theme === "dark" ||
    (config.theme === "system" && window.matchMedia("(prefers-color-scheme: dark)").matches);
  return connectGlobal(8_000).then(() =>
    loadConnectAndInitialize({
      publishableKey: config.publishableKey,
      fetchClientSecret,
      appearance: dark ? config.appearance.dark : config.appearance.light,
      locale: config.locale,
      fonts: connectFonts(window.location.origin),
    }),
  );
}

interface BootEntry {
  element: HTMLElement;
  instance: StripeConnectInstance;
  recorded: RecordedCallback[];
}

const booted = new WeakMap<HTMLElement, BootEntry>();

/** Mounts a component into every empty server-rendered slot, recording its callbacks until React adopts it. */
function mountSlots(instance: StripeConnectInstance): void {
  for (const slot of document.querySelectorAll<HTMLElement>(`[${SLOT_ATTRIBUTE}]`)) {
    const tag = slot.getAttribute(SLOT_ATTRIBUTE);
    if (!tag || slot.childElementCount > 0 || booted.has(slot)) continue;
    // The tag comes from Portico's own server render (a GA or a preview tag).
    const element = createConnectElement(instance, tag as PorticoConnectTag);
    const entry: BootEntry = { element, instance, recorded: [] };
    const props = decodeSlotProps(slot.getAttribute(SLOT_PROPS_ATTRIBUTE) ?? "{}");
    for (const [prop, value] of Object.entries(props)) callSetter(element, prop, value);
    const callbacks = new Set(["onLoaderStart", "onLoadError"]);
    for (const name of (slot.getAttribute(SLOT_CALLBACKS_ATTRIBUTE) ?? "").split(",")) {
      if (/^on[A-Z]\w*$/.test(name)) callbacks.add(name);
    }
    for (const name of callbacks) {
      callSetter(element, name, (arg: unknown) => {
        if (name === "onLoaderStart") element.setAttribute(STARTED_ATTRIBUTE, "");
        entry.recorded.push({ name, arg });
      });
    }
    booted.set(slot, entry);
    slot.append(element);
  }
}

const api: ConnectBoot = {
  instance(config) {
    if (!current) {
      const resolved = config ?? readConfig();
      if (!resolved) return Promise.reject(new Error("This page has no Connect configuration."));
      const created = createInstance(resolved);
      current = created;
      // A failed start is forgotten (the next call tries again), unless a reset already replaced it.
      created.catch(() => {
        if (current === created) current = null;
      });
      return created;
    }
    return current;
  },
  adopt(slot, instance): BootedElement | null {
    const entry = booted.get(slot);
    if (!entry || entry.instance !== instance) return null;
    return {
      element: entry.element,
      instance: entry.instance,
      takeRecorded: () => entry.recorded.splice(0),
    };
  },
  async reset() {
    const previous = current;
    current = null;
    pendingStreamed = null;
    if (previous) await previous.then((instance) => instance.logout()).catch(() => undefined);
  },
};

if (!window[BOOT_GLOBAL]) {
  window[BOOT_GLOBAL] = api;
  const config = readConfig();
  // Only a full page load has a streamed session to start from; otherwise React asks when it needs an instance.
  if (config?.streamedSession) {
    pendingStreamed = streamedSession();
    void api.instance(config).then(mountSlots, () => undefined);
  }
}
