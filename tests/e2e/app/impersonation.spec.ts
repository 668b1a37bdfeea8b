import {
  signIn,
  signInAsStaffCopy,
  startViewing,
  submitFreshCode,
  expect,
  openFirstPayment,
  openAcmeInConsole,
  openFromSidebar,
  sidebar,
  test,
} from "./fixtures";
import { openTestDatabase } from "../../support/test-db";
import { componentsDrawn, connectFrame } from "../../support/connect-frames";

const reason = "Ticket 4821: payouts missing since Monday";

test("support views Acme read-only under a banner on every page, stops, and the audit log shows it @both-models", async ({
  page,
  expectedErrors,
}) => {
  expectedErrors.allowFailedLoad(403, "/admin", "the console is closed while viewing");
  const staff = await signInAsStaffCopy(page, "support");
  const accountId = await openAcmeInConsole(page);
  await expect(page.getByRole("heading", { name: /Acme Bikes/ }).first()).toBeVisible();
  await startViewing(page, staff, reason);

  const banner = page.getByTestId("impersonation-banner");
  await expect(banner).toContainText("Viewing as Acme Bikes");
  await expect(banner).toContainText(accountId);
  await expect(banner).toContainText(reason);
  await expect(page.getByTestId("impersonation-time-left")).toContainText(/\d+:\d\d left/);
  for (const name of ["Payments", "Payouts", "Balances", "Account"]) {
    await sidebar(page).getByRole("link", { name }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(banner).toBeVisible();
  }
  // The Account page is Portico's read-only summary: no account management component, nothing to edit.
  await expect(page.getByTestId("account-summary")).toContainText("Business details");
  await expect(page.locator("stripe-connect-account-management")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Edit/ })).toHaveCount(0);
  // Support's view leaves out the business's team, documents and reports.
  for (const name of ["Team", "Documents", "Reports"]) {
    await expect(sidebar(page).getByRole("link", { name })).toHaveCount(0);
  }
  await openFromSidebar(page, "Payments");
  const payments = connectFrame(page, "payments");
  const dialog = await openFirstPayment(payments);
  await expect(dialog.getByRole("button", { name: "Close" })).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Refund", exact: true })).toHaveCount(0);
  await dialog.getByRole("button", { name: "Close" }).click();

  // The console is closed while viewing.
  const consoleResponse = await page.goto("/admin");
  expect(consoleResponse?.status()).toBe(403);
  await page.goto("/");
  // Stop logs the page's Connect instance out: wait for it to exist (connect.js loads asynchronously).
  await componentsDrawn(page);

  const logout = page.waitForRequest((request) => request.url().includes("/_sandbox/connect/v1/logout"));
  await banner.getByRole("button", { name: "Stop" }).click();
  await logout;
  await page.waitForURL(`**/admin/accounts/${accountId}`);
  await expect(page.getByTestId("impersonation-banner")).toHaveCount(0);

  await page.goto(`/admin/audit?account=${accountId}`);
  const log = page.getByRole("table");
  await expect(log).toContainText("Impersonation started");
  // The view's Account Sessions (one per page load) are one row, opened to list each.
  const sessions = page.getByTestId("audit-session-group").first();
  await expect(sessions).toContainText(/\d+ Account Sessions during this view/);
  await sessions.getByText(/Account Sessions during this view/).click();
  await expect(sessions.getByRole("listitem").first()).toBeVisible();
  await expect(log).toContainText("Impersonation stopped");
  await expect(log).toContainText(reason);
});

test("viewing an account shows the business's own Home with only the banner added, and its tax setup as a read-only summary", async ({
  page,
  browser,
}) => {
  // The owner registers Acme for tax in France with the tax components, and sees their Home.
  const owner = await browser.newPage();
  await signIn(owner, "owner@acme.test");
  const ownerHeading = (await owner.getByRole("heading", { level: 1 }).textContent()) ?? "";
  expect(ownerHeading).toBe("Welcome, Olivia");
  await owner.goto("/tax");
  const registrations = connectFrame(owner, "tax-registrations");
  await registrations.getByRole("button", { name: "Add registration" }).click();
  await registrations.getByLabel("Country").selectOption("FR");
  await registrations.locator("form").getByRole("button", { name: "Add registration" }).click();
  await expect(registrations.getByText("Registration added.")).toBeVisible();
  await owner.close();

  const staff = await signInAsStaffCopy(page, "support");
  await openAcmeInConsole(page);
  await startViewing(page, staff, reason);
  // The business's Home as its owner sees it: the owner greeted, nothing of the staff member's in the page itself.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ownerHeading);
  await expect(page.getByText("Here is what's happening with Acme Bikes.")).toBeVisible();
  const main = page.locator("main");
  await expect(main).not.toContainText("Sam");
  await expect(main).not.toContainText(staff.email);
  await expect(page.getByTestId("impersonation-banner")).toContainText("Viewing as Acme Bikes");

  // Tax: no components (they have no read-only mode), Portico's summary of what Stripe holds instead.
  await openFromSidebar(page, "Tax");
  const summary = page.getByTestId("tax-summary");
  await expect(summary).toContainText("Only the business's owner can change it.");
  await expect(summary.getByRole("row", { name: /France/ })).toContainText("Active");
  await expect(page.locator("stripe-connect-tax-settings, stripe-connect-tax-registrations")).toHaveCount(0);
  await expect(main.getByRole("button")).toHaveCount(0);
});

test("an admin takes the owner's read-only view with its own reason and password, and still has no refund button", async ({
  page,
}) => {
  const staff = await signInAsStaffCopy(page, "admin");
  await openAcmeInConsole(page);
  await startViewing(page, staff, reason);
  const banner = page.getByTestId("impersonation-banner");
  await expect(sidebar(page).getByRole("link", { name: "Documents" })).toHaveCount(0);
  await banner.getByRole("button", { name: "Take the owner's view" }).click();
  await banner.getByLabel(/Why do you need the owner's view/).fill("Owner asked us to check order 1182");
  await banner.getByLabel("I confirm that I need the owner's view of this account").check();
  // A fresh step-up: without a new code nothing changes.
  await banner.getByRole("button", { name: "Switch to the owner's view" }).click();
  await expect(banner.getByRole("alert")).toContainText("Enter the current code");
  // The page reloads with the owner's profile (a new Connect instance and Account Session).
  await submitFreshCode(
    page,
    staff.totpSecret,
    banner.getByLabel("A new code from your authenticator"),
    banner.getByRole("button", { name: "Switch to the owner's view" }),
    () => page.waitForEvent("load"),
    staff.email,
  );
  await expect(banner).toContainText("owner's view ·");
  await expect(banner.getByRole("button", { name: "Take the owner's view" })).toHaveCount(0);
  // The owner's view shows the business's documents, reports and team — and stays read-only.
  for (const name of ["Documents", "Reports", "Team"]) {
    await expect(sidebar(page).getByRole("link", { name })).toBeVisible();
  }

  await openFromSidebar(page, "Payments");
  const payments = connectFrame(page, "payments");
  const dialog = await openFirstPayment(payments);
  await expect(dialog.getByRole("button", { name: "Close" })).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Refund", exact: true })).toHaveCount(0);
  // The modal covers the page (as Stripe's does): close it before reaching the banner.
  await dialog.getByRole("button", { name: "Close" }).click();
  await banner.getByRole("button", { name: "Stop" }).click();
  await page.waitForURL(/\/admin\/accounts\/acct_/);
});

test("support cannot take the owner's view", async ({ page }) => {
  const staff = await signInAsStaffCopy(page, "support");
  await openAcmeInConsole(page);
  await startViewing(page, staff, reason);
  const banner = page.getByTestId("impersonation-banner");
  await expect(banner).toBeVisible();
  await expect(banner.getByRole("button", { name: "Take the owner's view" })).toHaveCount(0);
  await banner.getByRole("button", { name: "Stop" }).click();
  await page.waitForURL(/\/admin\/accounts\/acct_/);
});

test("an impersonation past its limit ends by itself", async ({ page }) => {
  const staff = await signInAsStaffCopy(page, "support");
  await openAcmeInConsole(page);
  await startViewing(page, staff, reason);
  await expect(page.getByTestId("impersonation-banner")).toBeVisible();
  // The server holds the limit: move it to just after the start, as if the hour had passed, then come back.
  const response = await page.request.get("/api/me");
  const { impersonation } = (await response.json()) as { impersonation: { id: string } };
  expect(impersonation.id).toMatch(/^imp_/);
  await expireOnServer(impersonation.id);
  await page.reload();
  await expect(page).toHaveURL(/\/admin/);
  await expect(page.getByTestId("impersonation-banner")).toHaveCount(0);
  const me = (await (await page.request.get("/api/me")).json()) as { impersonation: unknown };
  expect(me.impersonation).toBeNull();
});

/** The test stack's database: the only way to age an impersonation by an hour without waiting an hour. */
async function expireOnServer(id: string): Promise<void> {
  const db = openTestDatabase();
  try {
    const row = await db.db
      .selectFrom("impersonations")
      .select("started_at")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    await db.db
      .updateTable("impersonations")
      .set({ expires_at: Number(row.started_at) + 1 })
      .where("id", "=", id)
      .execute();
  } finally {
    await db.close();
  }
}
