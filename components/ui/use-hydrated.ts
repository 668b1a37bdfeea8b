"use client";

import { useSyncExternalStore } from "react";

const subscribeNever = () => () => undefined;
const clientSnapshot = () => true;
const serverSnapshot = () => false;

/**
 * False on the server and during hydration, true once React runs the component in the browser: what only the
 * browser can know (its clock, its zone) or do (a click handler) waits for it, without a hydration mismatch.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(subscribeNever, clientSnapshot, serverSnapshot);
}
