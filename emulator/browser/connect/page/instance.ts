/**
 * `window.StripeConnect.init(params)` → `{ connect, create, update, logout }`, and the custom elements of the 21 GA
 * tags of @stripe/connect-js 3.4.6 and of Stripe's preview tags (tags.ts), with their `*InternalOnly` setters. Each
 * element hosts a frame (see host-element.ts).
 */
import { COMMON_SETTERS, TAG_SETTERS, propName } from "../tags";
import type { InitParams, UpdateOptions } from "../types";
import { HostElement } from "./host-element";
import { PageConnector } from "./page-connector";

/** Defines every tag (skipping ones already defined), each its own class with its `*InternalOnly` setters. */
export function defineElements(): void {
  for (const [tag, setters] of Object.entries(TAG_SETTERS)) {
    const name = `stripe-connect-${tag}`;
    if (customElements.get(name)) continue;
    const cls = class extends HostElement {};
    for (const setter of [...COMMON_SETTERS, ...setters]) {
      const prop = propName(setter);
      Object.defineProperty(cls.prototype, `${setter}InternalOnly`, {
        configurable: true,
        writable: true,
        value(this: HostElement, value: unknown): void {
          this.setProp(prop, value);
        },
      });
    }
    customElements.define(name, cls);
  }
}

export interface StandinInstance {
  connect: PageConnector;
  create(tagName: string): HTMLElement;
  update(options: UpdateOptions): void;
  logout(): Promise<void>;
  debugInstance(): Promise<StandinInstance>;
}

export function createInit(apiBase: () => string): (params: InitParams) => StandinInstance {
  return (params: InitParams) => {
    const connector = new PageConnector(params ?? {}, apiBase());
    const instance: StandinInstance = {
      connect: connector,
      create(tagName: string): HTMLElement {
        const name = tagName.startsWith("stripe-connect-") ? tagName : `stripe-connect-${tagName}`;
        const el = document.createElement(name);
        if (el instanceof HostElement) el.setConnector(connector);
        return el;
      },
      update(options: UpdateOptions): void {
        connector.update(options);
      },
      logout(): Promise<void> {
        return connector.logout().catch(() => undefined);
      },
      debugInstance(): Promise<StandinInstance> {
        return Promise.resolve(instance);
      },
    };
    return instance;
  };
}
