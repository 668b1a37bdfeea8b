import type { AppearanceOptions, StripeConnectInstance } from "@stripe/connect-js/pure";

/**
 * The contract between the server render, the Connect boot script (`connect-boot.ts`, a small bundle of its own that
 * runs as soon as it downloads, long before React hydrates) and the React wrappers that later take over what it
 * started. Types and constants only: every side imports this without pulling in the others.
 */

/** Where the boot bundle is served from (built into public/ by scripts/build-connect-boot.ts). */
export const CONNECT_BOOT_PATH = "/_portico/connect-boot.js";

/** The JSON `<script type="application/json">` holding the boot's configuration. */
export const CONNECT_CONFIG_ELEMENT_ID = "portico-connect-config";

/** The streamed first Account Session is stored on this global and announced with this event. */
export const STREAMED_SESSION_GLOBAL = "__porticoConnectSession";
export const STREAMED_SESSION_EVENT = "portico:connect-session";

/** The boot's API, on `window`. */
export const BOOT_GLOBAL = "PorticoConnect";

/** Attributes of the server-rendered element slots the boot fills before hydration. */
export const SLOT_ATTRIBUTE = "data-connect-slot";
export const SLOT_PROPS_ATTRIBUTE = "data-connect-props";
export const SLOT_CALLBACKS_ATTRIBUTE = "data-connect-callbacks";
/** Set on a component element once it has started rendering (CSS swaps the skeleton for it). */
export const STARTED_ATTRIBUTE = "data-connect-started";

export type StreamedSession = { clientSecret: string; expiresAt: number } | { error: string };

export interface ConnectBootConfig {
  publishableKey: string;
  locale: string;
  /** The user's theme; "system" follows `prefers-color-scheme`, read by the boot. */
  theme: "light" | "dark" | "system";
  appearance: { light: AppearanceOptions; dark: AppearanceOptions };
  /** Whether the server is streaming the first Account Session into this page. */
  streamedSession: boolean;
}

/** A callback the boot received for an element before React adopted it, replayed in order on adoption. */
export interface RecordedCallback {
  name: string;
  arg: unknown;
}

export interface BootedElement {
  element: HTMLElement;
  instance: StripeConnectInstance;
  /** Hands over the callbacks recorded so far and stops recording (React installs its own). */
  takeRecorded(): RecordedCallback[];
}

export interface ConnectBoot {
  /** The page's one Connect instance, created on first use (or already created by the boot). */
  instance(config?: ConnectBootConfig): Promise<StripeConnectInstance>;
  /** The element the boot mounted into `slot` with `instance`, if any (once per slot). */
  adopt(slot: HTMLElement, instance: StripeConnectInstance): BootedElement | null;
  /** Logs the instance out and forgets it: the next `instance()` starts a new Account Session. */
  reset(): Promise<void>;
}

/** JSON for a slot's data props; Dates (payment filters) survive as `{ "$date": iso }`. */
export function encodeSlotProps(props: Record<string, unknown>): string {
  return JSON.stringify(props, function (this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.toISOString() } : value;
  });
}

export function decodeSlotProps(json: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(json, (_key, value: unknown) =>
    typeof value === "object" &&
    value !== null &&
    "$date" in value &&
    typeof value.$date === "string" &&
    Object.keys(value).length === 1
      ? new Date(value.$date)
      : value,
  );
  return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : {};
}

/** `onLoadError` → `setOnLoadError`. */
export function setterName(prop: string): string {
  return `set${prop.charAt(0).toUpperCase()}${prop.slice(1)}`;
}

/** JSON that is safe inside an inline `<script>` (no `</script>`, no `<!--`, no line separators). */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
