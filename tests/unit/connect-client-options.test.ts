import { describe, expect, it } from "vitest";
import { CONNECT_FONT_PATH, connectAppearance, connectFonts } from "@/lib/connect/appearance";
import { connectCollectionOptions, connectOnboardingOptions } from "@/lib/connect/component-options";
import { parsePlatformConfig } from "@/lib/config/platform-config";
import rawConfig from "@/portico.config";

const withOnboarding = (onboarding: Record<string, unknown> | undefined) =>
  parsePlatformConfig({ ...rawConfig, onboarding });

describe("the account components' client options", () => {
  it("collect what is due now, with Stripe's own legal links, when the config says nothing", () => {
    const onboarding = withOnboarding(undefined).onboarding;
    expect(connectCollectionOptions(onboarding)).toEqual({
      fields: "currently_due",
      futureRequirements: "omit",
    });
    expect(connectOnboardingOptions(onboarding)).toEqual({
      collectionOptions: { fields: "currently_due", futureRequirements: "omit" },
    });
  });

  it("pass the platform's collection choice and its terms and privacy URLs to onboarding", () => {
    const onboarding = withOnboarding({
      fields: "eventually_due",
      futureRequirements: "include",
      termsOfServiceUrl: "https://platform.example/terms",
      privacyPolicyUrl: "https://platform.example/privacy",
    }).onboarding;
    expect(connectOnboardingOptions(onboarding)).toEqual({
      collectionOptions: { fields: "eventually_due", futureRequirements: "include" },
      fullTermsOfServiceUrl: "https://platform.example/terms",
      privacyPolicyUrl: "https://platform.example/privacy",
    });
  });

  it("refuses legal links that are not web URLs", () => {
    expect(() => withOnboarding({ termsOfServiceUrl: "javascript:alert(1)" })).toThrow(
      /onboarding\.termsOfServiceUrl/,
    );
    expect(() => withOnboarding({ fields: "past_due" })).toThrow(/onboarding\.fields/);
  });

  it("give the components the shell's font, by an absolute URL, under the family the appearance names", () => {
    const [font, ...rest] = connectFonts("https://app.example");
    expect(rest).toEqual([]);
    expect(font?.src).toBe(`url(https://app.example${CONNECT_FONT_PATH}) format("woff2")`);
    const family = connectAppearance({ dark: false, brandColor: "#4f46e5", overlay: "dialog" }).variables
      ?.fontFamily;
    expect(family?.split(",")[0]).toBe(font?.family);
  });
});
