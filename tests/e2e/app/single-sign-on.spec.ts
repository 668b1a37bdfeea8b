import { expect, test } from "./fixtures";

test("a staff member signs in through the sandbox's identity provider and reaches the console", async ({
  page,
}) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with your company account" }).click();

  // The IdP's own login page, on its own origin.
  await page.waitForURL((url) => url.pathname.startsWith("/interaction/"));
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByRole("button", { name: /Ida Admin/ }).click();
  await expect(page.getByLabel("Email")).toHaveValue("idp-admin@portico.test");
  await page.getByLabel("Password").fill("portico-demo");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();

  // The IdP did MFA for this person: the console at once, no second code.
  await page.waitForURL((url) => url.pathname === "/admin");
  await expect(page.getByTestId("current-user")).toContainText("idp-admin@portico.test");
  await expect(page.getByTestId("current-user")).toContainText("Admin");

  // The company-account page shows the link.
  await page.goto("/admin/settings");
  await expect(page.getByTestId("sso-status")).toContainText("Linked to idp-admin@portico.test");
});

test("a linked admin confirms a view with the IdP instead of a code, and the view opens with the reason kept", async ({
  page,
}) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with your company account" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/interaction/"));
  await page.getByLabel("Email").fill("idp-admin@portico.test");
  await page.getByLabel("Password").fill("portico-demo");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/admin");

  await page.goto("/admin/accounts");
  await page.locator("a[href^='/admin/accounts/acct_']").first().click();
  await page.waitForURL(/\/admin\/accounts\/acct_/);
  const panel = page.getByTestId("impersonate-panel");
  await panel.getByRole("textbox", { name: "Reason" }).fill("Ticket 5120: payouts page looks empty");
  await panel.getByRole("checkbox").check();
  await panel.getByRole("button", { name: "Confirm with your identity provider" }).click();

  // A fresh login at the IdP, although it knows this browser.
  await page.waitForURL((url) => url.pathname.startsWith("/interaction/"));
  await page.getByLabel("Email").fill("idp-admin@portico.test");
  await page.getByLabel("Password").fill("portico-demo");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();

  // Back on the panel, which opens the view with what was typed.
  await page.waitForURL((url) => url.pathname === "/");
  const banner = page.getByTestId("impersonation-banner");
  await expect(banner).toContainText("Ticket 5120: payouts page looks empty");
  await banner.getByRole("button", { name: "Stop" }).click();
  await page.waitForURL(/\/admin/);
});
