import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { mirrorRow } from "../../support/mirror-rows";
import { openTestDatabase } from "../../support/test-db";
import { expect, test, signInAs } from "./fixtures";

test("support finds Acme Bikes and reads its account: details, requirements and members", async ({
  page,
  expectedErrors,
}) => {
  expectedErrors.allowFailedLoad(403, "/api/admin/impersonation", "a wrong step-up code is refused");
  await signInAs(page, "support");
  await page.goto("/admin/accounts");
  await page.getByLabel("Search").fill("Acme");
  await page.getByRole("button", { name: "Search" }).click();
  await page.waitForURL((url) => url.searchParams.get("q") === "Acme");

  const table = page.getByTestId("accounts-table");
  const row = table.getByRole("row").filter({ hasText: "Acme Bikes" });
  await expect(row).toHaveCount(1);
  await expect(table.getByRole("row").filter({ hasText: "Globex" })).toHaveCount(0);
  await row.getByRole("link", { name: "Acme Bikes" }).click();

  await page.waitForURL(/\/admin\/accounts\/acct_/);
  await expect(page.getByRole("heading", { level: 1, name: "Acme Bikes" })).toBeVisible();
  const details = page.getByTestId("account-details");
  await expect(details).toContainText("owner@acme.test");
  await expect(details).toContainText("Charges on");
  await expect(page.getByTestId("account-requirements")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Requirements" })).toBeVisible();
  await expect(page.getByTestId("account-live")).toContainText("Recent payments");

  const members = page.getByTestId("account-members");
  await expect(members).toContainText("Olivia Owner");
  await expect(members).toContainText("owner@acme.test");
  await expect(members).toContainText("Stan Staff");
  await expect(members).toContainText("Vera Viewer");

  // The "view as" form wants a real reason, the explicit confirmation and the password before it starts anything.
  const panel = page.getByTestId("impersonate-panel");
  const start = panel.getByRole("button", { name: "View as this account" });
  await expect(start).toBeDisabled();
  await panel.getByLabel("Reason", { exact: true }).fill("too short");
  await panel.getByRole("checkbox").check();
  await start.click();
  await expect(panel.getByText(/Give a reason of at least 10 characters/)).toBeVisible();
  // Invisible characters are not a reason.
  await panel.getByLabel("Reason", { exact: true }).fill("\u200b".repeat(12));
  await start.click();
  await expect(panel.getByText(/Give a reason of at least 10 characters/)).toBeVisible();
  // Then a code from the staff member's authenticator (step-up): missing, then wrong — nothing starts.
  await panel.getByLabel("Reason", { exact: true }).fill("Ticket 4821: payouts missing since Monday");
  await start.click();
  await expect(panel.getByText("Enter the current code from your authenticator app.")).toBeVisible();
  await panel.getByLabel("Code from your authenticator app").fill("000000");
  await start.click();
  await expect(panel.getByText("That code is not right.")).toBeVisible();
  await expect(panel.getByLabel("Code from your authenticator app")).toHaveValue("");
  await expect(page).toHaveURL(/\/admin\/accounts\/acct_/);
});

test("admin sees the overview charts and exports the audit log as CSV", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1, name: "Platform console" })).toBeVisible();
  for (const chart of ["chart-status", "chart-funnel", "chart-new-accounts"]) {
    await expect(page.getByTestId(chart).locator("svg.recharts-surface").first()).toBeVisible();
  }
  await expect(page.getByTestId("chart-funnel")).toContainText("Onboarding funnel");
  await expect(page.getByTestId("overview-tiles")).toContainText("Connected accounts");

  await page.getByRole("link", { name: "Audit log" }).first().click();
  await page.waitForURL("**/admin/audit");
  const downloadPromise = page.waitForEvent("download");
  await page.getByTestId("audit-export").click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^portico-audit-[\d-]+\.csv$/);
  const path = await download.path();
  const csv = await readFile(path, "utf8");
  expect(csv.split("\r\n")[0]).toBe(
    "occurred_at,action,actor_email,actor_role,account_id,tenant_id,impersonation_id,reason,profile,components,ip,user_agent,id,details",
  );
});

test("a tenant owner gets a 404 on the console", async ({ page, expectedErrors }) => {
  expectedErrors.allowFailedLoad(404, "/admin", "the console is a 404 for a tenant owner");
  await signInAs(page, "owner");
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByText("Platform console")).toHaveCount(0);
});

test("the console's filters agree, count their accounts, and page back with Previous", async ({ page }) => {
  // Enough accounts for three pages of 50: mirror rows of accounts this test makes up, removed at the end.
  const handle = openTestDatabase();
  const made = Array.from({ length: 120 }, (_, i) => `acct_e2epaging${String(i).padStart(4, "0")}`);
  const now = Date.now();
  await handle.db
    .insertInto("stripe_accounts")
    .values(
      made.map((id, i) => mirrorRow({ id, business_name: `Paging Shop ${i}`, created: now - i * 60_000 })),
    )
    .execute();
  try {
    await checkFiltersAndPaging(page);
  } finally {
    await handle.db.deleteFrom("stripe_accounts").where("id", "in", made).execute();
    await handle.close();
  }
});

async function checkFiltersAndPaging(page: Page): Promise<void> {
  await signInAs(page, "support");
  await page.goto("/admin/accounts");
  const count = async (filter: string) =>
    Number((await page.getByTestId(`filter-count-${filter}`).innerText()).replace(/[^\d]/g, ""));
  const all = await count("all");
  const parts = await Promise.all(["enabled", "onboarding", "restricted", "rejected"].map(count));
  expect(parts.reduce((sum, n) => sum + n, 0)).toBe(all);
  await expect(page.getByTestId("accounts-total")).toContainText(
    `${all.toLocaleString("en-US")} accounts in all`,
  );

  // A chip sets the filter, and the dropdown says the same.
  await page
    .getByRole("navigation", { name: "Quick filters" })
    .getByRole("link", { name: /Enabled/ })
    .click();
  await page.waitForURL((url) => url.searchParams.get("filter") === "enabled");
  await expect(page.getByLabel("Status")).toHaveValue("enabled");
  await page.getByRole("navigation", { name: "Quick filters" }).getByRole("link", { name: /All/ }).click();
  await page.waitForURL((url) => !url.searchParams.has("filter"));
  await expect(page.getByLabel("Status")).toHaveValue("");

  // Next twice, then Previous twice, comes back through the same pages; the first page has no Previous.
  const table = page.getByTestId("accounts-table");
  const firstRow = table.locator("tbody tr").first();
  const firstPage = await table.locator("tbody tr").allTextContents();
  await expect(page.getByTestId("accounts-previous")).toHaveCount(0);
  await page.getByTestId("accounts-next").click();
  await expect(firstRow).not.toHaveText(firstPage[0] ?? "");
  const secondPage = await table.locator("tbody tr").allTextContents();
  await page.getByTestId("accounts-next").click();
  await expect(firstRow).not.toHaveText(secondPage[0] ?? "");
  await page.getByTestId("accounts-previous").click();
  await expect(firstRow).toHaveText(secondPage[0] ?? "");
  expect(await table.locator("tbody tr").allTextContents()).toEqual(secondPage);
  await page.getByTestId("accounts-previous").click();
  await expect(firstRow).toHaveText(firstPage[0] ?? "");
  expect(await table.locator("tbody tr").allTextContents()).toEqual(firstPage);
  await expect(page.getByTestId("accounts-previous")).toHaveCount(0);
}
