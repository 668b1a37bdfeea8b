import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getCurrentSession } from "@/lib/auth/session";
import { getPlatformConfig, supportedLocales, type SupportedLocale } from "@/lib/config";
import { getUserSettings } from "@/lib/settings";

export const LOCALE_COOKIE = "portico_locale";

function isSupported(value: string | undefined): value is SupportedLocale {
  return value !== undefined && (supportedLocales as readonly string[]).includes(value);
}

/** The locale of this request: the user's saved choice (cookie), the browser's language, or the platform default. */
export async function resolveLocale(): Promise<SupportedLocale> {
  const session = await getCurrentSession();
  if (session) {
    const { locale } = await getUserSettings(session.user.id);
    if (locale) return locale;
  }
  const saved = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isSupported(saved)) return saved;
  const accept = (await headers()).get("accept-language") ?? "";
  for (const part of accept.split(",")) {
    const lang = part.split(";")[0]?.trim().slice(0, 2).toLowerCase();
    if (isSupported(lang)) return lang;
  }
  return getPlatformConfig().defaultLocale;
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  const messages = (await import(`../messages/${locale}.json`)).default;
  return { locale, messages };
});
