import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale } from "next-intl/server";
import type { CSSProperties, ReactNode } from "react";
import { getPlatformConfig } from "@/lib/config";
import { inter } from "./fonts";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const { name } = getPlatformConfig();
  return { title: { default: name, template: `%s · ${name}` }, description: `${name} dashboard` };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const { brandColor } = getPlatformConfig();
  return (
    <html lang={locale} className={inter.variable} style={{ "--brand": brandColor } as CSSProperties}>
      <body className="font-sans">
        <NextIntlClientProvider>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
