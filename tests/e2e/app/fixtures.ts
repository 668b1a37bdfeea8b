import { randomInt } from "node:crypto";
import { test as base, expect, type Page } from "@playwright/test";

/**
 * Each test gets its own client IP (X-Forwarded-For), so better-auth's per-IP sign-in limit (3 per 10 s) applies
 * per test rather than across the whole suite.
 */
export const test = base.extend({
  extraHTTPHeaders: async ({}, use) => {
    await use({ "x-forwarded-for": `10.${randomInt(0, 255)}.${randomInt(0, 255)}.${randomInt(1, 254)}` });
  },
});

export { expect };

export const DEMO_PASSWORD = "portico-demo";

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId("sign-out").first().click();
  await page.waitForURL("**/login");
}
