import { accessSync, constants, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * How every browser run here launches Chromium (e2e tests, benchmarks). Browsers are never downloaded by the tests:
 * they use the first one found of `CHROMIUM_PATH`, the Chromium Playwright installed itself (`npx playwright install
 * chromium`, on a machine that can download it) and the usual Chrome and Chromium install paths. Shared so the tests
 * and the benchmarks see the same browser.
 */

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The browser Playwright itself installs, if it has; null when playwright-core is missing or has none. */
function playwrightsOwnChromium(): string | null {
  try {
    const require = createRequire(path.join(process.cwd(), "package.json"));
    const { chromium } = require("playwright-core") as { chromium: { executablePath(): string } };
    const file = chromium.executablePath();
    return file && existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

const usualPaths: readonly string[] = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/snap/bin/chromium",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/opt/google/chrome/chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
];

export type ChromiumLookup = { ok: true; path: string } | { ok: false; message: string };

/** Finds a browser to drive, or says how to get one. */
export function findChromium(env: Record<string, string | undefined> = process.env): ChromiumLookup {
  const configured = env.CHROMIUM_PATH?.trim();
  if (configured) {
    return isExecutable(configured)
      ? { ok: true, path: configured }
      : {
          ok: false,
          message: `CHROMIUM_PATH is set to ${configured}, which is not an executable file. Point it at a Chromium or Chrome binary, or unset it to look in the usual places.`,
        };
  }
  const own = playwrightsOwnChromium();
  if (own) return { ok: true, path: own };
  const found = usualPaths.find(isExecutable);
  if (found) return { ok: true, path: found };
  return {
    ok: false,
    message: [
      "The end-to-end tests need Chromium or Chrome, and none was found.",
      "Get one of these, then run the tests again:",
      "  • Debian or Ubuntu: sudo apt-get install -y chromium",
      "  • macOS: install Google Chrome (or `brew install --cask chromium`)",
      "  • any machine that can download it: npx playwright install chromium",
      "  • or set CHROMIUM_PATH to a Chromium or Chrome binary you already have.",
      `Looked for: CHROMIUM_PATH, Playwright's own Chromium, ${usualPaths.join(", ")}.`,
    ].join("\n"),
  };
}

const lookup = findChromium();
/** The browser binary; when none is found, a path that fails with the lookup's message once a launch is tried. */
export const chromiumPath = lookup.ok ? lookup.path : (process.env.CHROMIUM_PATH ?? "/usr/bin/chromium");

/**
 * Chromium honours only the last `--disable-features`, and Playwright passes its own list first, so ours repeats
 * Playwright's (playwright-core's chromiumSwitches) and adds the WebUI address-bar popup: since Chromium 151 every
 * new window — each Playwright browser context — pre-renders `chrome://omnibox-popup.top-chrome` in a renderer of
 * its own (~150 ms of script on this 2-core machine) while the page under test loads. A user's browser does that
 * once per session, not per page load; Puppeteer disables it by default for the same reason.
 */
const disabledFeatures = [
  // Playwright's defaults.
  "AvoidUnnecessaryBeforeUnloadCheckSync",
  "DestroyProfileOnBrowserClose",
  "HttpsUpgrades",
  "HttpsFirstBalancedModeAutoEnable",
  "LensOverlay",
  "MediaRouter",
  "PaintHolding",
  "ThirdPartyStoragePartitioning",
  "AvoidCorsURLLoaderRestartOnRedirect",
  "OptimizationHints",
  "NetworkTimeServiceQuerying",
  "AimEnabled",
  "PreconnectToSearch",
  // Ours.
  "WebUIOmniboxPopup",
  "WebUIOmniboxAimPopup",
];

export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  `--disable-features=${disabledFeatures.join(",")}`,
];
