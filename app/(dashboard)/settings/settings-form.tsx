"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useSettings } from "@/components/settings/settings-provider";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { parseApiError } from "@/lib/http/api-error";
import type { UserSettings } from "@/lib/settings/schema";

/**
 * Each change applies at once — to the shell and, through `instance.update()`, to the embedded components, on the
 * same Account Session — and is saved for the user. Outside the dashboard (`components={false}`), the overlay style,
 * which only the embedded components use, is left out.
 */
export function SettingsForm({ components = true }: { components?: boolean }) {
  const t = useTranslations("settings");
  const router = useRouter();
  const { settings, setSettings, brandColor } = useSettings();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  async function update(patch: Partial<UserSettings>) {
    const next = { ...settings, ...patch };
    const previous = settings;
    setSettings(next);
    setError(null);
    setSaved(false);
    const response = await fetch("/api/settings", {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(next),
    }).catch(() => null);
    if (!response?.ok) {
      setSettings(previous);
      setError(parseApiError(await response?.json().catch(() => null))?.message ?? t("failed"));
      return;
    }
    setSaved(true);
    // The shell's own text comes from the server: re-render it in the new language (no new Account Session).
    if (patch.locale !== undefined && patch.locale !== previous.locale) router.refresh();
  }

  const radio = "h-4 w-4 accent-[var(--brand)]";
  return (
    <div className="space-y-6" data-testid="settings-form">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {saved ? (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
          {t("saved")}
        </p>
      ) : null}
      <Card title={t("appearance")}>
        <fieldset className="space-y-2">
          <legend className="mb-2 text-sm font-medium">{t("theme")}</legend>
          {(["light", "dark", "system"] as const).map((theme) => (
            <label key={theme} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="theme"
                className={radio}
                checked={settings.theme === theme}
                onChange={() => update({ theme })}
              />
              {t(`theme_${theme}`)}
            </label>
          ))}
        </fieldset>
        <div className="mt-5 flex flex-wrap items-center gap-3">
          <label htmlFor="brand-color" className="text-sm font-medium">
            {t("brandColor")}
          </label>
          <input
            id="brand-color"
            type="color"
            value={brandColor}
            onChange={(event) => update({ brandColor: event.target.value })}
            className="h-9 w-14 cursor-pointer rounded border border-slate-300 dark:border-slate-700"
          />
          {settings.brandColor ? (
            <button
              type="button"
              className="text-sm text-brand-ink hover:underline"
              onClick={() => update({ brandColor: null })}
            >
              {t("resetBrand")}
            </button>
          ) : null}
        </div>
        {components ? (
          <fieldset className="mt-5 space-y-2">
            <legend className="mb-2 text-sm font-medium">{t("overlay")}</legend>
            {(["dialog", "drawer"] as const).map((overlay) => (
              <label key={overlay} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="overlay"
                  className={radio}
                  checked={settings.overlay === overlay}
                  onChange={() => update({ overlay })}
                />
                {t(`overlay_${overlay}`)}
              </label>
            ))}
          </fieldset>
        ) : null}
      </Card>
      <Card title={t("language")}>
        <label htmlFor="locale" className="sr-only">
          {t("language")}
        </label>
        <select
          id="locale"
          value={settings.locale ?? ""}
          onChange={(event) =>
            update({ locale: event.target.value === "fr" ? "fr" : event.target.value === "en" ? "en" : null })
          }
          className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
        >
          <option value="">{t("localeAuto")}</option>
          <option value="en">English</option>
          <option value="fr">Français</option>
        </select>
      </Card>
    </div>
  );
}
