import { randomInt } from "node:crypto";
import { freshTotpCode } from "../../support/totp-codes";
import { addVirtualAuthenticator, expect, signInAsStaffCopy, submitFreshCode, test } from "./fixtures";

test("an admin invites a staff member with a fresh code and makes them admin with a passkey", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await addVirtualAuthenticator(page);
  // A copy of the demo admin: its codes are this test's own (sign-in, the passkey, the invitation).
  const staff = await signInAsStaffCopy(page, "admin");
  await page.goto("/admin/settings");
  const passkeys = page.getByTestId("passkeys");
  await passkeys.getByRole("button", { name: "Add a passkey" }).click();
  await passkeys.getByLabel("Name").fill("Test laptop");
  await passkeys
    .getByLabel("Current code from your authenticator app")
    .fill(await freshTotpCode(staff.totpSecret, staff.email));
  await passkeys.getByRole("button", { name: "Create passkey" }).click();
  await expect(passkeys.getByText("Passkey added.")).toBeVisible();

  // Inviting makes someone staff: a reason and a fresh code.
  await page.goto("/admin/staff");
  const invite = page.getByTestId("staff-invite");
  const email = `e2e-support-${Date.now().toString(36)}-${randomInt(1e6)}@example.test`;
  await invite.getByLabel("Email").fill(email);
  await invite.getByLabel("Name").fill("Noor Support");
  await invite.getByLabel("Reason").fill("Access review SEC-301: new support hire");
  const send = invite.getByRole("button", { name: "Send the invitation" });
  await send.click();
  await expect(invite.getByText("Enter the current code from your authenticator app.")).toBeVisible();
  const code = invite.getByLabel("Code from your authenticator app");
  await expect(code).toHaveAttribute("autocomplete", "one-time-code");
  await submitFreshCode(
    page,
    staff.totpSecret,
    code,
    send,
    () => invite.getByText(`Invitation mailed to ${email}.`).waitFor(),
    staff.email,
  );
  await expect(code).toHaveValue("");

  // Making them admin: the row's action form, confirmed with the passkey once the form is complete.
  const row = page.locator(`[data-testid="staff-row"][data-email="${email}"]`);
  await row.getByRole("button", { name: "Make admin" }).click();
  const form = row.getByTestId("staff-makeAdmin-form");
  await expect(form.getByLabel("Code from your authenticator app")).toBeVisible();
  const withPasskey = form.getByRole("button", { name: "Confirm with a passkey" });
  await withPasskey.click();
  await expect(form.getByText(/Give a reason of at least/)).toBeVisible();
  await form.getByLabel("Reason").fill("Access review SEC-301: covers on-call");
  await withPasskey.click();
  await expect(page.getByTestId("staff-notice")).toHaveText(`${email} is now an admin.`);
  await expect(row.getByRole("button", { name: "Make support" })).toBeVisible();
});
