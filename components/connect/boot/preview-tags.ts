import type { ConnectElementTagName, StripeConnectInstance } from "@stripe/connect-js/pure";

/**
 * Stripe's preview components, which @stripe/connect-js 3.4.6 does not know: their tags and the setters Stripe's
 * component pages document. connect-js creates a name outside its list as a bare element with only the common
 * setters (`setOnLoaderStart`, `setOnLoadError`), so Portico adds each component's own the way connect-js does for
 * its GA tags: `setX(value)` → the element's `setXInternalOnly(value)`, once connect.js has defined the element.
 * Shared by the boot script and the React wrappers (no React, no server code).
 */
export const PREVIEW_TAG_SETTERS = {
  "payment-method-settings": ["setPaymentMethodConfiguration"],
  "reporting-chart": ["setReportName", "setIntervalStart", "setIntervalEnd", "setIntervalType"],
  "terminal-hardware-orders": [],
  "terminal-hardware-shop": [],
} as const satisfies Record<string, readonly `set${string}`[]>;

export type PreviewTag = keyof typeof PREVIEW_TAG_SETTERS;

/** Every tag Portico mounts: connect-js's GA ones and the preview ones above. */
export type PorticoConnectTag = ConnectElementTagName | PreviewTag;

export function isPreviewTag(tag: string): tag is PreviewTag {
  return Object.hasOwn(PREVIEW_TAG_SETTERS, tag);
}

/** `setX` calls `setXInternalOnly` now if connect.js has upgraded the element, else in order once it does. */
function defineSetter(element: HTMLElement, setter: string): void {
  const internal = `${setter}InternalOnly`;
  const apply = (value: unknown) => {
    const method: unknown = Reflect.get(element, internal);
    if (typeof method === "function") method.call(element, value);
  };
  Object.defineProperty(element, setter, {
    configurable: true,
    value(value: unknown): void {
      if (typeof Reflect.get(element, internal) === "function") {
        apply(value);
        return;
      }
      void customElements.whenDefined(element.localName).then(() => {
        customElements.upgrade(element);
        apply(value);
      });
    },
  });
}

/** Creates a component's element through the page's instance, GA or preview alike. */
export function createConnectElement(instance: StripeConnectInstance, tag: PorticoConnectTag): HTMLElement {
  if (!isPreviewTag(tag)) return instance.create(tag);
  // connect-js maps only its own names to `stripe-connect-…` and creates any other name as given; its parameter type
  // lists only the GA names, hence the cast.
  const element: HTMLElement = instance.create(`stripe-connect-${tag}` as ConnectElementTagName);
  for (const setter of PREVIEW_TAG_SETTERS[tag]) defineSetter(element, setter);
  return element;
}
