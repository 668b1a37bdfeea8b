import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { signInAs, signInAsStaffCopy, startViewing, test } from "../e2e/app/fixtures";
import { componentsDrawn } from "../support/connect-frames";

/**
 * `npm run screenshots`: every page each role reaches, desktop and mobile, light and dark, into ./screenshots
 * (ignored by git). scripts/screenshots.ts starts the stack and copies the chosen few to docs/screenshots/.
 */

const OUT = path.resolve(process.env.PORTICO_SCREENSHOTS_DIR ?? "screenshots");
const viewports = {
  desktop: { width: 1280, height: 800 },
  mobile: { width: 390, height: 844 },
} as const;
const themes = ["light", "dark"] as const;

const dashboardPages = [
  "/",
  "/payments",
  "/payouts",
  "/balances",
  "/disputes",
  "/reports",
  "/documents",
  "/tax",
  "/account",
  "/team",
  "/settings",
  "/profile",
];
const roles: Record<string, { pages: string[]; signIn(page: Page): Promise<void> }> = {
  owner: { pages: dashboardPages, signIn: (page) => signInAs(page, "owner") },
  viewer: { pages: dashboardPages, signIn: (page) => signInAs(page, "viewer") },
  "support-viewing": {
    pages: dashboardPages.filter((p) => !["/team", "/settings", "/profile"].includes(p)),
    async signIn(page) {
      const staff = await signInAsStaffCopy(page, "support");
      await page.goto("/admin/accounts?q=Acme");
      await page
        .getByRole("link", { name: /Acme Bikes/ })
        .first()
        .click();
      await page.waitForURL(/\/admin\/accounts\/acct_/);
      await startViewing(page, staff, "Screenshots of the support view for the docs");
    },
  },
  admin: {
    pages: ["/admin", "/admin/accounts", "/admin/audit", "/admin/staff", "/admin/settings"],
    signIn: (page) => signInAs(page, "admin"),
  },
  visitor: { pages: ["/login", "/signup", "/forgot-password", "/pay/acme-bikes"], signIn: async () => {} },
};

/**
 * Chromium's full-page capture leaves blank what lies below the first viewport here (out-of-process frames and the
 * page under them are not drawn there), so the viewport itself is grown to the page's height, the components below are
 * let settle, and the capture is of the viewport.
 */
async function captureWholePage(page: Page, viewport: { width: number; height: number }, file: string) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({
    width: viewport.width,
    height: Math.max(viewport.height, Math.min(height, 4_000)),
  });
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
  await componentsDrawn(page);
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: file });
  await page.setViewportSize(viewport);
}

for (const [role, { pages, signIn }] of Object.entries(roles)) {
  for (const theme of themes) {
    for (const [device, viewport] of Object.entries(viewports)) {
      test(`${role} · ${theme} · ${device}`, async ({ page }) => {
        test.setTimeout(180_000);
        await page.setViewportSize(viewport);
        await page.emulateMedia({ colorScheme: theme });
        await signIn(page);
        const dir = path.join(OUT, `${role}-${theme}-${device}`);
        mkdirSync(dir, { recursive: true });
        for (const url of pages) {
          const response = await page.goto(url);
          if (!response || response.status() >= 400) continue;
          await page.waitForLoadState("networkidle");
          await componentsDrawn(page);
          const name = url === "/" ? "home" : url.replace(/^\//, "").replace(/\//g, "-");
          await captureWholePage(page, viewport, path.join(dir, `${name}.png`));
        }
      });
    }
  }
}
