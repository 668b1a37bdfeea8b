"use client";

import { useLocale } from "next-intl";
import { useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";

type Style = "datetime" | "date" | "relative";

/** In the reader's own zone (the browser's default). */
function absolute(ms: number, locale: string, style: "datetime" | "date"): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    ...(style === "datetime" ? { timeStyle: "short" } : {}),
  }).format(new Date(ms));
}

/**
 * The first render's text, the same on the server and in the browser: built by hand, not by Intl, whose output for
 * the same options differs between the server's and the browser's ICU versions (separators, "at", spaces).
 */
function stable(ms: number, style: "datetime" | "date"): string {
  const iso = new Date(ms).toISOString();
  return style === "date" ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
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
 * alike) says the time in UTC (ISO style), and the browser's own clock and zone take over once mounted: no hydration mismatch.
 */
export function LocalTime({ ms, style = "datetime" }: { ms: number; style?: Style }) {
  const locale = useLocale();
  const mounted = useHydrated();
  // The browser's own clock, read once when the component first renders there (a relative time is relative to it).
  const [now] = useState(() => Date.now());
  const iso = new Date(ms).toISOString();
  const text = !mounted
    ? stable(ms, style === "date" ? "date" : "datetime")
    : style === "relative"
      ? relative(ms, now, locale)
      : absolute(ms, locale, style);
  return (
    <time dateTime={iso} title={mounted ? absolute(ms, locale, "datetime") : undefined}>
      {text}
    </time>
  );
}
