import { defineConfig } from "@playwright/test";
import { chromiumArgs, chromiumPath } from "./scripts/lib/chromium";

export default defineConfig({
  testDir: "tests/e2e",
  workers: 1,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    browserName: "chromium",
    headless: true,
    screenshot: "only-on-failure",
    trace: "off",
    launchOptions: {
      // Debian's Chromium only: browsers are never downloaded on these machines.
      executablePath: chromiumPath,
      args: chromiumArgs,
    },
  },
  projects: [
    // Stand-ins for connect.js and Stripe.js on a small test page; each spec starts its own emulator.
    { name: "sandbox", testDir: "tests/e2e/sandbox" },
    // The Portico app; scripts/test-all.ts starts the emulator and the built app and sets E2E_BASE_URL.
    {
      name: "app",
      testDir: "tests/e2e/app",
      use: { baseURL: process.env.E2E_BASE_URL ?? "http://localhost:3100" },
    },
    // `npm run screenshots` only (scripts/screenshots.ts sets PORTICO_SCREENSHOTS): never part of npm test.
    ...(process.env.PORTICO_SCREENSHOTS
      ? [
          {
            name: "screenshots",
            testDir: "tests/screenshots",
            use: { baseURL: process.env.E2E_BASE_URL ?? "http://localhost:3100" },
          },
        ]
      : []),
  ],
});
