import { freshTotpCode } from "../../support/totp-codes";
import {
  addVirtualAuthenticator,
  DEMO_PASSWORD,
  expect,
  openAcmeInConsole,
  signInAsStaffCopy,
  signOut,
  test,
} from "./fixtures";

test("a staff member adds a passkey in Settings, signs in with it and opens a view with it", async ({
  page,
  expectedErrors,
}) => {
  // Stop logs the Connect instance out before leaving the account's pages: a component's request already on its
  // way may then be refused by the sandbox (its session has ended).
  expectedErrors.allowFailedLoad(401, "/_sandbox/connect/v1/account", "a request made as the view stops");
  await addVirtualAuthenticator(page);
  const staff = await signInAsStaffCopy(page, "support");

  await page.goto("/admin/settings");
  const card = page.getByTestId("passkeys");
  await expect(card).toContainText("No passkeys yet.");
  await card.getByRole("button", { name: "Add a passkey" }).click();
  await card.getByLabel("Name").fill("Test laptop");
  await card
    .getByLabel("Current code from your authenticator app")
    .fill(await freshTotpCode(staff.totpSecret, staff.email));
  await card.getByRole("button", { name: "Create passkey" }).click();
  await expect(card.getByText("Passkey added.")).toBeVisible();
  await expect(card).toContainText("Test laptop");
  await expect(card).toContainText("never used");

  // The next sign-in: the password, then the passkey instead of a code.
  await signOut(page);
  await page.getByLabel("Email").fill(staff.email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL("**/two-factor");
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await page.waitForURL((url) => url.pathname === "/admin");

  // A view's step-up with the passkey: no code typed.
  await openAcmeInConsole(page);
  const panel = page.getByTestId("impersonate-panel");
  await panel.getByRole("textbox", { name: "Reason" }).fill("Ticket 9001: payouts look wrong");
  await panel.getByRole("checkbox").check();
  await panel.getByRole("button", { name: "Confirm with a passkey" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.getByTestId("impersonation-banner")).toContainText("Viewing as Acme Bikes");
  await page.getByTestId("impersonation-banner").getByRole("button", { name: "Stop" }).click();
  await page.waitForURL(/\/admin\/accounts\/acct_/);

  // It shows as used, and its owner removes it.
  await page.goto("/admin/settings");
  await expect(card).toContainText("last used");
  page.once("dialog", (dialog) => void dialog.accept());
  await card.getByRole("button", { name: "Remove" }).click();
  await expect(card).toContainText("No passkeys yet.");
});
