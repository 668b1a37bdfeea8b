/**
 * How every browser run here launches Debian's Chromium (e2e tests, benchmarks): browsers are never downloaded on
 * these machines. Shared so the tests and the benchmarks see the same browser.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

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
