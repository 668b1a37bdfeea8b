import { existingAccount } from "../../support/existing-accounts";
import { linkTo, waitForMail } from "../../support/mailbox";
import { expect, signInAs, test } from "./fixtures";

test("an admin invites an existing account's owner, who reaches the dashboard from the mail", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  // An account the platform had before Portico: at Stripe, mirrored by `npm run stripe:sync`, with no business.
  const account = await existingAccount({ businessName: "Willow Ceramics" });

  await signInAs(page, "admin");
  await page.goto(`/admin/accounts/${account.id}`);
  const owner = page.getByTestId("account-owner");
  await expect(owner.getByText("Invite the person who runs this business")).toBeVisible();
  // Prefilled from the mirror: the account's email and its name at Stripe.
  await expect(owner.getByLabel("Owner's email")).toHaveValue(account.email);
  await expect(owner.getByLabel("Business name")).toHaveValue("Willow Ceramics");
  const since = Date.now() - 1000;
  await owner.getByRole("button", { name: "Invite the owner" }).click();
  const invitation = owner.getByTestId("owner-invitation");
  await expect(invitation).toContainText(account.email);
  await expect(invitation.getByTestId("owner-invitation-status")).toContainText("Mailed");

  // The owner opens the mail's link in their own browser (read from the sandbox's mail catcher).
  const mail = await waitForMail(account.email, {
    since,
    match: (m) => linkTo(m, "/invite") !== null && m.subject.includes("Willow Ceramics"),
  });
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
  // The dashboard is that account's: its embedded components load on it.
  await expect(ownerPage.locator("stripe-connect-payments").first()).toBeVisible();
  await ownerContext.close();

  // Back in the console, the account now has its business and owner.
  await page.reload();
  await expect(page.getByTestId("account-members")).toContainText("Wren Willow");
  await expect(page.getByTestId("account-owner")).toHaveCount(0);
});
