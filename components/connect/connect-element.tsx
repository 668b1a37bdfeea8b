"use client";

import type { LoadError, LoaderStart } from "@stripe/connect-js/pure";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { callSetter, connectBoot } from "./boot/boot-api";
import {
  SLOT_ATTRIBUTE,
  SLOT_CALLBACKS_ATTRIBUTE,
  SLOT_PROPS_ATTRIBUTE,
  STARTED_ATTRIBUTE,
  encodeSlotProps,
} from "./boot/protocol";
import { createConnectElement, type PorticoConnectTag } from "./boot/preview-tags";
import { useConnect } from "./connect-provider";

/** The tags Portico mounts: `@stripe/connect-js`'s GA tags and the preview ones it types locally. */
export type ConnectTag = PorticoConnectTag;

/** A component's setters as props: data values and `on…` callbacks (`payment` → `setPayment`). */
export type ConnectProps = Record<string, unknown>;

export interface LoadHandlers {
  onLoaderStart?: (event: LoaderStart) => void;
  onLoadError?: (event: LoadError) => void;
}

// Constant, so React never rewrites the slot's children: they belong to connect.js.
const NO_CHILDREN = { __html: "" };

/** `on…` listeners, and functions the component calls for an answer (the issuing components' `fetchEphemeralKey`). */
function isCallback(name: string, value: unknown): boolean {
  return /^on[A-Z]/.test(name) || typeof value === "function";
}

function dataPropsOf(props: ConnectProps): ConnectProps {
  return Object.fromEntries(Object.entries(props).filter(([name, value]) => !isCallback(name, value)));
}

function callbackNamesOf(props: ConnectProps): string[] {
  return Object.entries(props)
    .filter(([name, value]) => isCallback(name, value))
    .map(([name]) => name);
}

/**
 * One embedded component. The server renders an empty slot that names the component and its data props, so the boot
 * script can mount it before hydration; here React adopts that element (replaying the callbacks it missed) or, on a
 * client-side navigation, creates one from the page's instance. Setters follow the props, callbacks the latest props.
 */
export function ConnectElement({
  tag,
  props = {},
  onLoaderStart,
  onLoadError,
}: { tag: ConnectTag; props?: ConnectProps } & LoadHandlers) {
  const { instance } = useConnect();
  const slotRef = useRef<HTMLDivElement>(null);
  const [element, setElement] = useState<HTMLElement | null>(null);
  // The data props the element last received, as their slot JSON.
  const applied = useRef<string | null>(null);

  const dataKey = encodeSlotProps(dataPropsOf(props));
  const callbackKey = callbackNamesOf(props).join(",");

  // Callbacks reach the latest props without re-installing setters on every render.
  const latest = useRef({ props, onLoaderStart, onLoadError });
  useEffect(() => {
    latest.current = { props, onLoaderStart, onLoadError };
  });

  useLayoutEffect(() => {
    const slot = slotRef.current;
    if (!slot || !instance) return;
    const booted = connectBoot()?.adopt(slot, instance) ?? null;
    const el = booted?.element ?? createConnectElement(instance, tag);
    if (!booted) {
      // Data first, so the component's first load already has them (a later setter would load it again).
      for (const [name, value] of Object.entries(dataPropsOf(latest.current.props)))
        callSetter(el, name, value);
      slot.replaceChildren(el);
    }
    // The boot applied the same data from the slot's attribute before mounting.
    applied.current = encodeSlotProps(dataPropsOf(latest.current.props));
    // A callback's answer goes back to the component (`fetchEphemeralKey` returns the key's promise).
    const dispatch = (name: string, arg: unknown): unknown => {
      if (name === "onLoaderStart") {
        el.setAttribute(STARTED_ATTRIBUTE, "");
        latest.current.onLoaderStart?.(arg as LoaderStart);
        return undefined;
      }
      if (name === "onLoadError") {
        latest.current.onLoadError?.(arg as LoadError);
        return undefined;
      }
      const callback = latest.current.props[name];
      return typeof callback === "function" ? (callback as (value: unknown) => unknown)(arg) : undefined;
    };
    const callbackNames = callbackNamesOf(latest.current.props);
    for (const name of new Set(["onLoaderStart", "onLoadError", ...callbackNames])) {
      callSetter(el, name, (arg: unknown) => dispatch(name, arg));
    }
    // What happened before React took over (the loader started, an error, a callback), in order.
    for (const recorded of booted?.takeRecorded() ?? []) dispatch(recorded.name, recorded.arg);
    setElement(el);
    // callbackKey: which callbacks are given is part of the element's wiring, like the tag.
  }, [instance, tag, callbackKey]);

  // Data setters when their values change (dataKey stands for them).
  useEffect(() => {
    if (!element || applied.current === dataKey) return;
    applied.current = dataKey;
    for (const [name, value] of Object.entries(dataPropsOf(latest.current.props)))
      callSetter(element, name, value);
  }, [element, dataKey]);

  return (
    <div
      ref={slotRef}
      className="w-full"
      {...{
        [SLOT_ATTRIBUTE]: tag,
        [SLOT_PROPS_ATTRIBUTE]: dataKey,
        [SLOT_CALLBACKS_ATTRIBUTE]: callbackKey,
      }}
      dangerouslySetInnerHTML={NO_CHILDREN}
      suppressHydrationWarning
    />
  );
}
