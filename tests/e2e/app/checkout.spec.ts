import { randomInt } from "node:crypto";
import type { Page } from "@playwright/test";
import { waitForMail } from "../../support/mailbox";
import { expect, test } from "./fixtures";

/** A fresh inbox per test, so a receipt found is this test's. */
const customerEmail = (prefix: string) => `${prefix}-${Date.now()}-${randomInt(1e6)}@example.test`;

/** The amount step of Acme's public checkout, filled. */
async function fillAmountStep(page: Page, amount: string, email: string): Promise<void> {
  await page.goto("/pay/acme-bikes");
  await expect(page.getByRole("heading", { name: "Pay Acme Bikes" })).toBeVisible();
  await page.getByLabel(/Amount/).fill(amount);
  await page.getByLabel("Email for the receipt").fill(email);
}

async function fillCard(page: Page, number: string): Promise<void> {
  await page.getByLabel("Card number").fill(number);
  await page.getByLabel("Expiration date").fill("12 / 34");
  await page.getByLabel("Security code").fill("123");
  await page.getByLabel("ZIP code").fill("94105");
}

/** The field's error: shown next to it, in plain words, and tied to it for assistive technology. */
async function expectFieldError(page: Page, label: string | RegExp, words: string): Promise<void> {
  const field = page.getByLabel(label);
  await expect(field).toHaveAttribute("aria-invalid", "true");
  const describedBy = (await field.getAttribute("aria-describedby")) ?? "";
  const error = page.locator(
    `[id="${describedBy.split(" ").find((id) => id.endsWith("-error")) ?? "none"}"]`,
  );
  await expect(error).toHaveText(words);
}

test("the checkout says what is wrong next to the field, in plain words", async ({
  page,
  expectedErrors,
}) => {
  expectedErrors.allowFailedLoad(
    400,
    "/api/pay/acme-bikes",
    "the server refuses an address the browser took",
  );
  let posts = 0;
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/api/pay/acme-bikes") posts += 1;
  });
  // Not an email at all: said before anything is sent.
  await fillAmountStep(page, "12.50", "not-an-email");
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await expectFieldError(page, "Email for the receipt", "Enter a valid email address.");
  await expect(page.getByLabel("Email for the receipt")).toBeFocused();
  await expect(page.getByText("Invalid email")).toHaveCount(0);
  expect(posts).toBe(0);

  // An address the browser takes but the server refuses: the server's refusal lands on the same field, in words.
  await page.getByLabel("Email for the receipt").fill("jo@localhost");
  const refused = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/pay/acme-bikes");
  await page.getByRole("button", { name: "Continue to payment" }).click();
  expect((await refused).status()).toBe(400);
  await expectFieldError(page, "Email for the receipt", "Enter a valid email address.");
  await expect(page.getByText(/Invalid email|email:/)).toHaveCount(0);

  // A bad amount is named on the amount field; fixing both clears the errors and goes on to the card.
  await page.getByLabel(/Amount/).fill("0.10");
  await page.getByLabel("Email for the receipt").fill(customerEmail("fields"));
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await expectFieldError(page, /Amount/, "Enter an amount between $0.50 and $10,000.00.");
  await expect(page.getByLabel("Email for the receipt")).not.toHaveAttribute("aria-invalid", "true");
  await page.getByLabel(/Amount/).fill("12.50");
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await expect(page.getByLabel("Card number")).toBeVisible();
});

test("Back from the card form keeps the amount and email, and the card fields use the page's font", async ({
  page,
}) => {
  const fontRequests: string[] = [];
  page.on("requestfinished", (request) => {
    if (request.url().includes("/_portico/fonts/")) fontRequests.push(request.url());
  });
  const intents: string[] = [];
  page.on("response", async (response) => {
    if (new URL(response.url()).pathname !== "/api/pay/acme-bikes" || !response.ok()) return;
    const body = (await response.json()) as { clientSecret: string };
    intents.push(body.clientSecret.split("_secret_")[0] ?? "");
  });
  const email = customerEmail("back");
  await fillAmountStep(page, "31.40", email);
  await page.getByRole("button", { name: "Continue to payment" }).click();
  const cardNumber = page.getByLabel("Card number");
  await expect(cardNumber).toBeVisible();
  // Stripe draws the fields apart from the page: they get the page's Inter only through the `fonts` option.
  expect(await cardNumber.evaluate((input) => getComputedStyle(input).fontFamily)).toMatch(/^"?Inter"?,/);
  await expect.poll(() => fontRequests.length).toBeGreaterThan(0);

  await page.getByRole("button", { name: "Back" }).click();
  await expect(page.getByLabel(/Amount/)).toHaveValue("31.40");
  await expect(page.getByLabel("Email for the receipt")).toHaveValue(email);
  // Nothing changed: the same payment goes on (no second PaymentIntent), and it can be paid.
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await fillCard(page, "4242 4242 4242 4242");
  await page.getByRole("button", { name: "Pay $31.40" }).click();
  await expect(page.getByTestId("payment-success")).toContainText(`on its way to ${email}`);
  expect(intents).toHaveLength(1);
});

test("paying with an email mails the customer a receipt from the business", async ({ page }) => {
  const email = customerEmail("receipt");
  const amount = `${randomInt(11, 99)}.${randomInt(10, 99)}`;
  const since = Date.now();
  await fillAmountStep(page, amount, email);
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await fillCard(page, "4242 4242 4242 4242");
  await page.getByRole("button", { name: /^Pay / }).click();
  await expect(page.getByTestId("payment-success")).toContainText(`A receipt for $${amount} is on its way`);

  const receipt = await waitForMail(email, { since, match: (mail) => mail.subject.includes("receipt") });
  expect(receipt.subject).toMatch(/^Your receipt from Acme Bikes #\d{4}-\d{4}$/);
  expect(receipt.text).toContain(`Amount paid: $${amount}`);
  expect(receipt.text).toContain("Currency: USD");
  expect(receipt.text).toContain("Receipt from Acme Bikes");
  expect(receipt.text).toContain("VISA – 4242");
});

test("a payment without an email promises no receipt", async ({ page }) => {
  await page.goto("/pay/acme-bikes");
  await page.getByLabel(/Amount/).fill("9.99");
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await fillCard(page, "4242 4242 4242 4242");
  await page.getByRole("button", { name: "Pay $9.99" }).click();
  await expect(page.getByTestId("payment-success")).toContainText("Your payment of $9.99 went through.");
  await expect(page.getByTestId("payment-success")).not.toContainText("receipt");
});
