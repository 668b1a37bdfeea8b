import { describe, expect, it } from "vitest";
import { connectAppearance } from "@/lib/connect/appearance";
import { brandColors, brandCssVariables, contrastRatio } from "@/lib/settings/brand-colors";

const LIGHT = ["#ffffff", "#f8fafc", "#f1f5f9"];
const DARK = ["#0f172a", "#020617", "#1e293b"];

describe("brand colours a tenant may pick", () => {
  it("measures contrast as WCAG does", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#90a1b9", "#ffffff")).toBeCloseTo(2.63, 1);
    expect(contrastRatio("#ffffff", "#ffffff")).toBe(1);
  });

  it.each([
    "#4f46e5",
    "#ffff00",
    "#90a1b9",
    "#777777",
    "#0000ff",
    "#000000",
    "#ffffff",
    "#10b981",
    "#f43f5e",
  ])("%s reads at 4.5:1 as text on every surface of both themes, and under its button's label", (brand) => {
    const colors = brandColors(brand);
    for (const surface of LIGHT) expect(contrastRatio(colors.inkLight, surface)).toBeGreaterThanOrEqual(4.5);
    for (const surface of DARK) expect(contrastRatio(colors.inkDark, surface)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(colors.foreground, brand)).toBeGreaterThanOrEqual(4.5);
  });

  it("keeps a colour that already reads, and moves one that does not only as far as needed", () => {
    expect(brandColors("#4f46e5").inkLight).toBe("#4f46e5");
    const grey = brandColors("#90a1b9").inkLight;
    expect(grey).not.toBe("#90a1b9");
    expect(grey).not.toBe("#000000");
    expect(brandColors("#ffff00").foreground).toBe("#000000");
    expect(brandColors("#4f46e5").foreground).toBe("#ffffff");
  });

  it("gives the shell its custom properties and the components their readable colours", () => {
    expect(brandCssVariables("#4f46e5")).toMatchObject({ "--brand": "#4f46e5", "--brand-fg": "#ffffff" });
    const dark = connectAppearance({ dark: true, brandColor: "#4f46e5", overlay: "dialog" }).variables;
    expect(contrastRatio(String(dark?.colorPrimary), "#0f172a")).toBeGreaterThanOrEqual(4.5);
    const yellow = connectAppearance({ dark: false, brandColor: "#ffff00", overlay: "dialog" }).variables;
    expect(yellow?.buttonPrimaryColorText).toBe("#000000");
  });

  it("refuses what is not a colour", () => {
    expect(() => brandColors("red")).toThrow(/#rrggbb/);
  });
});
