import { AppClient, uniqueEmail } from "../../support/app-client";
import {
  BUSINESS_PASSWORD,
  joinBusiness,
  readyBusiness,
  testPayment,
  type ReadyBusiness,
} from "../../support/businesses";
import { componentsDrawn, connectFrame } from "../../support/connect-frames";
import { accountSessionRequests } from "../../support/emulator-client";
import { formatStripeAmount } from "../../../lib/money";
import { expect, signIn, signInAs, signOut, test } from "./fixtures";

/** Two businesses with one payment each, of different amounts: what each account's components show. */
async function twoBusinesses(): Promise<{
  alpha: ReadyBusiness;
  beta: ReadyBusiness;
  amounts: [string, string];
}> {
  const suffix = Date.now().toString(36);
  const alpha = await readyBusiness(`Alpha Apiary ${suffix}`);
  const beta = await readyBusiness(`Beta Bakery ${suffix}`);
  const alphaAmount = await testPayment(alpha);
  let betaAmount = await testPayment(beta);
  while (betaAmount === alphaAmount) betaAmount = await testPayment(beta);
  return {
    alpha,
    beta,
    amounts: [
      formatStripeAmount(alphaAmount, "usd", "en-US"),
      formatStripeAmount(betaAmount, "usd", "en-US"),
    ],
  };
}

test("a person in two businesses switches: the Connect instance logs out, and only the new account's components remain", async ({
  page,
  context,
}) => {
  const { alpha, beta, amounts } = await twoBusinesses();
  const [alphaAmount, betaAmount] = amounts;
  const email = uniqueEmail("pat");
  const pat = { email, name: "Pat Partner", client: new AppClient(), signedIn: false };
  await joinBusiness(alpha, pat, "staff");
  await joinBusiness(beta, pat, "viewer");

  // A new device acts for the first business joined.
  await signIn(page, email, BUSINESS_PASSWORD);
  const switcher = page.getByTestId("business-switcher").first();
  await expect(switcher.getByTestId("shell-context")).toHaveText(alpha.name);
  await expect(connectFrame(page, "payments").getByText(alphaAmount).first()).toBeVisible();
  // A second tab of the same browser, on Alpha's payments.
  const other = await context.newPage();
  await other.goto("/payments");
  await expect(connectFrame(other, "payments").getByText(alphaAmount).first()).toBeVisible();

  await switcher.getByRole("button", { name: `${alpha.name}, Switch business` }).click();
  const logout = page.waitForRequest((request) => request.url().includes("/_sandbox/connect/v1/logout"));
  const sessionsBefore = (await accountSessionRequests()).length;
  await switcher.getByRole("button", { name: new RegExp(beta.name) }).click();
  await logout;
  await page.waitForURL((url) => url.pathname === "/");

  await expect(page.getByTestId("business-switcher").first().getByTestId("shell-context")).toHaveText(
    beta.name,
  );
  await expect(page.getByText(`Here is what's happening with ${beta.name}.`)).toBeVisible();
  await componentsDrawn(page);
  // Every component on the page is Beta's: Beta's payment, nothing of Alpha's.
  const payments = connectFrame(page, "payments");
  await expect(payments.getByText(betaAmount).first()).toBeVisible();
  await expect(payments.getByText(alphaAmount)).toHaveCount(0);
  const minted = (await accountSessionRequests()).slice(sessionsBefore);
  expect(minted.length).toBeGreaterThanOrEqual(1);
  expect(minted.every((request) => request.params.account === beta.accountId)).toBe(true);

  // The other tab followed: it logged its instance out and loaded again, for Beta.
  await expect(other.getByTestId("business-switcher").first().getByTestId("shell-context")).toHaveText(
    beta.name,
  );
  const otherPayments = connectFrame(other, "payments");
  await expect(otherPayments.getByText(betaAmount).first()).toBeVisible();
  await expect(otherPayments.getByText(alphaAmount)).toHaveCount(0);
  await other.close();

  // Remembered on this device, across sign-out and sign-in.
  await signOut(page);
  await signIn(page, email, BUSINESS_PASSWORD);
  await expect(page.getByTestId("business-switcher").first().getByTestId("shell-context")).toHaveText(
    beta.name,
  );
});

test("a person with one business has no switcher", async ({ page }) => {
  await signInAs(page, "owner");
  await expect(page.getByTestId("shell-context").first()).toHaveText("Acme Bikes");
  await expect(page.getByTestId("business-switcher")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Switch business/ })).toHaveCount(0);
});
