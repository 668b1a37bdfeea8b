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
  await page.goto("/admin/single-sign-on");
  await expect(page.getByTestId("sso-status")).toContainText("Linked to idp-admin@portico.test");
});
