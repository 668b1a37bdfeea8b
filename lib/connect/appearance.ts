import type { AppearanceOptions, CustomFontSource } from "@stripe/connect-js/pure";
import type { SupportedLocale } from "../config/platform-config";
import type { OverlayStyle } from "../db/schema";
import { brandColors } from "../settings/brand-colors";

/** The embedded components' look, derived from the user's theme and brand colour (client-safe). */
export function connectAppearance(options: {
  dark: boolean;
  brandColor: string;
  overlay: OverlayStyle;
}): AppearanceOptions {
  const palette = options.dark
    ? { background: "#0f172a", text: "#f1f5f9", secondary: "#94a3b8", border: "#334155", offset: "#1e293b" }
    : { background: "#ffffff", text: "#0f172a", secondary: "#64748b", border: "#e2e8f0", offset: "#f8fafc" };
  const brand = brandColors(options.brandColor);
  return {
    overlays: options.overlay,
    variables: {
      // Links and highlights are text: the brand as it reads on this theme's background (4.5:1).
      colorPrimary: options.dark ? brand.inkDark : brand.inkLight,
      colorBackground: palette.background,
      colorText: palette.text,
      colorSecondaryText: palette.secondary,
      colorBorder: palette.border,
      colorDanger: "#dc2626",
      offsetBackgroundColor: palette.offset,
      buttonPrimaryColorBackground: options.brandColor,
      buttonPrimaryColorText: brand.foreground,
      fontFamily: "Inter, ui-sans-serif, system-ui, sans-serif",
      fontSizeBase: "14px",
      spacingUnit: "10px",
      borderRadius: "8px",
    },
  };
}

/** Where the shell's font is served for the components (copied into public/ by scripts/build-connect-boot.ts). */
export const CONNECT_FONT_PATH = "/_portico/fonts/inter-latin-wght-normal.woff2";

/**
 * The `fonts` init option: the shell's own Inter, so `fontFamily` above names a font the components actually have.
 * The components draw in Stripe's frames (another origin), so the URL is absolute and the file is served with CORS
 * (next.config.ts).
 */
export function connectFonts(origin: string): CustomFontSource[] {
  return [
    {
      family: "Inter",
      src: `url(${new URL(CONNECT_FONT_PATH, origin).toString()}) format("woff2")`,
      weight: "100 900",
      style: "normal",
      display: "swap",
    },
  ];
}

/** Portico's locales mapped to the locale tags the components take. */
export function connectLocale(locale: SupportedLocale): string {
  return locale === "fr" ? "fr-FR" : "en-US";
}
