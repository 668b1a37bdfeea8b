import { randomInt } from "node:crypto";
import type { Page } from "@playwright/test";
import QRCode from "qrcode";
import { fillSandboxOnboarding } from "../../support/onboarding";
import { openTestDatabase } from "../../support/test-db";
import {
  accountSessionCount,
  expect,
  openFirstPayment,
  openFromSidebar,
  sidebar,
  signIn,
  signOut,
  test,
  signInAs,
  signUpInBrowser,
} from "./fixtures";
import { clickBelowComponents, componentsDrawn, connectFrame } from "../../support/connect-frames";
import { accountSessionRequests, emulatorUrl } from "../../support/emulator-client";
import { connectedAccountsApiInForce } from "../../../scripts/lib/emulator";

/**
 * Signs a new business up with a fresh address (`prefix`-…), fills the sandbox onboarding and clicks Done; answers the
 * address once onExit has brought the owner back to Home.
 */
async function signUpAndOnboard(
  page: Page,
  prefix: string,
  person: { name: string; business: string; password: string; website: string },
): Promise<string> {
  const email = `${prefix}-${Date.now()}-${randomInt(1e6)}@example.test`;
  await signUpInBrowser(page, {
    name: person.name,
    business: person.business,
    email,
    password: person.password,
  });
  const ob = connectFrame(page, "account-onboarding");
  await fillSandboxOnboarding(ob, { email, website: person.website });
  await ob.getByRole("button", { name: "Done" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  return email;
}

/** The connected account of the business whose owner has this email, as Stripe reports it on the model in force. */
async function onboardedAccount(email: string): Promise<{ id: string; enabled: boolean; model: string }> {
  const handle = openTestDatabase();
  try {
    const row = await handle.db
      .selectFrom("user")
      .innerJoin("memberships", "memberships.user_id", "user.id")
      .innerJoin("tenants", "tenants.id", "memberships.tenant_id")
      .select("tenants.stripe_account_id")
      .where("user.email", "=", email)
      .executeTakeFirstOrThrow();
    const id = row.stripe_account_id ?? "";
    const model = connectedAccountsApiInForce();
    const auth = { authorization: "Bearer sk_test_portico_sandbox" };
    if (model === "v2") {
      const url = new URL(`/v2/core/accounts/${id}`, emulatorUrl());
      url.searchParams.append("include[0]", "configuration.merchant");
      url.searchParams.append("include[1]", "requirements");
      const account = (await (await fetch(url, { headers: auth })).json()) as {
        configuration?: { merchant?: { capabilities?: { card_payments?: { status?: string } } } };
        requirements?: { summary?: { minimum_deadline?: { status?: string } | null } | null };
      };
      const cardPayments = account.configuration?.merchant?.capabilities?.card_payments?.status;
      const due = account.requirements?.summary?.minimum_deadline?.status;
      return { id, enabled: cardPayments === "active" && !due, model };
    }
    const account = (await (
      await fetch(new URL(`/v1/accounts/${id}`, emulatorUrl()), { headers: auth })
    ).json()) as {
      charges_enabled?: boolean;
      payouts_enabled?: boolean;
    };
    return { id, enabled: account.charges_enabled === true && account.payouts_enabled === true, model };
  } finally {
    await handle.close();
  }
}

/** The slug of the business `email` owns, as Portico stored it. */
async function slugOf(email: string): Promise<string> {
  const db = openTestDatabase();
  try {
    const row = await db.db
      .selectFrom("tenants")
      .innerJoin("memberships", "memberships.tenant_id", "tenants.id")
      .innerJoin("user", "user.id", "memberships.user_id")
      .select("tenants.slug")
      .where("user.email", "=", email)
      .executeTakeFirstOrThrow();
    return row.slug;
  } finally {
    await db.close();
  }
}

test("a new business signs up, onboards, gets a first-run Home, and its first payment turns it into the usual one @both-models", async ({
  page,
  context,
}) => {
  const email = await signUpAndOnboard(page, "shop", {
    name: "Omar Owner",
    business: "Omar's Olives",
    password: "olive-oil-password",
    website: "https://olives.example",
  });
  // onExit → the dashboard, which now knows the account is onboarded and has no payment yet.
  await expect(page.getByRole("heading", { name: "Welcome, Omar" })).toBeVisible();
  // The account made on the model in force (Accounts v2 by default) ends enabled, as Stripe reports it.
  await expect.poll(async () => (await onboardedAccount(email)).enabled, { timeout: 10_000 }).toBe(true);
  expect((await onboardedAccount(email)).id).toMatch(/^acct_/);
  const firstRun = page.getByTestId("first-run");
  await expect(firstRun.getByRole("heading", { name: "Get ready for your first payment" })).toBeVisible();
  // The next step, from what Stripe says of the account (the sandbox verifies at once: nothing is due now).
  await expect(firstRun).toContainText("Done: your account can take payments.");
  // No empty payments list and no zero balance: the first run shows what to do instead.
  await expect(page.locator("stripe-connect-payments")).toHaveCount(0);
  await expect(page.locator("stripe-connect-balances")).toHaveCount(0);

  // The public checkout page, to share: the link (copied on request), a QR code of it, and it opens.
  const link = firstRun.getByRole("textbox", { name: "Your checkout link" });
  const checkoutUrl = await link.inputValue();
  expect(new URL(checkoutUrl).pathname).toBe(`/pay/${await slugOf(email)}`);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await firstRun.getByRole("button", { name: "Copy link" }).click();
  await expect(firstRun.getByRole("status").filter({ hasText: "Link copied." })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(checkoutUrl);
  // The code drawn is the checkout URL's: the same modules as the qrcode library draws for it here.
  const expectedQr = await QRCode.toString(checkoutUrl, {
    type: "svg",
    margin: 1,
    errorCorrectionLevel: "M",
  });
  const modules = (svg: string) => [...svg.matchAll(/ d="([^"]+)"/g)].map((match) => match[1]);
  const qr = firstRun.getByRole("img", { name: "QR code of your checkout link" });
  expect(modules(expectedQr).length).toBeGreaterThan(0);
  expect(modules(await qr.innerHTML())).toEqual(modules(expectedQr));
  const checkout = await page.request.get(checkoutUrl);
  expect(checkout.status()).toBe(200);
  expect(await checkout.text()).toContain("Pay Omar&#x27;s Olives");
  // What happens next, with the account's own payout schedule.
  await expect(firstRun.getByRole("heading", { name: "After your first payment" })).toBeVisible();
  await expect(firstRun).toContainText("Its funds go to your balance");
  await expect(firstRun).toContainText(/Payouts (then send|are manual)|Your payouts are manual/);

  // A first (test) payment: the page says what it made and becomes the usual Home, with no reload.
  await page.evaluate(() => Object.assign(window, { stillThisPage: true }));
  const sessions = await accountSessionCount();
  await componentsDrawn(page);
  await clickBelowComponents(
    page.getByTestId("test-data-panel").getByRole("button", { name: "Successful payment" }),
  );
  const created = page.getByText(/^A payment of \$[\d,.]+ succeeded\./);
  await expect(created).toBeVisible();
  const amount = /\$[\d,.]+/.exec((await created.textContent()) ?? "")?.[0] ?? "";
  await expect(page.getByTestId("first-run")).toHaveCount(0);
  await expect(connectFrame(page, "payments").locator("tr", { hasText: amount }).first()).toContainText(
    "Succeeded",
  );
  expect(await page.evaluate(() => "stillThisPage" in window)).toBe(true);
  expect(await accountSessionCount()).toBe(sessions);
});

test("the test-data buttons say what they made, in the account's currency, and the page's lists refresh themselves", async ({
  page,
}) => {
  await signInAs(page, "owner");
  await componentsDrawn(page);
  const panel = page.getByTestId("test-data-panel");
  await expect(panel.getByRole("button", { name: "Payout of $10.00" })).toBeVisible();
  await page.evaluate(() => Object.assign(window, { stillThisPage: true }));
  const sessions = await accountSessionCount();

  await clickBelowComponents(panel.getByRole("button", { name: "Successful payment" }));
  const created = page.getByText(/^A payment of \$[\d,.]+ succeeded\./);
  await expect(created).toBeVisible();
  const amount = /\$[\d,.]+/.exec((await created.textContent()) ?? "")?.[0] ?? "";
  // The Payments component on the page loads again by itself: the new payment is at the top.
  const payments = connectFrame(page, "payments");
  await expect(payments.locator("tbody tr").first()).toContainText(amount);

  await clickBelowComponents(panel.getByRole("button", { name: "Declined payment" }));
  const declined = page.getByText(/^A payment of \$[\d,.]+ was declined \(Your card was declined\.\)/);
  await expect(declined).toBeVisible();
  // Its row arrives in the list above the panel, moving the panel down: click the next button once it has settled.
  const declinedAmount = /\$[\d,.]+/.exec((await declined.textContent()) ?? "")?.[0] ?? "";
  await expect(payments.locator("tbody tr").first()).toContainText(declinedAmount);
  await componentsDrawn(page);

  await clickBelowComponents(panel.getByRole("button", { name: "Payout of $10.00" }));
  await expect(page.getByText("A payout of $10.00 was created")).toBeVisible();
  await componentsDrawn(page);
  // The payouts list shows it at once too (a client-side navigation: same page, same Account Session).
  await openFromSidebar(page, "Payouts");
  await expect(connectFrame(page, "payouts").getByText("$10.00").first()).toBeVisible();

  expect(await page.evaluate(() => "stillThisPage" in window)).toBe(true);
  expect(await accountSessionCount()).toBe(sessions);
});

test("the owner refunds a payment", async ({ page }) => {
  test.setTimeout(90_000);
  await signInAs(page, "owner");
  await componentsDrawn(page);
  await clickBelowComponents(
    page.getByTestId("test-data-panel").getByRole("button", { name: "Successful payment" }),
  );
  await expect(page.getByText(/^A payment of \$[\d,.]+ succeeded\./)).toBeVisible();
  await openFromSidebar(page, "Payments");
  const payments = connectFrame(page, "payments");
  // The list may refresh while its data settles and take an open dialog with it: start over until the refund is in.
  await expect(async () => {
    const dialog = await openFirstPayment(payments);
    await dialog.getByRole("button", { name: "Refund", exact: true }).click({ timeout: 5_000 });
    await dialog.getByRole("button", { name: "Refund", exact: true }).click({ timeout: 5_000 });
    await dialog.getByRole("button", { name: "Confirm refund" }).click({ timeout: 5_000 });
    await expect(dialog.getByRole("status")).toContainText("Refund created.", { timeout: 5_000 });
    await dialog.getByRole("button", { name: "Close" }).click({ timeout: 5_000 });
  }).toPass({ timeout: 40_000 });
  await expect(payments.locator("tr", { hasText: "Refunded" }).first()).toBeVisible();
});

test("staff see no payout actions, and the account only as a read-only summary", async ({ page }) => {
  await signInAs(page, "staff");
  const nav = sidebar(page);
  await expect(nav.getByRole("link", { name: "Payments" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Tax" })).toHaveCount(0);
  await nav.getByRole("link", { name: "Payouts" }).click();
  const payouts = connectFrame(page, "payouts");
  await expect(payouts).toBeVisible();
  await expect(payouts.getByText("Available").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Pay out now" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Instant payout" })).toHaveCount(0);
  await nav.getByRole("link", { name: "Account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  const summary = page.getByTestId("account-summary");
  await expect(summary).toContainText("Only the business's owner can change these details.");
  await expect(summary).toContainText("Acme Bikes");
  await expect(page.locator("stripe-connect-account-management")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Edit/ })).toHaveCount(0);
});

test("a viewer sees no refund button", async ({ page }) => {
  await signInAs(page, "viewer");
  await openFromSidebar(page, "Payments");
  const payments = connectFrame(page, "payments");
  const dialog = await openFirstPayment(payments);
  await expect(dialog.getByRole("button", { name: "Close" })).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Refund", exact: true })).toHaveCount(0);
  await expect(page.getByTestId("test-data-panel")).toHaveCount(0);
});

test("in-app navigation across five pages creates no new Account Session", async ({ page }) => {
  await signInAs(page, "otherOwner");
  await expect(page.locator("stripe-connect-payments")).toBeVisible();
  const before = await accountSessionCount();
  for (const name of ["Payments", "Payouts", "Balances", "Reports", "Documents"]) {
    await sidebar(page).getByRole("link", { name }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByTestId("connect-frame").first()).toBeVisible();
  }
  await page.waitForTimeout(500);
  expect(await accountSessionCount()).toBe(before);
});

test("theme and locale switch live, with no new Account Session", async ({ page }) => {
  await signInAs(page, "otherOwner");
  await sidebar(page).getByRole("link", { name: "Balances" }).click();
  await expect(page.locator("stripe-connect-balances")).toBeVisible();
  await sidebar(page).getByRole("link", { name: "Settings" }).click();
  const before = await accountSessionCount();

  await page.getByLabel("Dark").check();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await page.getByLabel("Light").check();
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);

  await page.locator("#locale").selectOption("fr");
  await expect(sidebar(page).getByRole("link", { name: "Paiements" })).toBeVisible();
  await sidebar(page).getByRole("link", { name: "Soldes" }).click();
  await expect(connectFrame(page, "balances").getByText("Disponible").first()).toBeVisible();
  await page.waitForTimeout(500);
  expect(await accountSessionCount()).toBe(before);

  // Put the shared demo user back as it was.
  await sidebar(page).getByRole("link", { name: "Paramètres" }).click();
  await page.locator("#locale").selectOption("");
  await expect(sidebar(page).getByRole("link", { name: "Payments" })).toBeVisible();
  await page.getByLabel("Match my system").check();
});

test("sign-out logs the Connect instance out and Back shows nothing of the account", async ({ page }) => {
  await signInAs(page, "owner");
  await expect(connectFrame(page, "payments").locator("tr").first()).toBeVisible();
  const logout = page.waitForRequest((request) => request.url().includes("/_sandbox/connect/v1/logout"));
  await signOut(page);
  await logout;
  await page.goBack();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.locator("stripe-connect-payments")).toHaveCount(0);
});

test("a customer pays Acme with 4242 and the payment shows in Acme's payments; a declined card shows its error", async ({
  page,
  browser,
  expectedErrors,
}) => {
  expectedErrors.allow(
    /status of 402 .* @ https?:\/\/[^/]+\/_sandbox\/js\/v1\/payment_intents\/pi_\w+\/confirm$/,
    "the declined card is refused (402)",
  );
  const amount = `${randomInt(11, 99)}.${randomInt(10, 99)}`;
  await page.goto("/pay/acme-bikes");
  await expect(page.getByRole("heading", { name: "Pay Acme Bikes" })).toBeVisible();
  await page.getByLabel(/Amount/).fill(amount);
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await page.getByLabel("Card number").fill("4000 0000 0000 0002");
  await page.getByLabel("Expiration date").fill("12 / 34");
  await page.getByLabel("Security code").fill("123");
  await page.getByLabel("ZIP code").fill("94105");
  await page.getByRole("button", { name: /^Pay / }).click();
  await expect(page.getByRole("alert").filter({ hasText: "declined" })).toHaveText("Your card was declined.");

  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByRole("button", { name: /^Pay / }).click();
  await expect(page.getByTestId("payment-success")).toBeVisible();

  const owner = await browser.newPage();
  await owner.route("**/*", (route) => route.continue());
  await signIn(owner, "owner@acme.test");
  await owner.goto("/payments");
  await expect(connectFrame(owner, "payments").getByText(`$${amount}`).first()).toBeVisible();
  await owner.close();
});

test("a page for an unknown business is a 404 and the checkout reveals nothing else", async ({
  page,
  expectedErrors,
}) => {
  expectedErrors.allowFailedLoad(404, "/pay/no-such-business", "an unknown business's page is a 404");
  const response = await page.goto("/pay/no-such-business");
  expect(response?.status()).toBe(404);
  await page.goto("/pay/acme-bikes");
  await expect(page.getByTestId("current-user")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText("owner@acme.test");
});

test("the notification banner's count badges the Account link, and the components get the shell's font", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const fontRequests: string[] = [];
  page.on("requestfinished", (request) => {
    if (request.url().includes("/_portico/fonts/")) fontRequests.push(request.url());
  });
  await signUpAndOnboard(page, "badge", {
    name: "Nora Notice",
    business: "Nora's Nuts",
    password: "nutty-notice-password",
    website: "https://nuts.example",
  });
  const nav = sidebar(page);
  // A new business with no payment yet: Home is the first run (no balances yet), the banner has nothing to say.
  await expect(page.getByTestId("first-run")).toBeVisible();
  await componentsDrawn(page);
  await expect(nav.getByTestId("nav-notification-badge")).toHaveCount(0);

  // Stripe asks for a verification document: the banner reports it, and the navigation says so too.
  const session = (await accountSessionRequests()).at(-1);
  const account = String(session?.params.account);
  const restricted = await fetch(new URL(`/_emulator/accounts/${account}/state`, emulatorUrl()), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ state: "restricted" }),
  });
  expect(restricted.status).toBe(200);
  await page.reload();
  const badge = nav.getByTestId("nav-notification-badge");
  await expect(badge).toHaveText("1");
  await expect(badge).toHaveAccessibleName("1 account notification, 1 needs action");
  // The count stays on the navigation away from Home (the banner is not on the Payments page).
  await openFromSidebar(page, "Payments");
  await expect(badge).toHaveText("1");
  // The shell's Inter reached the component frames through `fonts`, served with CORS.
  expect(fontRequests.length).toBeGreaterThan(0);
  const font = await page.request.get(fontRequests[0] ?? "");
  expect(font.headers()["access-control-allow-origin"]).toBe("*");
});
