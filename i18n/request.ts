import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getCurrentSession } from "@/lib/auth/session";
import { getPlatformConfig, type SupportedLocale } from "@/lib/config";
import { LOCALE_COOKIE, localeFromRequest } from "@/lib/http/request-locale";
import { getUserSettings } from "@/lib/settings";

export { LOCALE_COOKIE };

/** The locale of this request: the user's saved choice (cookie), the browser's language, or the platform default. */
export async function resolveLocale(): Promise<SupportedLocale> {
  const session = await getCurrentSession();
  if (session) {
    const { locale } = await getUserSettings(session.user.id);
    if (locale) return locale;
  }
  return localeFromRequest(
    (await cookies()).get(LOCALE_COOKIE)?.value,
    (await headers()).get("accept-language") ?? "",
    getPlatformConfig().defaultLocale,
  );
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  const messages = (await import(`../messages/${locale}.json`)).default;
  // One zone for the server's render and the browser's: dates formatted on both read the same (no hydration
  // mismatch when the reader's zone differs from the server's). Local times say so (components/account-settings/local-time.tsx).
  return { locale, messages, timeZone: "UTC" };
});
