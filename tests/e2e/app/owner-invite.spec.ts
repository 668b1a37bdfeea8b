import { existingAccount } from "../../support/existing-accounts";
import { linkTo, waitForMail, type CaughtMail } from "../../support/mailbox";
import { wrongTotpCode } from "../../support/totp-codes";
import { expect, signInAsStaffCopy, submitFreshCode, test } from "./fixtures";

test("an admin invites an existing account's owner with a fresh code, resends it, and the owner reaches the dashboard from the mail", async ({
  page,
  browser,
  expectedErrors,
}) => {
  expectedErrors.allow(
    /status of 403 .* @ https?:\/\/[^/]+\/api\/admin\/accounts\/acct_\w+\/owner-invitation$/,
    "a wrong step-up code is refused",
  );
  test.setTimeout(120_000);
  // An account the platform had before Portico: at Stripe, mirrored by `npm run stripe:sync`, with no business.
  const account = await existingAccount({ businessName: "Willow Ceramics" });

  // A copy of the demo admin: its codes are this test's own (sign-in, the invitation, the resend).
  const staff = await signInAsStaffCopy(page, "admin");
  await page.goto(`/admin/accounts/${account.id}`);
  const owner = page.getByTestId("account-owner");
  await expect(owner.getByText("Invite the person who runs this business")).toBeVisible();
  // Prefilled from the mirror: the account's email and its name at Stripe.
  await expect(owner.getByLabel("Owner's email")).toHaveValue(account.email);
  await expect(owner.getByLabel("Business name")).toHaveValue("Willow Ceramics");

  // Handing the account to someone takes a step-up: a wrong code is refused under its field, and not kept.
  const code = owner.getByLabel("Code from your authenticator app");
  await expect(code).toHaveAttribute("autocomplete", "one-time-code");
  const inviteButton = owner.getByRole("button", { name: "Invite the owner" });
  await inviteButton.click();
  await expect(owner.getByText("Enter the current code from your authenticator app.")).toBeVisible();
  await code.fill(wrongTotpCode(staff.totpSecret));
  await inviteButton.click();
  await expect(owner.getByText("That code is not right.")).toBeVisible();
  await expect(code).toHaveValue("");
  await expect(code).toBeFocused();
  await expect(owner.getByTestId("owner-invitation")).toHaveCount(0);

  const since = Date.now() - 1000;
  const invitation = owner.getByTestId("owner-invitation");
  await submitFreshCode(page, staff.totpSecret, code, inviteButton, () => invitation.waitFor(), staff.email);
  await expect(invitation).toContainText(account.email);
  await expect(invitation.getByTestId("owner-invitation-status")).toContainText("Mailed");
  const isInvitation = (m: CaughtMail) =>
    linkTo(m, "/invite") !== null && m.subject.includes("Willow Ceramics");
  const first = await waitForMail(account.email, { since, match: isInvitation });

  // Resending mails a new link: the shared action form asks for a code too.
  await invitation.getByRole("button", { name: "Resend" }).click();
  const resend = invitation.getByTestId("owner-resend-form");
  await submitFreshCode(
    page,
    staff.totpSecret,
    resend.getByLabel("Code from your authenticator app"),
    resend.getByRole("button", { name: "Mail a new link" }),
    () => owner.getByText(`A new link was mailed to ${account.email}.`).waitFor(),
    staff.email,
  );
  const mail = await waitForMail(account.email, {
    since,
    match: (m) => isInvitation(m) && m.id !== first.id,
  });

  // The owner opens the mail's link in their own browser (read from the sandbox's mail catcher).
  const link = linkTo(mail, "/invite");
  if (!link) throw new Error("no invitation link");
  const ownerContext = await browser.newContext();
  const ownerPage = await ownerContext.newPage();
  await ownerPage.goto(new URL(`${link.pathname}${link.search}`, page.url()).toString());
  await expect(ownerPage.getByRole("heading", { name: "Join Willow Ceramics" })).toBeVisible();
  await ownerPage.getByLabel("Your name").fill("Wren Willow");
  await ownerPage.getByLabel("Password").fill("willow-clay-password");
  await ownerPage.getByRole("button", { name: "Create my account and join" }).click();
  await ownerPage.waitForURL((url) => url.pathname === "/");
  await expect(ownerPage.getByRole("heading", { name: "Welcome, Wren" })).toBeVisible();
  // The dashboard is that account's: it has taken no payment yet, so Home is the first run, with the business's
  // own checkout link, and the account's embedded components load on it.
  const firstRun = ownerPage.getByTestId("first-run");
  await expect(firstRun.getByRole("textbox", { name: "Your checkout link" })).toHaveValue(
    /\/pay\/willow-ceramics/,
  );
  await expect(ownerPage.locator("stripe-connect-notification-banner")).toHaveCount(1);
  await ownerContext.close();

  // Back in the console, the account now has its business and owner.
  await page.reload();
  await expect(page.getByTestId("account-members")).toContainText("Wren Willow");
  await expect(page.getByTestId("account-owner")).toHaveCount(0);
});
