import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import {
  openAcmeInConsole,
  signInAs,
  signInAsStaffCopy,
  startViewing,
  test,
  type ExpectedErrors,
} from "../e2e/app/fixtures";
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
      await openAcmeInConsole(page);
      await startViewing(page, staff, "Screenshots of the support view for the docs");
    },
  },
  admin: {
    pages: ["/admin", "/admin/accounts", "/admin/audit", "/admin/staff", "/admin/settings"],
    signIn: (page) => signInAs(page, "admin"),
  },
  visitor: { pages: ["/login", "/signup", "/forgot-password", "/pay/acme-bikes"], signIn: async () => {} },
};

const nextFrames = (page: Page) =>
  page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/**
 * Chromium's full-page capture leaves blank what lies below the first viewport here (out-of-process frames and the
 * page under them are not drawn there), so the viewport itself is grown to the page's height, the components below are
 * let settle, and the capture is of the viewport.
 */
async function captureWholePage(page: Page, viewport: { width: number; height: number }, file: string) {
  await page.setViewportSize(viewport);
  await nextFrames(page);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({
    width: viewport.width,
    height: Math.max(viewport.height, Math.min(height, 4_000)),
  });
  await nextFrames(page);
  await componentsDrawn(page);
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: file });
  await page.setViewportSize(viewport);
}

/**
 * Moves to `url` as a person does, through the sidebar's link (at desktop width, where the sidebar shows), so the page
 * keeps its Connect instance and mints no Account Session: a full load per page would run into the per-person limit
 * of 30 a minute. Pages the sidebar does not offer are loaded; false when one is refused (not this role's page).
 */
async function open(
  page: Page,
  url: string,
  first: boolean,
  expectedErrors: ExpectedErrors,
): Promise<boolean> {
  await page.setViewportSize(viewports.desktop);
  const link = page.locator(`aside nav a[href="${url}"]`);
  if (!first && (await link.count()) > 0) {
    await link.first().click();
    await page.waitForURL((current) => current.pathname === url);
  } else {
    const response = await page.goto(url);
    if (!response) return false;
    if (response.status() >= 400) {
      expectedErrors.allowFailedLoad(response.status(), url, "a page this role may not open is left out");
      return false;
    }
  }
  await page.waitForLoadState("networkidle");
  await componentsDrawn(page);
  return true;
}

for (const [role, { pages, signIn }] of Object.entries(roles)) {
  for (const theme of themes) {
    for (const [device, viewport] of Object.entries(viewports)) {
      test(`${role} · ${theme} · ${device}`, async ({ page, expectedErrors }) => {
        test.setTimeout(180_000);
        await page.setViewportSize(viewport);
        await page.emulateMedia({ colorScheme: theme });
        await signIn(page);
        const dir = path.join(OUT, `${role}-${theme}-${device}`);
        mkdirSync(dir, { recursive: true });
        for (const [index, url] of pages.entries()) {
          if (!(await open(page, url, index === 0, expectedErrors))) continue;
          const name = url === "/" ? "home" : url.replace(/^\//, "").replace(/\//g, "-");
          await captureWholePage(page, viewport, path.join(dir, `${name}.png`));
        }
      });
    }
  }
}
