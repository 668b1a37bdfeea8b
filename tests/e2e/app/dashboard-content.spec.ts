import { componentsDrawn, connectFrame } from "../../support/connect-frames";
import { expect, signInAs, test } from "./fixtures";

test("Home titles each component's section once: no heading of ours above one that titles itself", async ({
  page,
}) => {
  await signInAs(page, "owner");
  await page.goto("/");
  await componentsDrawn(page);
  await expect(connectFrame(page, "payments").getByRole("heading", { name: "Payments" })).toBeVisible();
  // The page keeps its own h1 and adds no heading of its own over the components.
  await expect(page.getByRole("heading", { level: 1, name: /^Welcome/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Recent payments" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Earnings" })).toHaveCount(0);
});

test("the Account page shows the business's address and phone, not Stripe's verification tokens", async ({
  page,
}) => {
  await signInAs(page, "owner");
  await page.goto("/account");
  const account = connectFrame(page, "account-management");
  await expect(account.getByText("Market Street").first()).toBeVisible();
  await expect(account).not.toContainText("address_full_match");
  await expect(account).not.toContainText("+10000000000");
  await expect(account).not.toContainText("accessible.stripe.com");
});
