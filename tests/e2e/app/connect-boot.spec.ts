import { accountSessionCount, expect, test, signInAs } from "./fixtures";
import { connectFrame } from "../../support/connect-frames";

/**
 * On a full page load the Connect boot script mounts the components as soon as connect.js and the streamed Account
 * Session are there, without React; React then adopts what it mounted. Both halves, observed from the browser.
 */

test("with the app's own JavaScript blocked, the boot script alone shows Payments with data", async ({
  page,
  context,
  expectedErrors,
}) => {
  // The test blocks the app's own chunks: the browser reports each blocked load.
  expectedErrors.allow(
    /^Failed to load resource: net::ERR_FAILED @ https?:\/\/[^/]+\/_next\/static\/chunks\/[\w.-]+\.js$/,
    "the app's JavaScript is blocked",
  );
  await signInAs(page, "owner");
  const bare = await context.newPage();
  // No Next.js chunk loads, so React never hydrates: whatever shows comes from the boot script.
  await bare.route(/\/_next\/static\/chunks\/.+\.js(\?.*)?$/, (route) => route.abort());
  const before = await accountSessionCount();
  await bare.goto("/payments");
  const payments = connectFrame(bare, "payments");
  await expect(payments.locator("tr", { hasText: "Succeeded" }).first()).toBeVisible();
  // The skeleton gave way (CSS keyed on the started component), and the component is not visually hidden.
  await expect(bare.getByRole("status", { name: "Loading Payments…" })).toBeHidden();
  await expect(payments).toBeInViewport();
  expect(await bare.evaluate(() => "next" in window)).toBe(false);
  expect(await accountSessionCount()).toBe(before + 1);
  await bare.close();
});

test("React adopts the boot's component: one element, one Account Session, and navigation still works", async ({
  page,
}) => {
  await signInAs(page, "owner");
  // Count every Payments element created on the next document, by the boot or by React.
  await page.addInitScript(() => {
    const create = document.createElement.bind(document);
    Reflect.set(window, "__paymentsCreated", 0);
    document.createElement = ((tagName: string, options?: ElementCreationOptions) => {
      if (tagName === "stripe-connect-payments") {
        Reflect.set(window, "__paymentsCreated", Number(Reflect.get(window, "__paymentsCreated")) + 1);
      }
      return create(tagName, options);
    }) as typeof document.createElement;
  });
  const before = await accountSessionCount();
  await page.goto("/payments");
  const payments = connectFrame(page, "payments");
  await expect(payments.locator("tr", { hasText: "Succeeded" }).first()).toBeVisible();
  await page.waitForFunction(() => "next" in window);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => Reflect.get(window, "__paymentsCreated"))).toBe(1);
  await expect(page.locator("stripe-connect-payments")).toHaveCount(1);
  expect(await accountSessionCount()).toBe(before + 1);

  // A client-side navigation creates its component from the same instance: no new session.
  await page
    .getByRole("navigation", { name: /Dashboard/ })
    .first()
    .getByRole("link", { name: "Payouts" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Payouts" })).toBeVisible();
  await expect(page.locator("stripe-connect-payouts, stripe-connect-payouts-list").first()).toBeVisible();
  await page.waitForTimeout(300);
  expect(await accountSessionCount()).toBe(before + 1);
});
