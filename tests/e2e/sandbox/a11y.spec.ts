/** axe (WCAG 2.x A/AA) on the rendered stand-ins, including open overlays: no serious or critical violations. */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import {
  PUBLISHABLE_KEY,
  allComponents,
  createAccount,
  createPayment,
  startHarness,
  type Harness,
} from "./fixtures/harness";
import { dialogOf, inFrame, ready } from "./fixtures/page-helpers";

let h: Harness;
let enabled: string;
let fresh: string;

test.beforeAll(async () => {
  h = await startHarness();
  enabled = await createAccount(h, { enabled: true });
  await createPayment(h, enabled, 4200, { email: "ada@example.com" });
  await createPayment(h, enabled, 990, { email: "lin@example.com", capture: false });
  await h.stripe.payouts.create({ amount: 1000, currency: "usd" }, { stripeAccount: enabled });
  fresh = await createAccount(h);
});

test.afterAll(async () => {
  await h?.close();
});

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("data components pass axe, with and without an overlay open", async ({ page }) => {
  h.setSession(enabled, allComponents({ standard_payouts: true, edit_payout_schedule: true }));
  const tags = [
    "payments",
    "payouts",
    "balances",
    "account-management",
    "documents",
    "tax-settings",
    "tax-registrations",
    "balance-report",
    "payout-reconciliation-report",
    "disputes-list",
    "issuing-card",
  ];
  h.setConfig({ mode: "connect", publishableKey: PUBLISHABLE_KEY, components: tags.map((tag) => ({ tag })) });
  await page.goto(h.pageUrl);
  for (const tag of tags) await expect(ready(page, tag)).toHaveCount(1);
  expect(await seriousViolations(page)).toEqual([]);

  const payments = inFrame(page, "payments");
  await payments.locator("[data-payment]").first().focus();
  await page.keyboard.press("Enter");
  const dialog = dialogOf(page, "payments");
  await expect(dialog).toContainText("Timeline");
  // Focus moved into the dialog; Tab stays inside it.
  expect(await dialog.evaluate((d) => d.contains((d.getRootNode() as ShadowRoot).activeElement))).toBe(true);
  for (let i = 0; i < 8; i++) await page.keyboard.press("Tab");
  expect(await dialog.evaluate((d) => d.contains((d.getRootNode() as ShadowRoot).activeElement))).toBe(true);
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
});

test("onboarding and the notification banner pass axe, in French too", async ({ page }) => {
  h.setSession(fresh, allComponents());
  h.setConfig({
    mode: "connect",
    publishableKey: PUBLISHABLE_KEY,
    components: [{ tag: "notification-banner" }, { tag: "account-onboarding" }],
    locale: "fr-FR",
  });
  await page.goto(h.pageUrl);
  await expect(ready(page, "account-onboarding")).toHaveCount(1);
  await expect(
    inFrame(page, "account-onboarding").getByRole("heading", { name: "Type d'entreprise" }),
  ).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
