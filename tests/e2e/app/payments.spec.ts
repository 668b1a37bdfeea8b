import type { Page } from "@playwright/test";
import { expect, setFaults, signInAs, test } from "./fixtures";

/** Starts a checkout on Acme's public page and leaves it there (never paid): the PaymentIntent's id. */
async function abandonCheckout(page: Page): Promise<string> {
  await page.goto("/pay/acme-bikes");
  await page.getByLabel(/Amount/).fill("77.70");
  const created = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/pay/acme-bikes");
  await page.getByRole("button", { name: "Continue to payment" }).click();
  const body = (await (await created).json()) as { clientSecret: string };
  const id = body.clientSecret.split("_secret_")[0];
  if (!id?.startsWith("pi_")) throw new Error("the checkout answered no PaymentIntent");
  return id;
}

test("an unknown payment is a 404 that says so, with the way back to Payments", async ({
  page,
  browser,
  expectedErrors,
}) => {
  const customer = await browser.newPage();
  const abandoned = await abandonCheckout(customer);
  await customer.close();

  await signInAs(page, "owner");
  for (const id of ["pi_NoSuchPayment000", abandoned]) {
    expectedErrors.allowFailedLoad(
      404,
      `/payments/${id}`,
      "the page of a payment Stripe does not have is a 404",
    );
    const response = await page.goto(`/payments/${id}`);
    expect(response?.status()).toBe(404);
    const view = page.getByTestId("payment-not-found");
    await expect(view.getByRole("heading", { level: 1, name: "No such payment" })).toBeVisible();
    await expect(page.getByText("The connection to Stripe failed")).toHaveCount(0);
    await expect(page.getByTestId("connect-error")).toHaveCount(0);
  }
  await page.getByTestId("payment-not-found").getByRole("link", { name: "All payments" }).click();
  await expect(page).toHaveURL(/\/payments$/);
  await expect(page.getByRole("heading", { level: 1, name: "Payments" })).toBeVisible();
});

test("a payment of the account still opens on its own page", async ({ page }) => {
  await page.goto("/pay/acme-bikes");
  await page.getByLabel(/Amount/).fill("15.20");
  const created = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/pay/acme-bikes");
  await page.getByRole("button", { name: "Continue to payment" }).click();
  const id = ((await (await created).json()) as { clientSecret: string }).clientSecret.split("_secret_")[0];
  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByLabel("Expiration date").fill("12 / 34");
  await page.getByLabel("Security code").fill("123");
  await page.getByLabel("ZIP code").fill("94105");
  await page.getByRole("button", { name: "Pay $15.20" }).click();
  await expect(page.getByTestId("payment-success")).toBeVisible();

  await page.context().clearCookies();
  await signInAs(page, "owner");
  const response = await page.goto(`/payments/${id}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Payment" })).toBeVisible();
  await expect(page.getByTestId("payment-not-found")).toHaveCount(0);
});

test("while Stripe fails, a payment's page still renders with its component, not a false 404", async ({
  page,
  expectedErrors,
}) => {
  // The component, whose reads the fault leaves alone, may ask for the made-up payment before the test ends.
  expectedErrors.allowFailedLoad(
    404,
    "/_sandbox/connect/v1/payments/pi_StripeIsDown0000",
    "the component finds no such payment",
  );
  await signInAs(page, "owner");
  // Only the page's own lookup fails (the component reads through the sandbox's browser API).
  await setFaults([
    {
      path_prefix: "/v1/payment_intents/pi_",
      method: "GET",
      error_rate: 1,
      error_status: 503,
      should_retry: false,
    },
  ]);
  try {
    const response = await page.goto("/payments/pi_StripeIsDown0000");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "Payment" })).toBeVisible();
    await expect(page.getByTestId("payment-not-found")).toHaveCount(0);
  } finally {
    await setFaults([]);
  }
});

test("the console lists an account's payments with statuses in words, and leaves unpaid checkouts out", async ({
  page,
  browser,
}) => {
  const customer = await browser.newPage();
  // A declined card: an attempt that failed, so a payment (Stripe's Dashboard lists it as Failed).
  await customer.goto("/pay/acme-bikes");
  await customer.getByLabel(/Amount/).fill("66.60");
  const created = customer.waitForResponse((r) => new URL(r.url()).pathname === "/api/pay/acme-bikes");
  await customer.getByRole("button", { name: "Continue to payment" }).click();
  const declined = ((await (await created).json()) as { clientSecret: string }).clientSecret.split(
    "_secret_",
  )[0];
  await customer.getByLabel("Card number").fill("4000 0000 0000 0002");
  await customer.getByLabel("Expiration date").fill("12 / 34");
  await customer.getByLabel("Security code").fill("123");
  await customer.getByLabel("ZIP code").fill("94105");
  await customer.getByRole("button", { name: "Pay $66.60" }).click();
  await expect(customer.getByRole("alert").filter({ hasText: "declined" })).toBeVisible();
  const abandoned = await abandonCheckout(customer);
  await customer.close();

  await signInAs(page, "support");
  await page.goto("/admin/accounts?q=Acme");
  await page.getByTestId("accounts-table").getByRole("link", { name: "Acme Bikes" }).click();
  await page.waitForURL(/\/admin\/accounts\/acct_/);
  const payments = page.getByTestId("live-payments");
  await expect(payments.getByRole("listitem").first()).toBeVisible();
  await expect(payments.getByRole("listitem").filter({ hasText: declined ?? "none" })).toContainText(
    "Failed",
  );
  await expect(payments).toContainText("Succeeded");
  await expect(payments).not.toContainText(/requires_|succeeded|canceled|processing/);
  // The checkout nobody paid is not a payment: not listed, only counted.
  await expect(payments).not.toContainText(abandoned);
  await expect(payments).toContainText(/checkouts? started but never paid (is|are) not listed/);
  await expect(page.getByTestId("live-payouts")).not.toContainText(/in_transit|\bpaid\b|\bpending\b/);
});
