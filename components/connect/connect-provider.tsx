"use client";

import { loadConnectAndInitialize, type StripeConnectInstance } from "@stripe/connect-js/pure";
import { useLocale } from "next-intl";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { useSettings } from "@/components/settings/settings-provider";
import { registerConnectLogout } from "./connect-logout";
import { connectAppearance, connectLocale } from "@/lib/connect/appearance";
import type { SupportedLocale } from "@/lib/config/platform-config";
import { parseApiError } from "@/lib/http/api-error";

/** The first session, started during the server render and streamed in; never rejects. */
export type InitialSession = { clientSecret: string; expiresAt: number } | { error: string };

type Status = "loading" | "ready" | "error";

interface ConnectState {
  instance: StripeConnectInstance | null;
  status: Status;
  /** Recreates the instance (a new session) after a failure. */
  retry(): void;
}

const ConnectContext = createContext<ConnectState | null>(null);

class SessionError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** Asks the server for a new Account Session; the server decides the account from the signed-in session. */
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

function hasConnectGlobal(): boolean {
  const global: unknown = Reflect.get(window, "StripeConnect");
  return (
    typeof global === "object" && global !== null && "init" in global && typeof global.init === "function"
  );
}

/**
 * connect.js (or the sandbox's stand-in) is preloaded by the layout as an async script. Wait for its global, so the
 * loader uses it instead of injecting a second copy; after a while, let the loader take over (it reuses Stripe's tag).
 */
function waitForConnectGlobal(timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const started = Date.now();
    const check = () => {
      if (hasConnectGlobal() || Date.now() - started > timeoutMs) resolve();
      else setTimeout(check, 20);
    };
    check();
  });
}

function hasDebugInstance(value: object): value is { debugInstance(): Promise<unknown> } {
  return "debugInstance" in value && typeof value.debugInstance === "function";
}

/**
 * One Connect instance per dashboard layout, created in the browser and kept across client-side navigations: one
 * Account Session per full page load (the streamed one), none per navigation or prefetch. Theme and locale changes
 * go through `instance.update()`, never a new session.
 */
export function ConnectProvider({
  publishableKey,
  initialSession,
  children,
}: {
  publishableKey: string;
  initialSession: Promise<InitialSession> | null;
  children: ReactNode;
}) {
  const { dark, brandColor, settings } = useSettings();
  const locale = connectLocale(useLocale() as SupportedLocale);
  const appearance = connectAppearance({ dark, brandColor, overlay: settings.overlay });
  const [instance, setInstance] = useState<StripeConnectInstance | null>(null);
  const [status, setStatus] = useState<Status>("loading");
  const [generation, setGeneration] = useState(0);
  const initialRef = useRef(initialSession);
  // The latest look and language, read when the instance is created (without re-creating it when they change).
  const liveOptions = useRef({ appearance, locale });
  useEffect(() => {
    liveOptions.current = { appearance, locale };
  });

  useEffect(() => {
    let cancelled = false;
    let created: StripeConnectInstance | null = null;
    const fetchClientSecret = async (): Promise<string> => {
      const streamed = initialRef.current;
      initialRef.current = null;
      if (streamed) {
        const result = await streamed;
        if ("clientSecret" in result) return result.clientSecret;
      }
      return requestClientSecret();
    };
    void waitForConnectGlobal(8_000).then(() => {
      if (cancelled) return;
      created = loadConnectAndInitialize({
        publishableKey,
        fetchClientSecret,
        appearance: liveOptions.current.appearance,
        locale: liveOptions.current.locale,
      });
      setInstance(created);
      setStatus("ready");
      // A failed script load never reaches the components' onLoadError; catch it here.
      if (hasDebugInstance(created)) {
        created.debugInstance().catch(() => {
          if (!cancelled) setStatus("error");
        });
      }
    });
    const unregister = registerConnectLogout(async () => {
      await created?.logout().catch(() => undefined);
    });
    return () => {
      cancelled = true;
      unregister();
    };
  }, [publishableKey, generation]);

  // Live look and language, on the same session.
  const appearanceKey = JSON.stringify(appearance);
  useEffect(() => {
    instance?.update({ appearance: liveOptions.current.appearance, locale: liveOptions.current.locale });
  }, [instance, appearanceKey, locale]);

  const retry = () => {
    void instance?.logout().catch(() => undefined);
    setInstance(null);
    setStatus("loading");
    setGeneration((g) => g + 1);
  };

  return <ConnectContext value={{ instance, status, retry }}>{children}</ConnectContext>;
}

export function useConnect(): ConnectState {
  const value = useContext(ConnectContext);
  if (!value) throw new Error("useConnect() must be used inside <ConnectProvider>");
  return value;
}
