"use client";

import { useLocale } from "next-intl";
import { useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";

type Style = "datetime" | "date" | "relative";

function absolute(ms: number, locale: string, style: "datetime" | "date", timeZone?: string): string {
  const text = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    ...(style === "datetime" ? { timeStyle: "short" } : {}),
    ...(timeZone ? { timeZone } : {}),
  }).format(new Date(ms));
  // dateStyle cannot be combined with timeZoneName: say the zone ourselves when it is not the reader's.
  return timeZone && style === "datetime" ? `${text} ${timeZone}` : text;
}

function relative(ms: number, now: number, locale: string): string {
  const seconds = Math.round((ms - now) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ["second", 60],
    ["minute", 60],
    ["hour", 24],
    ["day", 30],
  ];
  let value = seconds;
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size)
      return format.format(unit === "second" ? 0 : value, unit === "second" ? "minute" : unit);
    value = Math.round(value / size);
  }
  return absolute(ms, locale, "date");
}

/**
 * A moment in the reader's own time zone. The server cannot know it, so the first render (server and hydration
 * alike) says the time in UTC, and the browser's own clock and zone take over once mounted: no hydration mismatch.
 */
export function LocalTime({ ms, style = "datetime" }: { ms: number; style?: Style }) {
  const locale = useLocale();
  const mounted = useHydrated();
  // The browser's own clock, read once when the component first renders there (a relative time is relative to it).
  const [now] = useState(() => Date.now());
  const iso = new Date(ms).toISOString();
  const text = !mounted
    ? absolute(ms, locale, style === "date" ? "date" : "datetime", "UTC")
    : style === "relative"
      ? relative(ms, now, locale)
      : absolute(ms, locale, style);
  return (
    <time dateTime={iso} title={mounted ? absolute(ms, locale, "datetime") : undefined}>
      {text}
    </time>
  );
}
