/**
 * Readable colours derived from a brand colour (client-safe). A tenant may pick any accent, so text drawn in it and
 * text drawn on it cannot use it as it is: each is derived to meet WCAG AA (4.5:1) on the surfaces it appears on.
 */

type Rgb = [number, number, number];

const MIN_CONTRAST = 4.5;

function parseHex(hex: string): Rgb {
  const match = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!match?.[1]) throw new Error(`Not a #rrggbb colour: ${hex}`);
  const value = Number.parseInt(match[1], 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, "0")).join("")}`;
}

function luminance([r, g, b]: Rgb): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** The WCAG contrast ratio of two colours. */
export function contrastRatio(a: string, b: string): number {
  const [la, lb] = [luminance(parseHex(a)), luminance(parseHex(b))];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** `top` at `alpha` over `bottom`, as the browser paints `bg-brand/15` on a white card. */
function over(top: Rgb, bottom: Rgb, alpha: number): Rgb {
  return [0, 1, 2].map((i) => top[i]! * alpha + bottom[i]! * (1 - alpha)) as Rgb;
}

/** Text on a brand-coloured fill (primary buttons): white when it reads, else black (one of them always does). */
export function brandForeground(brand: string): string {
  return contrastRatio(brand, "#ffffff") >= MIN_CONTRAST ? "#ffffff" : "#000000";
}

/**
 * The brand colour as text on `surfaces`: the colour itself when it reads on all of them, else the colour moved
 * towards black (light surfaces) or white (dark ones) just far enough.
 */
function readableOn(brand: string, surfaces: Rgb[], towards: Rgb): string {
  const base = parseHex(brand);
  const hexSurfaces = surfaces.map(toHex);
  for (let step = 0; step <= 100; step += 2) {
    const candidate = toHex(over(towards, base, step / 100));
    if (hexSurfaces.every((surface) => contrastRatio(candidate, surface) >= MIN_CONTRAST)) return candidate;
  }
  return toHex(towards);
}

// The shell's surfaces (Tailwind's slate): cards and sidebar, page, dialogs.
const LIGHT_SURFACES = ["#ffffff", "#f8fafc", "#f1f5f9"];
const DARK_SURFACES = ["#0f172a", "#020617", "#1e293b"];

export interface BrandColors {
  /** The colour as chosen: fills, borders, tints. */
  brand: string;
  /** Text on a brand fill. */
  foreground: string;
  /** The brand as text (links, the active page in the menu) on the light theme's surfaces. */
  inkLight: string;
  /** The same on the dark theme's surfaces. */
  inkDark: string;
}

export function brandColors(brand: string): BrandColors {
  const base = parseHex(brand);
  // Brand text also sits on the brand's own tints (the active menu item, the avatar): bg-brand/10…/20.
  const light = LIGHT_SURFACES.flatMap((s) => [parseHex(s), over(base, parseHex(s), 0.15)]);
  const dark = DARK_SURFACES.flatMap((s) => [parseHex(s), over(base, parseHex(s), 0.2)]);
  return {
    brand: toHex(base),
    foreground: brandForeground(brand),
    inkLight: readableOn(brand, light, [0, 0, 0]),
    inkDark: readableOn(brand, dark, [255, 255, 255]),
  };
}

/** The custom properties app/globals.css reads (`--color-brand`, `--color-brand-foreground`, `--color-brand-ink`). */
export function brandCssVariables(brand: string): Record<string, string> {
  const colors = brandColors(brand);
  return {
    "--brand": colors.brand,
    "--brand-fg": colors.foreground,
    "--brand-ink-light": colors.inkLight,
    "--brand-ink-dark": colors.inkDark,
  };
}
