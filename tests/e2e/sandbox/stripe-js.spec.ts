/** The Stripe.js stand-in through @stripe/stripe-js: Payment Element, test cards, account scoping. */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { PUBLISHABLE_KEY, createAccount, startHarness, type Harness } from "./fixtures/harness";
import { waitForEvent } from "./fixtures/page-helpers";

let h: Harness;
let accountA: string;
let accountB: string;

test.beforeAll(async () => {
  h = await startHarness();
  accountA = await createAccount(h, { enabled: true });
  accountB = await createAccount(h, { enabled: true });
});

test.afterAll(async () => {
  await h?.close();
});

async function intent(account: string, amount: number): Promise<string> {
  const pi = await h.stripe.paymentIntents.create(
    { amount, currency: "usd", automatic_payment_methods: { enabled: true, allow_redirects: "never" } },
    { stripeAccount: account },
  );
  if (!pi.client_secret) throw new Error("no client secret");
  return pi.client_secret;
}

async function payWith(page: Page, number: string): Promise<void> {
  await page.getByLabel("Card number").fill(number);
  await page.getByLabel("Expiration date").fill("12 / 34");
  await page.getByLabel("Security code").fill("123");
  await page.getByLabel("ZIP code").fill("94105");
  await page.getByRole("button", { name: "Pay" }).click();
}

test("4242 4242 4242 4242 succeeds", async ({ page }) => {
  const clientSecret = await intent(accountA, 2599);
  h.setConfig({ mode: "checkout", publishableKey: PUBLISHABLE_KEY, stripeAccount: accountA, clientSecret });
  await page.goto(h.pageUrl);
  await waitForEvent(page, "ready", "payment");
  await expect(page.locator(".__PorticoSandboxPaymentElement")).toHaveCount(1);
  expect(await page.locator('script[src*="js.stripe.com"]').count()).toBe(0);
  await payWith(page, "4242 4242 4242 4242");
  await expect(page.locator("#result")).toHaveText("Payment succeeded");
  const result = (await page.evaluate(() => window.__result)) as {
    paymentIntent: { id: string; status: string; amount: number };
  };
  expect(result.paymentIntent).toMatchObject({ status: "succeeded", amount: 2599 });
  const pi = await h.stripe.paymentIntents.retrieve(result.paymentIntent.id, {}, { stripeAccount: accountA });
  expect(pi.status).toBe("succeeded");
});

test("4000 0000 0000 0002 is declined with Stripe.js's error shape", async ({ page }) => {
  const clientSecret = await intent(accountA, 1000);
  h.setConfig({ mode: "checkout", publishableKey: PUBLISHABLE_KEY, stripeAccount: accountA, clientSecret });
  await page.goto(h.pageUrl);
  await waitForEvent(page, "ready", "payment");
  await payWith(page, "4000 0000 0000 0002");
  await expect(page.locator("#result")).toHaveText("Your card was declined.");
  const result = (await page.evaluate(() => window.__result)) as { error: Record<string, unknown> };
  expect(result.error).toMatchObject({
    type: "card_error",
    code: "card_declined",
    decline_code: "generic_decline",
    message: "Your card was declined.",
  });
});

test("4000 0000 0000 9995 reports insufficient funds; incomplete input is a validation_error", async ({
  page,
}) => {
  const clientSecret = await intent(accountA, 1000);
  h.setConfig({ mode: "checkout", publishableKey: PUBLISHABLE_KEY, stripeAccount: accountA, clientSecret });
  await page.goto(h.pageUrl);
  await waitForEvent(page, "ready", "payment");
  await page.getByLabel("Card number").fill("4242 4242");
  await page.getByRole("button", { name: "Pay" }).click();
  await expect(page.locator("#result")).toHaveText("Your card number is incomplete.");
  expect(((await page.evaluate(() => window.__result)) as { error: { type: string } }).error.type).toBe(
    "validation_error",
  );
  await payWith(page, "4000 0000 0000 9995");
  await expect(page.locator("#result")).toHaveText("Your card has insufficient funds.");
  const result = (await page.evaluate(() => window.__result)) as { error: Record<string, unknown> };
  expect(result.error).toMatchObject({
    type: "card_error",
    code: "card_declined",
    decline_code: "insufficient_funds",
  });
});

test("a PaymentIntent of another account is refused", async ({ page }) => {
  const clientSecret = await intent(accountA, 1500);
  h.setConfig({ mode: "checkout", publishableKey: PUBLISHABLE_KEY, stripeAccount: accountB, clientSecret });
  await page.goto(h.pageUrl);
  const retrieved = await waitForEvent(page, "retrieve", "payment");
  expect(retrieved.arg).toMatchObject({ error: { code: "resource_missing" } });
  await payWith(page, "4242 4242 4242 4242");
  await expect(page.locator("#result")).not.toHaveText("");
  const result = (await page.evaluate(() => window.__result)) as {
    error?: Record<string, unknown>;
    paymentIntent?: unknown;
  };
  expect(result.paymentIntent).toBeUndefined();
  expect(result.error).toMatchObject({ type: "invalid_request_error", code: "resource_missing" });
  const pi = await h.stripe.paymentIntents.retrieve(
    clientSecret.split("_secret_")[0] ?? "",
    {},
    { stripeAccount: accountA },
  );
  expect(pi.status).not.toBe("succeeded");
});

test("4000 0000 0000 0259 succeeds, is disputed later; the Payment Element passes axe", async ({ page }) => {
  const clientSecret = await intent(accountA, 4100);
  h.setConfig({ mode: "checkout", publishableKey: PUBLISHABLE_KEY, stripeAccount: accountA, clientSecret });
  await page.goto(h.pageUrl);
  await waitForEvent(page, "ready", "payment");
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(
    axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id),
  ).toEqual([]);
  await payWith(page, "4000 0000 0000 0259");
  await expect(page.locator("#result")).toHaveText("Payment succeeded");
  const piId = clientSecret.split("_secret_")[0] ?? "";
  await expect
    .poll(async () => {
      const disputes = await h.stripe.disputes.list({}, { stripeAccount: accountA });
      return disputes.data.some((d) => d.payment_intent === piId);
    })
    .toBe(true);
});
