import { supportedLocales, type SupportedLocale } from "../config";

export const LOCALE_COOKIE = "portico_locale";

export function isSupportedLocale(value: string | undefined | null): value is SupportedLocale {
  return typeof value === "string" && (supportedLocales as readonly string[]).includes(value);
}

/** The language a request asks for without a signed-in user: the saved cookie, then the browser's languages. */
export function localeFromRequest(
  savedCookie: string | undefined,
  acceptLanguage: string,
  fallback: SupportedLocale,
): SupportedLocale {
  if (isSupportedLocale(savedCookie)) return savedCookie;
  for (const part of acceptLanguage.split(",")) {
    const lang = part.split(";")[0]?.trim().slice(0, 2).toLowerCase();
    if (isSupportedLocale(lang)) return lang;
  }
  return fallback;
}

/** The same, read from a route handler's request headers. */
export function requestLocale(headers: Headers, fallback: SupportedLocale): SupportedLocale {
  const cookie = headers.get("cookie") ?? "";
  const saved = /(?:^|;\s*)portico_locale=([^;]*)/.exec(cookie)?.[1];
  return localeFromRequest(saved, headers.get("accept-language") ?? "", fallback);
}
