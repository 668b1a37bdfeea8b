import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages } from "next-intl/server";
import type { CSSProperties, ReactNode } from "react";
import { SandboxBanner } from "@/components/shell/sandbox-banner";
import { SkipLink } from "@/components/shell/skip-link";
import { getCurrentSession } from "@/lib/auth/session";
import { getPlatformConfig } from "@/lib/config";
import { getUserSettings } from "@/lib/settings";
import { brandCssVariables } from "@/lib/settings/brand-colors";
import { defaultUserSettings } from "@/lib/settings/schema";
import { inter } from "./fonts";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const { name } = getPlatformConfig();
  return { title: { default: name, template: `%s · ${name}` }, description: `${name} dashboard` };
}

/** Namespaces the browser needs (client components); the rest stays on the server. */
const clientNamespaces = [
  "common",
  "auth",
  "errors",
  "connect",
  "team",
  "settings",
  "testData",
  "nav",
  "roles",
  "pages",
  "pay",
  "impersonation",
  "notices",
  "passkeys",
  "sso",
  "profile",
] as const;

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const messages = await getMessages();
  const session = await getCurrentSession();
  const settings = session ? await getUserSettings(session.user.id) : defaultUserSettings;
  const brand = settings.brandColor ?? getPlatformConfig().brandColor;
  const themeClass = settings.theme === "dark" ? "dark" : settings.theme === "system" ? "theme-system" : "";
  const clientMessages = Object.fromEntries(
    clientNamespaces.map((ns) => [ns, messages[ns]]).filter(([, v]) => v !== undefined),
  );
  return (
    <html
      lang={locale}
      className={`${inter.variable} ${themeClass}`}
      style={brandCssVariables(brand) as CSSProperties}
    >
      <body className="font-sans">
        <SkipLink />
        <SandboxBanner />
        <NextIntlClientProvider messages={clientMessages}>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
