"use client";

import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from "react";
import { brandCssVariables } from "@/lib/settings/brand-colors";
import type { UserSettings } from "@/lib/settings/schema";

interface SettingsContextValue {
  settings: UserSettings;
  /** The brand colour in effect: the user's, else the platform's. */
  brandColor: string;
  /** Whether the dark palette is in effect (the theme, or the system preference for "system"). */
  dark: boolean;
  setSettings(settings: UserSettings): void;
}

const SettingsContext = createContext<SettingsContextValue | null>(null);

function subscribeToColorScheme(onChange: () => void): () => void {
  const query = window.matchMedia("(prefers-color-scheme: dark)");
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

function useSystemDark(): boolean {
  return useSyncExternalStore(
    subscribeToColorScheme,
    () => window.matchMedia("(prefers-color-scheme: dark)").matches,
    () => false,
  );
}

/** Holds the user's display settings in the browser, so a change applies at once to the shell and the components. */
export function SettingsProvider({
  initial,
  platformBrandColor,
  children,
}: {
  initial: UserSettings;
  platformBrandColor: string;
  children: ReactNode;
}) {
  const [settings, setSettings] = useState(initial);
  const systemDark = useSystemDark();
  const dark = settings.theme === "dark" || (settings.theme === "system" && systemDark);
  const brandColor = settings.brandColor ?? platformBrandColor;

  useEffect(() => {
    const root = document.documentElement;
    root.classList.toggle("dark", settings.theme === "dark");
    root.classList.toggle("theme-system", settings.theme === "system");
    for (const [name, value] of Object.entries(brandCssVariables(brandColor)))
      root.style.setProperty(name, value);
  }, [settings.theme, brandColor]);

  return <SettingsContext value={{ settings, brandColor, dark, setSettings }}>{children}</SettingsContext>;
}

export function useSettings(): SettingsContextValue {
  const value = useContext(SettingsContext);
  if (!value) throw new Error("useSettings() must be used inside <SettingsProvider>");
  return value;
}
