/**
 * The page ⇄ frame protocol of the connect.js stand-in. The page (connect.js, on the platform's origin) hosts one
 * frame per `stripe-connect-*` element, served by the sandbox's origin; they talk only through `postMessage` with an
 * exact target origin, and each side drops messages whose `source` window and `origin` are not the expected ones.
 */
import { isRecord } from "./dom";
import type { Session, UpdateOptions } from "./types";

/** Marks the stand-in's messages (other scripts on the page post messages too). */
export const CHANNEL = "portico-sandbox-connect";

/** A failure carried across the frame boundary (Error objects do not keep their class through structured clone). */
export interface WireError {
  kind: "secret" | "api" | "other";
  status: number;
  type: string;
  code?: string;
  message: string;
}

/** What the page sends to a component frame. */
export type ToFrame =
  | {
      type: "init";
      options: UpdateOptions;
      fonts: unknown;
      values: Record<string, unknown>;
      callbacks: string[];
      ended: boolean;
    }
  | { type: "prop"; name: string; value?: unknown; callback?: boolean }
  | { type: "options"; options: UpdateOptions; localeChanged: boolean }
  | { type: "session"; id: number; session?: Session; error?: WireError }
  | { type: "logout" }
  | { type: "data-changed" }
  | { type: "overlay-ready"; name: string }
  | { type: "overlay-dismissed" }
  | { type: "focus-return" };

/** What a component frame sends to the page. */
export type ToPage =
  | { type: "hello" }
  | { type: "event"; name: string; arg: unknown }
  | { type: "dom-event"; name: string; detail: unknown }
  | { type: "size"; height: number }
  | { type: "session-request"; id: number; stale?: string; retry?: boolean }
  | { type: "changed" }
  | { type: "overlay-open"; label: string }
  | { type: "overlay-close" }
  | { type: "first-render"; tag: string; at: number };

export interface Envelope<T> {
  channel: typeof CHANNEL;
  message: T;
}

export function envelope<T>(message: T): Envelope<T> {
  return { channel: CHANNEL, message };
}

/** The message inside one of the stand-in's envelopes, or undefined for anything else. */
export function opened(data: unknown): Record<string, unknown> | undefined {
  if (!isRecord(data) || data.channel !== CHANNEL || !isRecord(data.message)) return undefined;
  return typeof data.message.type === "string" ? data.message : undefined;
}

/** Plain data for postMessage: functions and other uncloneable values are dropped (as JSON would). */
export function cloneable(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    try {
      return JSON.parse(JSON.stringify(value ?? null)) as unknown;
    } catch {
      return null;
    }
  }
}
