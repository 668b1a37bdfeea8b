"use client";

import type { StripeConnectInstance } from "@stripe/connect-js/pure";
import { useLocale } from "next-intl";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { useSettings } from "@/components/settings/settings-provider";
import { connectAppearance, connectLocale } from "@/lib/connect/appearance";
import type { SupportedLocale } from "@/lib/config/platform-config";
import { connectBoot } from "./boot/boot-api";
import type { ConnectBoot } from "./boot/protocol";

type Status = "loading" | "ready" | "error";

interface ConnectState {
  instance: StripeConnectInstance | null;
  status: Status;
  /** Starts over with a new instance (a new Account Session) after a failure. */
  retry(): void;
  /** Moves on when the page changed the account's data itself (test data): its lists then load again. */
  dataVersion: number;
  /** The page changed the account's data: every component showing it is mounted anew, on the same session. */
  refreshData(): void;
}

const ConnectContext = createContext<ConnectState | null>(null);

/** The boot script is an async tag of the layout; on a client-side entry it may still be on its way. */
function waitForBoot(timeoutMs: number): Promise<ConnectBoot | null> {
  return new Promise((resolve) => {
    const started = Date.now();
    const check = () => {
      const boot = connectBoot();
      if (boot || Date.now() - started > timeoutMs) resolve(boot);
      else setTimeout(check, 10);
    };
    check();
  });
}

function hasDebugInstance(value: object): value is { debugInstance(): Promise<unknown> } {
  return "debugInstance" in value && typeof value.debugInstance === "function";
}

/**
 * One Connect instance per dashboard layout, kept across client-side navigations: one Account Session per full page
 * load (the one the server streamed, which the boot script may already have handed to the components before this
 * hydrated), none per navigation or prefetch. Theme and locale changes go through `instance.update()`.
 */
export function ConnectProvider({
  publishableKey,
  children,
}: {
  publishableKey: string;
  children: ReactNode;
}) {
  const { dark, brandColor, settings } = useSettings();
  const locale = connectLocale(useLocale() as SupportedLocale);
  const appearance = connectAppearance({ dark, brandColor, overlay: settings.overlay });
  const [instance, setInstance] = useState<StripeConnectInstance | null>(null);
  const [status, setStatus] = useState<Status>("loading");
  const [generation, setGeneration] = useState(0);
  const [dataVersion, setDataVersion] = useState(0);
  // The latest look and language, read when an instance is created (without re-creating it when they change).
  const live = {
    publishableKey,
    brandColor,
    overlay: settings.overlay,
    theme: settings.theme,
    appearance,
    locale,
  };
  const liveConfig = useRef(live);
  useEffect(() => {
    liveConfig.current = live;
  });

  useEffect(() => {
    let cancelled = false;
    void waitForBoot(10_000).then(async (boot) => {
      if (cancelled) return;
      if (!boot) {
        setStatus("error");
        return;
      }
      const live = liveConfig.current;
      let created: StripeConnectInstance;
      try {
        created = await boot.instance({
          publishableKey: live.publishableKey,
          locale: live.locale,
          theme: live.theme,
          appearance: {
            light: connectAppearance({ dark: false, brandColor: live.brandColor, overlay: live.overlay }),
            dark: connectAppearance({ dark: true, brandColor: live.brandColor, overlay: live.overlay }),
          },
          streamedSession: false,
        });
      } catch {
        if (!cancelled) setStatus("error");
        return;
      }
      if (cancelled) return;
      setInstance(created);
      setStatus("ready");
      // A failed script load never reaches the components' onLoadError; catch it here.
      if (hasDebugInstance(created)) {
        created.debugInstance().catch(() => {
          if (!cancelled) setStatus("error");
        });
      }
    });
    return () => {
      cancelled = true;
    };
  }, [generation]);

  // Live look and language, on the same session.
  const appearanceKey = JSON.stringify(appearance);
  useEffect(() => {
    instance?.update({ appearance: liveConfig.current.appearance, locale: liveConfig.current.locale });
  }, [instance, appearanceKey, locale]);

  const retry = () => {
    setInstance(null);
    setStatus("loading");
    void (connectBoot()?.reset() ?? Promise.resolve()).then(() => setGeneration((g) => g + 1));
  };

  // Stripe's components have no "reload" of their own: a new element of the same instance loads afresh.
  const refreshData = () => setDataVersion((version) => version + 1);

  return (
    <ConnectContext value={{ instance, status, retry, dataVersion, refreshData }}>{children}</ConnectContext>
  );
}

export function useConnect(): ConnectState {
  const value = useContext(ConnectContext);
  if (!value) throw new Error("useConnect() must be used inside <ConnectProvider>");
  return value;
}
