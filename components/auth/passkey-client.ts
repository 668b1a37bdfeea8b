"use client";

import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/browser";
import { useSyncExternalStore } from "react";
import { parseApiError, type ApiError } from "@/lib/http/api-error";

/**
 * The browser's half of a passkey ceremony: ask Portico for the options, let the browser talk to the authenticator
 * (fingerprint, face, security key), and hand back its answer for the server to check. Errors come back as
 * Portico's own `{ code, message }` so forms show them like any other.
 */
export type PasskeyResult<T> =
  { ok: true; value: T } | { ok: false; error: ApiError | null; cancelled: boolean };

const noSubscription = () => () => undefined;

/** The check @simplewebauthn/browser makes, without loading the library on every page that might offer a passkey. */
function browserSupportsWebAuthn(): boolean {
  return typeof window !== "undefined" && typeof window.PublicKeyCredential === "function";
}

/**
 * The ceremony library is loaded when a ceremony starts: the shells that offer a passkey (the view-as banner, the
 * console's step-up fields) are on every page, the ceremonies are rare.
 */
function webAuthn(): Promise<typeof import("@simplewebauthn/browser")> {
  return import("@simplewebauthn/browser");
}

/** Whether this browser can use passkeys: known only in the browser (the server renders as if not). */
export function usePasskeysSupported(): boolean {
  return useSyncExternalStore(noSubscription, browserSupportsWebAuthn, () => false);
}

async function postJson(url: string, body: unknown): Promise<{ ok: boolean; data: unknown }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  }).catch(() => null);
  const data: unknown = await response?.json().catch(() => null);
  return { ok: response?.ok ?? false, data };
}

function optionsOf<T>(data: unknown): T | null {
  return typeof data === "object" && data !== null && "options" in data ? (data.options as T) : null;
}

/** The person cancelled the browser's dialog, or it timed out: not an error worth a red message. */
function isCancel(error: unknown): boolean {
  return error instanceof Error && (error.name === "NotAllowedError" || error.name === "AbortError");
}

/** A passkey's answer to a new challenge of this session, for signing in (`sign_in`) or a step-up. */
export async function passkeyAnswer(
  ceremony: "sign_in" | "step_up",
): Promise<PasskeyResult<AuthenticationResponseJSON>> {
  const asked = await postJson("/api/passkeys/options", { ceremony });
  const options = optionsOf<PublicKeyCredentialRequestOptionsJSON>(asked.data);
  if (!asked.ok || !options) return { ok: false, error: parseApiError(asked.data), cancelled: false };
  try {
    const { startAuthentication } = await webAuthn();
    return { ok: true, value: await startAuthentication({ optionsJSON: options }) };
  } catch (error) {
    return { ok: false, error: null, cancelled: isCancel(error) };
  }
}

/** Creates a passkey on this device for the signed-in person, after a current code. */
export async function createPasskey(code: string): Promise<PasskeyResult<RegistrationResponseJSON>> {
  const asked = await postJson("/api/passkeys/registration-options", { code });
  const options = optionsOf<PublicKeyCredentialCreationOptionsJSON>(asked.data);
  if (!asked.ok || !options) return { ok: false, error: parseApiError(asked.data), cancelled: false };
  try {
    const { startRegistration } = await webAuthn();
    return { ok: true, value: await startRegistration({ optionsJSON: options }) };
  } catch (error) {
    return { ok: false, error: null, cancelled: isCancel(error) };
  }
}

export { postJson };
