import { describe, expect, it } from "vitest";
import { describeUserAgent } from "@/lib/profile/user-agent";

const agents = {
  chromeMac:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  edgeWindows:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86",
  firefoxLinux: "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
  safariIphone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
  safariIpad:
    "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
  chromeAndroidPhone:
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
  samsungTablet:
    "Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Safari/537.36",
  operaWindows:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/115.0.0.0",
  chromeIos:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1",
  chromebook:
    "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  headless:
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36",
  safariMac:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
};

describe("describeUserAgent", () => {
  it.each([
    ["chromeMac", { browser: "chrome", browserVersion: "131", system: "macos", device: "desktop" }],
    ["edgeWindows", { browser: "edge", browserVersion: "131", system: "windows", device: "desktop" }],
    ["firefoxLinux", { browser: "firefox", browserVersion: "133", system: "linux", device: "desktop" }],
    ["safariIphone", { browser: "safari", browserVersion: "18", system: "ios", device: "mobile" }],
    ["safariIpad", { browser: "safari", browserVersion: "17", system: "ipados", device: "tablet" }],
    ["chromeAndroidPhone", { browser: "chrome", browserVersion: "131", system: "android", device: "mobile" }],
    ["samsungTablet", { browser: "samsung", browserVersion: "26", system: "android", device: "tablet" }],
    ["operaWindows", { browser: "opera", browserVersion: "115", system: "windows", device: "desktop" }],
    ["chromeIos", { browser: "chrome", browserVersion: "131", system: "ios", device: "mobile" }],
    ["chromebook", { browser: "chrome", browserVersion: "131", system: "chromeos", device: "desktop" }],
    ["headless", { browser: "chrome", browserVersion: "131", system: "linux", device: "desktop" }],
    ["safariMac", { browser: "safari", browserVersion: "18", system: "macos", device: "desktop" }],
  ] as const)("names %s in plain words", (name, expected) => {
    expect(describeUserAgent(agents[name])).toEqual(expected);
  });

  it("says unknown rather than guessing", () => {
    for (const agent of [null, undefined, "", "curl/8.5.0", "node", "x".repeat(5000)]) {
      expect(describeUserAgent(agent)).toEqual({
        browser: "unknown",
        browserVersion: null,
        system: "unknown",
        device: "desktop",
      });
    }
  });
});
