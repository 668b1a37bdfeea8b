import { BOOT_GLOBAL, setterName, type ConnectBoot } from "./protocol";

/** Browser helpers shared by the boot script and the React wrappers (no React, no server code). */

/** The boot script's API on `window`, once it has loaded. */
export function connectBoot(): ConnectBoot | null {
  const value: unknown = Reflect.get(window, BOOT_GLOBAL);
  return typeof value === "object" && value !== null && "instance" in value && "adopt" in value
    ? (value as ConnectBoot)
    : null;
}

/** Calls a component element's setter for `prop` (`payment` → `setPayment`), if the element has it. */
export function callSetter(element: HTMLElement, prop: string, value: unknown): void {
  const setter: unknown = Reflect.get(element, setterName(prop));
  if (typeof setter !== "function") return;
  try {
    setter.call(element, value);
  } catch (error) {
    console.error(`Connect setter ${setterName(prop)} failed`, error);
  }
}
