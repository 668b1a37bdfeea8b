import { randomInt } from "node:crypto";
import { openTestDatabase } from "../../support/test-db";
import { hasLinkTo, linkTo, waitForMail } from "../../support/mailbox";
import { freshTotpCode } from "../../support/totp-codes";
import { expect, signIn, signOut, signUpInBrowser, test } from "./fixtures";

const uniqueEmail = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${randomInt(1e6)}@example.test`;

test("forgot password: the mailed link sets a new password and signs the owner in; the old one stops working", async ({
  page,
  expectedErrors,
}) => {
  expectedErrors.allowFailedLoad(401, "/api/auth/sign-in/email", "the old password is refused");
  const email = uniqueEmail("forgetful");
  await signUpInBrowser(page, {
    name: "Fay Forgetful",
    business: "Fay's Flowers",
    email,
    password: "first-password-1",
  });
  await signOut(page);

  await page.getByRole("link", { name: "Forgot password?" }).click();
  await page.waitForURL("**/forgot-password");
  const since = Date.now();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Mail me a link" }).click();
  await expect(page.getByText("Check your inbox")).toBeVisible();

  const mail = await waitForMail(email, { since, match: hasLinkTo("/reset-password") });
  expect(mail.subject).toMatch(/password/i);
  const link = linkTo(mail, "/reset-password");
  if (!link) throw new Error("no reset link");
  await page.goto(link.pathname + link.search);
  await page.getByLabel("New password").fill("second-password-2");
  await page.getByRole("button", { name: "Save and sign in" }).click();
  await page.waitForURL(
    (url) => !url.pathname.startsWith("/reset-password") && !url.pathname.startsWith("/login"),
  );
  await expect(page.getByTestId("sign-out").first()).toBeVisible();

  // The link is spent, and only the new password signs in.
  await page.goto(link.pathname + link.search);
  await expect(page.getByText("This link cannot be used")).toBeVisible();
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("first-password-1");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("The email or password is incorrect.")).toBeVisible();
  await signIn(page, email, "second-password-2", undefined);
  await expect(page.getByTestId("sign-out").first()).toBeVisible();
});

test("a new staff member sets up TOTP at first sign-in, keeps the recovery codes and opens the console", async ({
  page,
  expectedErrors,
}) => {
  expectedErrors.allowFailedLoad(403, "/api/second-factor/confirm", "a wrong set-up code is refused");
  expectedErrors.allowFailedLoad(403, "/api/second-factor/verify", "a used recovery code is refused");
  const email = uniqueEmail("new-staff");
  const password = "staff-password-1";
  await signUpInBrowser(page, { name: "Nia New", business: "Nia Temp", email, password });
  await signOut(page);
  // The platform makes them support staff (as `npm run staff:create` or the staff page would).
  const db = openTestDatabase();
  try {
    const user = await db.db
      .selectFrom("user")
      .select("id")
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    await db.db.updateTable("user").set({ role: "support" }).where("id", "=", user.id).execute();
    await db.db.deleteFrom("memberships").where("user_id", "=", user.id).execute();
  } finally {
    await db.close();
  }

  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // The password alone opens nothing: the console waits behind the second factor's set-up.
  await page.waitForURL("**/two-factor");
  await expect(page.getByRole("heading", { name: "Set up your second factor" })).toBeVisible();
  await page.goto("/admin");
  await page.waitForURL("**/two-factor");

  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel("Code", { exact: true }).fill("000000");
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByText("That code is not right.").first()).toBeVisible();
  await page.getByLabel("Code", { exact: true }).fill(await freshTotpCode(secret, email));
  await page.getByRole("button", { name: "Confirm" }).click();

  await expect(page.getByText("Your second factor is set up.")).toBeVisible();
  const codes = page.getByTestId("recovery-codes").getByRole("listitem");
  await expect(codes).toHaveCount(10);
  await expect(codes.first()).toHaveText(/^[0-9a-f]{6}-[0-9a-f]{6}$/);
  const recovery = (await codes.first().textContent()) ?? "";
  await page.getByRole("button", { name: /I have saved them/ }).click();
  await page.waitForURL("**/admin");
  await expect(page.getByRole("heading", { name: "Platform console" })).toBeVisible();

  // Lost phone: the next sign-in takes a recovery code instead, once.
  for (const expected of ["console", "refused"] as const) {
    await page.context().clearCookies();
    await page.goto("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL("**/two-factor");
    await expect(page.getByRole("heading", { name: "Enter your code" })).toBeVisible();
    await page.getByLabel("Code", { exact: true }).fill(recovery);
    await page.getByRole("button", { name: "Continue" }).click();
    if (expected === "console") {
      await page.waitForURL("**/admin");
    } else {
      await expect(page.getByText("That code is not right.").first()).toBeVisible();
    }
  }
});
