/**
 * A browser's User-Agent in plain words for the "signed-in devices" list: which browser, on which system, on what
 * kind of device. Only the common families are named; anything else is "unknown" rather than a guess. Pure (no
 * dependency): the names are keys the UI translates.
 */

export const browserNames = ["edge", "opera", "samsung", "firefox", "chrome", "safari", "unknown"] as const;
export type BrowserName = (typeof browserNames)[number];

export const systemNames = [
  "windows",
  "macos",
  "ios",
  "ipados",
  "android",
  "chromeos",
  "linux",
  "unknown",
] as const;
export type SystemName = (typeof systemNames)[number];

export type DeviceKind = "desktop" | "mobile" | "tablet";

export interface DeviceDescription {
  browser: BrowserName;
  /** The browser's major version, when the agent says it. */
  browserVersion: string | null;
  system: SystemName;
  device: DeviceKind;
}

function version(ua: string, pattern: RegExp): string | null {
  return pattern.exec(ua)?.[1] ?? null;
}

function browserOf(ua: string): { browser: BrowserName; browserVersion: string | null } {
  // Order matters: Edge, Opera and Samsung Internet also say "Chrome", and Chrome also says "Safari".
  if (/\bEdg(?:e|A|iOS)?\/\d/.test(ua)) {
    return { browser: "edge", browserVersion: version(ua, /\bEdg(?:e|A|iOS)?\/(\d+)/) };
  }
  if (/\bOPR\/\d|\bOpera\b/.test(ua))
    return { browser: "opera", browserVersion: version(ua, /\bOPR\/(\d+)/) };
  if (/\bSamsungBrowser\/\d/.test(ua)) {
    return { browser: "samsung", browserVersion: version(ua, /\bSamsungBrowser\/(\d+)/) };
  }
  if (/\b(?:Firefox|FxiOS)\/\d/.test(ua)) {
    return { browser: "firefox", browserVersion: version(ua, /\b(?:Firefox|FxiOS)\/(\d+)/) };
  }
  if (/\b(?:Chrome|Chromium|CriOS|HeadlessChrome)\/\d/.test(ua)) {
    return {
      browser: "chrome",
      browserVersion: version(ua, /\b(?:Chrome|Chromium|CriOS|HeadlessChrome)\/(\d+)/),
    };
  }
  if (/\bSafari\/\d/.test(ua) && /\bVersion\/\d/.test(ua)) {
    return { browser: "safari", browserVersion: version(ua, /\bVersion\/(\d+)/) };
  }
  return { browser: "unknown", browserVersion: null };
}

function systemOf(ua: string): SystemName {
  if (/\biPad\b/.test(ua)) return "ipados";
  if (/\b(?:iPhone|iPod)\b/.test(ua)) return "ios";
  if (/\bAndroid\b/.test(ua)) return "android";
  if (/\bCrOS\b/.test(ua)) return "chromeos";
  if (/\bWindows\b/.test(ua)) return "windows";
  if (/\bMac OS X\b|\bMacintosh\b/.test(ua)) return "macos";
  if (/\bLinux\b|\bX11\b/.test(ua)) return "linux";
  return "unknown";
}

function deviceOf(ua: string, system: SystemName): DeviceKind {
  if (system === "ipados" || /\bTablet\b/.test(ua)) return "tablet";
  if (system === "android") return /\bMobile\b/.test(ua) ? "mobile" : "tablet";
  if (system === "ios" || /\bMobi/.test(ua)) return "mobile";
  return "desktop";
}

export function describeUserAgent(userAgent: string | null | undefined): DeviceDescription {
  const ua = (userAgent ?? "").slice(0, 1024);
  const system = systemOf(ua);
  return { ...browserOf(ua), system, device: deviceOf(ua, system) };
}
