import { randomInt } from "node:crypto";
import { expect, signOut, signUpInBrowser, test, signInAs } from "./fixtures";

test("a new business signs up, lands in the dashboard shell and signs out", async ({ page }) => {
  const email = `founder-${Date.now()}-${randomInt(1e6)}@example.test`;
  await signUpInBrowser(page, {
    name: "Nina Newcomer",
    business: "Nina's Noodles",
    email,
    password: "a-strong-password",
  });
  await expect(page.getByTestId("current-user")).toContainText("Nina Newcomer");
  await expect(page.getByTestId("current-user")).toContainText("Owner");
  await expect(page.getByTestId("shell-context").first()).toHaveText("Nina's Noodles");

  await signOut(page);
  await expect(page.getByRole("heading", { name: "Sign in to your dashboard" })).toBeVisible();
  // The dashboard is no longer reachable.
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test("the Acme owner signs in to the Acme dashboard", async ({ page }) => {
  await signInAs(page, "owner");
  await expect(page.getByTestId("current-user")).toContainText("owner@acme.test");
  await expect(page.getByTestId("shell-context").first()).toHaveText("Acme Bikes");
  await expect(page.getByRole("navigation", { name: "Dashboard" }).first()).toBeVisible();
});

test("the platform admin signs in to the console, and a wrong password is refused", async ({
  page,
  expectedErrors,
}) => {
  expectedErrors.allowFailedLoad(401, "/api/auth/sign-in/email", "a wrong password is refused");
  await page.goto("/login");
  await page.getByLabel("Email").fill("admin@portico.test");
  await page.getByLabel("Password", { exact: true }).fill("wrong-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "incorrect" })).toHaveText(
    "The email or password is incorrect.",
  );

  await signInAs(page, "admin");
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "Platform console" })).toBeVisible();
  await expect(page.getByTestId("current-user")).toContainText("Platform admin");
});

test("a tenant owner gets a 404 on the admin console", async ({ page, expectedErrors }) => {
  expectedErrors.allowFailedLoad(404, "/admin", "the console is a 404 for a tenant owner");
  await signInAs(page, "otherOwner");
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});
