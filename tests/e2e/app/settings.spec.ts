import { randomInt } from "node:crypto";
import { AppClient } from "../../support/app-client";
import { linkTo, waitForMail } from "../../support/mailbox";
import { expect, signUpInBrowser, test } from "./fixtures";
import { freshTotpCode } from "../../support/totp-codes";

/** A person's own account in the dashboard's Settings, end to end in Chromium. */

function card(page: import("@playwright/test").Page, title: string) {
  return page
    .locator("section")
    .filter({ has: page.getByRole("heading", { level: 2, name: title, exact: true }) });
}

test("signs every other device out, then moves the account to a new email through the mailed link", async ({
  page,
  expectedErrors,
}) => {
  expectedErrors.allowFailedLoad(403, "/api/profile/email", "a wrong current password is refused");
  const stamp = `${Date.now()}-${randomInt(1e6)}`;
  const email = `mover-${stamp}@example.test`;
  const newEmail = `moved-${stamp}@example.test`;
  const password = "a-strong-password";
  await signUpInBrowser(page, { name: "Mo Mover", business: "Mo's Moves", email, password });

  // The same person on another device.
  const laptop = new AppClient();
  expect((await laptop.signIn(email, password)).status).toBe(200);

  await page.goto("/settings");
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  const devices = page.getByTestId("devices");
  await expect(devices.getByRole("listitem")).toHaveCount(2);
  await expect(devices.getByRole("listitem").first()).toContainText("This device");
  await expect(devices.getByRole("listitem").first()).toContainText("Chrome");
  await card(page, "Signed-in devices").getByRole("button", { name: "Sign out everywhere else" }).click();
  await expect(page.getByText("1 other device was signed out.")).toBeVisible();
  await expect(devices.getByRole("listitem")).toHaveCount(1);
  expect((await laptop.request("/api/me")).status).toBe(401);

  // A new email: a step-up, then a link to the new address; nothing changes until it is used.
  const account = card(page, "Account");
  await account.getByRole("button", { name: "Change email" }).click();
  await account.getByLabel("New email address").fill(newEmail);
  await account.getByLabel("Current password").fill("not-my-password");
  await account.getByRole("button", { name: "Mail me a confirmation link" }).click();
  await expect(account.getByText("That password is not right.")).toBeVisible();
  await account.getByLabel("Current password").fill(password);
  const since = Date.now() - 1000;
  await account.getByRole("button", { name: "Mail me a confirmation link" }).click();
  await expect(page.getByTestId("pending-email")).toContainText(newEmail);
  await expect(page.getByTestId("current-email")).toHaveText(email);

  const mail = await waitForMail(newEmail, { since, match: (m) => linkTo(m, "/confirm-email") !== null });
  const link = linkTo(mail, "/confirm-email");
  if (!link) throw new Error("no confirmation link");
  await page.goto(link.pathname + link.search);
  await expect(page.getByRole("heading", { name: "Confirm your new email" })).toBeVisible();
  await expect(page.getByText(newEmail)).toBeVisible();
  await page.getByRole("button", { name: "Confirm my new email" }).click();

  await page.waitForURL("**/settings?emailChanged=1");
  await expect(page.getByText(`Your email is now ${newEmail}.`)).toBeVisible();
  await expect(page.getByTestId("current-email")).toHaveText(newEmail);
  await expect(page.getByTestId("current-user")).toContainText(newEmail);
  await expect(page.getByTestId("pending-email")).toHaveCount(0);
  // The old address heard of it.
  const told = await waitForMail(email, { since, match: (m) => /email was changed/.test(m.subject) });
  expect(told.text).toContain(newEmail);
});

test("sets up two-step verification from Settings, and counts the recovery codes", async ({ page }) => {
  const stamp = `${Date.now()}-${randomInt(1e6)}`;
  const email = `guard-${stamp}@example.test`;
  await signUpInBrowser(page, {
    name: "Gail Guard",
    business: "Gail's Gates",
    email,
    password: "a-strong-password",
  });
  await page.goto("/settings");
  const factor = card(page, "Two-step verification");
  await expect(factor).toContainText("Off");
  await factor.getByRole("button", { name: "Set up an authenticator app" }).click();
  const secret = (await factor.getByTestId("totp-secret").textContent()) ?? "";
  await factor.getByLabel("Code", { exact: true }).fill(await freshTotpCode(secret));
  await factor.getByRole("button", { name: "Confirm" }).click();
  await expect(factor.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
  await factor.getByRole("button", { name: "I have saved them — continue" }).click();
  await expect(factor.getByTestId("recovery-codes-left")).toHaveText("10 recovery codes left.");
  await expect(factor.getByRole("button", { name: "Turn off two-step verification" })).toBeVisible();
});
