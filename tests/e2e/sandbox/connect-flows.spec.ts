/** Real behaviour end to end: refund, onboarding, payouts, banner, account management, tax. */
import { expect, test } from "@playwright/test";
import {
  PUBLISHABLE_KEY,
  allComponents,
  chargeOf,
  createAccount,
  createPayment,
  startHarness,
  type Harness,
} from "./fixtures/harness";
import { dialogOf, eventsNamed, inFrame, ready, waitForEvent } from "./fixtures/page-helpers";
import { fillSandboxOnboarding } from "../../support/onboarding";

let h: Harness;

test.beforeAll(async () => {
  h = await startHarness();
});

test.afterAll(async () => {
  await h?.close();
});

function availableUsd(balance: { available: Array<{ amount: number; currency: string }> }): number {
  return balance.available.find((a) => a.currency === "usd")?.amount ?? 0;
}

test("a refund changes the payment's status and the balance", async ({ page }) => {
  const account = await createAccount(h, { enabled: true });
  const pi = await createPayment(h, account, 5000, {
    email: "refund@example.com",
    description: "Wedding cake",
  });
  const chargeId = chargeOf(pi);
  const balanceBefore = availableUsd(await h.stripe.balance.retrieve({}, { stripeAccount: account }));
  h.setSession(account, allComponents());
  h.setConfig({
    mode: "connect",
    publishableKey: PUBLISHABLE_KEY,
    components: [{ tag: "balances" }, { tag: "payments" }],
  });
  await page.goto(h.pageUrl);
  const payments = inFrame(page, "payments");
  const balances = inFrame(page, "balances");
  await expect(ready(page, "payments")).toHaveCount(1);
  await expect(payments.locator("tr", { hasText: "$50.00" })).toContainText("Succeeded");
  await expect(balances.locator('[data-balance="available"]')).toContainText(
    new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(balanceBefore / 100),
  );

  await payments.locator(`[data-payment="${chargeId}"]`).click();
  const dialog = dialogOf(page, "payments");
  await expect(dialog).toContainText("refund@example.com");
  await expect(dialog.getByRole("button", { name: "Close" })).toBeVisible();
  // Focus starts on the dialog's heading, not on an action.
  await expect(dialog.getByRole("heading", { name: "Payment details" })).toBeFocused();
  await dialog.getByRole("button", { name: "Refund", exact: true }).click();
  // An amount above what is left is refused with a clear message, before any call.
  await dialog.getByLabel(/Refund amount/).fill("60");
  await dialog.getByRole("button", { name: "Refund", exact: true }).click();
  await expect(dialog.getByLabel(/Refund amount/)).toHaveAccessibleDescription(
    /Enter an amount up to \$50\.00\./,
  );
  await dialog.getByLabel(/Refund amount/).fill("20");
  await dialog.getByRole("button", { name: "Refund", exact: true }).click();
  // Nothing is refunded before the confirmation.
  await expect(dialog).toContainText("Refund $20.00 to the customer?");
  expect((await h.stripe.charges.retrieve(chargeId, {}, { stripeAccount: account })).amount_refunded).toBe(0);
  await dialog.getByRole("button", { name: "Confirm refund" }).click();
  await expect(dialog.getByRole("status")).toContainText("Refund created.");
  await expect(dialog).toContainText("Partially refunded");
  // The refund is listed with its amount, date and status.
  const refundRows = dialog.getByRole("region", { name: "Refunds" }).locator("tbody tr");
  await expect(refundRows).toHaveCount(1);
  await expect(refundRows.first()).toContainText("$20.00");
  await expect(refundRows.first()).toContainText("Succeeded");
  // The net shown is the payment's net after the refund.
  const txn = await h.stripe.balanceTransactions.retrieve(
    String((await h.stripe.charges.retrieve(chargeId, {}, { stripeAccount: account })).balance_transaction),
    {},
    { stripeAccount: account },
  );
  const usd = (minor: number) =>
    new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(minor / 100);
  await expect(
    dialog.locator("dt", { hasText: /^Net$/ }).locator("xpath=following-sibling::dd[1]"),
  ).toHaveText(usd(txn.net - 2000));
  await dialog.press("Escape");
  await expect(dialogOf(page, "payments")).toHaveCount(0);
  await expect(payments.locator("tr", { hasText: "$50.00" })).toContainText("Partially refunded");

  const after = availableUsd(await h.stripe.balance.retrieve({}, { stripeAccount: account }));
  expect(after).toBe(balanceBefore - 2000);
  await expect(balances.locator('[data-balance="available"]')).toContainText(
    new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(after / 100),
  );
  const charge = await h.stripe.charges.retrieve(chargeId, {}, { stripeAccount: account });
  expect(charge.amount_refunded).toBe(2000);
});

test("the payments list names the customer: name, else email, else Guest", async ({ page }) => {
  const account = await createAccount(h, { enabled: true });
  await createPayment(h, account, 1100, { email: "ada@example.com" });
  const emailOnly = await h.stripe.customers.create({ email: "bo@example.com" }, { stripeAccount: account });
  await h.stripe.paymentIntents.create(
    { amount: 2200, currency: "usd", payment_method: "pm_card_visa", confirm: true, customer: emailOnly.id },
    { stripeAccount: account },
  );
  await createPayment(h, account, 3300);
  h.setSession(account, allComponents());
  h.setConfig({ mode: "connect", publishableKey: PUBLISHABLE_KEY, components: [{ tag: "payments" }] });
  await page.goto(h.pageUrl);
  const payments = inFrame(page, "payments");
  await expect(ready(page, "payments")).toHaveCount(1);
  const customerCell = (amount: string) => payments.locator("tr", { hasText: amount }).locator("td").nth(2);
  await expect(customerCell("$11.00")).toHaveText("ada");
  await expect(customerCell("$22.00")).toHaveText("bo@example.com");
  await expect(customerCell("$33.00")).toHaveText("Guest");
  await expect(payments).not.toContainText("cus_");
});

test("onboarding collects the due requirements and enables the account", async ({ page }) => {
  const account = await createAccount(h, { email: "new-seller@example.com" });
  const before = await h.stripe.accounts.retrieve(account);
  expect(before.charges_enabled).toBe(false);
  h.setSession(account, {
    account_onboarding: { enabled: true, features: { external_account_collection: true } },
  });
  h.setConfig({
    mode: "connect",
    publishableKey: PUBLISHABLE_KEY,
    components: [{ tag: "account-onboarding" }],
  });
  await page.goto(h.pageUrl);
  const ob = inFrame(page, "account-onboarding");

  await expect(ob.getByRole("heading", { name: "Business type" })).toBeVisible();
  await waitForEvent(page, "onStepChange");
  await fillSandboxOnboarding(ob, { email: "ada@example.com", website: "https://acme.example" });
  const steps = (await eventsNamed(page, "onStepChange")).map((e) => (e.arg as { step: string }).step);
  expect(steps).toEqual(["business_type", "business_details", "external_account", "tos", "summary"]);
  await ob.getByRole("button", { name: "Done" }).click();
  await waitForEvent(page, "onExit");

  const after = await h.stripe.accounts.retrieve(account);
  expect(after.details_submitted).toBe(true);
  expect(after.charges_enabled).toBe(true);
  expect(after.payouts_enabled).toBe(true);
  expect(after.requirements?.currently_due).toEqual([]);
});

test("onboarding validates each field specifically, goes Back, and keeps its step list across reloads", async ({
  page,
}) => {
  const account = await createAccount(h, { email: "checks@example.com" });
  h.setSession(account, {
    account_onboarding: { enabled: true, features: { external_account_collection: true } },
  });
  h.setConfig({
    mode: "connect",
    publishableKey: PUBLISHABLE_KEY,
    components: [{ tag: "account-onboarding" }],
  });
  await page.goto(h.pageUrl);
  const ob = inFrame(page, "account-onboarding");
  await expect(ob).toContainText("Step 1 of 5");
  await ob.getByLabel("Individual / sole proprietor").check();
  await ob.getByRole("button", { name: "Save and continue" }).click();
  await expect(ob.getByRole("heading", { name: "Business details" })).toBeVisible();
  await expect(ob).toContainText("Step 2 of 5");
  // The account's email is already filled in.
  await expect(ob.getByLabel("Email", { exact: true })).toHaveValue("checks@example.com");

  await ob.getByLabel("Date of birth").fill("2020-05-01");
  await ob.getByLabel("Last 4 digits of SSN").fill("12");
  await ob.getByLabel("Business website").fill("not a website");
  await ob.getByRole("button", { name: "Save and continue" }).click();
  await expect(ob.getByLabel("Date of birth")).toHaveAccessibleDescription(
    "The person must be at least 13 years old.",
  );
  await expect(ob.getByLabel("Last 4 digits of SSN")).toHaveAccessibleDescription(/^Enter the last 4 digits/);
  await expect(ob.getByLabel("Business website")).toHaveAccessibleDescription(
    /^Enter a valid website address/,
  );

  // Back to the business type, answered as saved; the step list is the same after a reload.
  await ob.getByRole("button", { name: "Back" }).click();
  await expect(ob.getByRole("heading", { name: "Business type" })).toBeVisible();
  await expect(ob.getByLabel("Individual / sole proprietor")).toBeChecked();
  await page.reload();
  await expect(ob.getByRole("heading", { name: "Business details" })).toBeVisible();
  await expect(ob).toContainText("Step 2 of 5");
  await expect(ob.getByRole("button", { name: "Back" })).toBeVisible();

  const fields: [string, string][] = [
    ["First name", "Ada"],
    ["Last name", "Lovelace"],
    ["Phone number", "+14155550123"],
    ["Address line 1", "1 Market St"],
    ["City", "San Francisco"],
    ["State", "CA"],
    ["ZIP / postal code", "94105"],
    ["Last 4 digits of SSN", "0000"],
    ["Business website", "https://acme.example"],
    ["Date of birth", "1990-01-15"],
  ];
  for (const [label, value] of fields) {
    const input = ob.getByLabel(label, { exact: true });
    if (await input.count()) await input.fill(value);
  }
  await ob.getByLabel("Industry").selectOption("5734");
  await ob.getByRole("button", { name: "Save and continue" }).click();
  await expect(ob.getByRole("heading", { name: "Payout bank account" })).toBeVisible();
  await ob.getByLabel("Account number").fill("000123456789");
  await ob.getByLabel("Routing number").fill("11000000");
  await ob.getByRole("button", { name: "Save and continue" }).click();
  await expect(ob.getByLabel("Routing number")).toHaveAccessibleDescription(
    "Enter a 9-digit routing number.",
  );
  await ob.getByLabel("Routing number").fill("110000001");
  await ob.getByRole("button", { name: "Save and continue" }).click();
  await expect(ob.getByLabel("Routing number")).toHaveAccessibleDescription(
    /^This routing number isn't valid/,
  );
  await ob.getByLabel("Routing number").fill("110000000");
  await ob.getByRole("button", { name: "Save and continue" }).click();
  await expect(ob.getByRole("heading", { name: "Terms of service" })).toBeVisible();
  await expect(ob).toContainText("Step 4 of 5");
});

test("onboarding honours skipTermsOfServiceCollection, collectionOptions and external_account_collection", async ({
  page,
}) => {
  const account = await createAccount(h);
  h.setSession(account, {
    account_onboarding: { enabled: true, features: { external_account_collection: false } },
  });
  h.setConfig({
    mode: "connect",
    publishableKey: PUBLISHABLE_KEY,
    components: [
      {
        tag: "account-onboarding",
        props: {
          skipTermsOfServiceCollection: true,
          collectionOptions: { fields: "currently_due", requirements: { exclude: ["business_type"] } },
        },
      },
    ],
  });
  await page.goto(h.pageUrl);
  const ob = inFrame(page, "account-onboarding");
  await expect(ob.getByRole("heading", { name: "Business details" })).toBeVisible();
  await expect(ob.getByRole("heading", { name: "Business type" })).toHaveCount(0);
  // Only business_profile fields are due before a business type is chosen; no bank or ToS steps follow.
  await ob.getByLabel("Industry").selectOption("5812");
  await ob.getByLabel("Business website").fill("https://bakery.example");
  await ob.getByRole("button", { name: "Save and continue" }).click();
  await expect(ob.locator('[data-step="summary"]')).toBeVisible();
  const steps = (await eventsNamed(page, "onStepChange")).map((e) => (e.arg as { step: string }).step);
  expect(steps).not.toContain("tos");
  expect(steps).not.toContain("external_account");
});

test("the notification banner lists outstanding requirements and reports counts", async ({ page }) => {
  const account = await createAccount(h);
  h.setSession(account, allComponents());
  h.setConfig({
    mode: "connect",
    publishableKey: PUBLISHABLE_KEY,
    components: [{ tag: "notification-banner" }],
  });
  await page.goto(h.pageUrl);
  const banner = inFrame(page, "notification-banner");
  await expect(banner.getByRole("button", { name: "Update information" })).toBeVisible();
  await expect(banner).toContainText("actions required");
  const change = await waitForEvent(page, "onNotificationsChange");
  expect(change.arg).toMatchObject({ total: 1, actionRequired: 1 });
  await banner.getByRole("button", { name: "Update information" }).click();
  await expect(dialogOf(page, "notification-banner")).toContainText("Business type");
  await dialogOf(page, "notification-banner").press("Escape");
  await expect(dialogOf(page, "notification-banner")).toHaveCount(0);
  await expect(banner.getByRole("button", { name: "Update information" })).toBeFocused();
});

test("payouts: pay out now, payout details, schedule", async ({ page }) => {
  const account = await createAccount(h, { enabled: true });
  await createPayment(h, account, 12000);
  h.setSession(
    account,
    allComponents({ standard_payouts: true, edit_payout_schedule: true, external_account_collection: true }),
  );
  h.setConfig({ mode: "connect", publishableKey: PUBLISHABLE_KEY, components: [{ tag: "payouts" }] });
  await page.goto(h.pageUrl);
  const payouts = inFrame(page, "payouts");
  await expect(ready(page, "payouts")).toHaveCount(1);
  await payouts.getByRole("button", { name: "Pay out now" }).click();
  const dialog = dialogOf(page, "payouts");
  await dialog.getByLabel(/Payout amount/).fill("30");
  await dialog.getByRole("button", { name: "Pay out", exact: true }).click();
  await expect(dialogOf(page, "payouts")).toHaveCount(0);
  await expect(payouts.getByRole("status").first()).toContainText("Payout created.");
  await expect(payouts.locator("table")).toContainText("$30.00");
  const list = await h.stripe.payouts.list({}, { stripeAccount: account });
  expect(list.data.some((p) => p.amount === 3000)).toBe(true);

  const row = payouts.locator("tbody tr").first();
  await expect(row).toContainText(/Pending|In transit/);
  await payouts.locator("[data-payout]").first().click();
  await expect(dialogOf(page, "payouts")).toContainText("Payout details");
  await dialogOf(page, "payouts").getByRole("button", { name: "Close" }).click();

  await payouts.getByRole("button", { name: "Edit schedule" }).click();
  await dialogOf(page, "payouts").getByLabel("Frequency").selectOption("weekly");
  await dialogOf(page, "payouts").getByLabel("Day of the week").selectOption("friday");
  await dialogOf(page, "payouts").getByRole("button", { name: "Save" }).click();
  await expect(payouts.locator("[data-schedule]")).toContainText("Weekly · Friday");
  const acct = await h.stripe.accounts.retrieve(account);
  expect(acct.settings?.payouts?.schedule.interval).toBe("weekly");

  // Once paid, the detail and the list row say so with the same label, without reloading the list.
  await h.control("POST", "/_emulator/time/advance", { seconds: 5 * 86_400 });
  await payouts.locator("[data-payout]").first().click();
  await expect(dialogOf(page, "payouts").locator(".badge")).toHaveText("Paid");
  await dialogOf(page, "payouts").getByRole("button", { name: "Close" }).click();
  await expect(row.locator(".badge")).toHaveText("Paid");
});

test("pay out now is disabled, with its reason, at a zero available balance", async ({ page }) => {
  const account = await createAccount(h, { enabled: true });
  h.setSession(account, allComponents({ standard_payouts: true }));
  h.setConfig({ mode: "connect", publishableKey: PUBLISHABLE_KEY, components: [{ tag: "balances" }] });
  await page.goto(h.pageUrl);
  const button = inFrame(page, "balances").getByRole("button", { name: "Pay out now" });
  await expect(button).toBeDisabled();
  await expect(button).toHaveAccessibleDescription("No available balance to pay out.");
  await expect(inFrame(page, "balances").getByText("No available balance to pay out.")).toBeVisible();
});

test("account management edits business details; tax components persist with callbacks", async ({ page }) => {
  const account = await createAccount(h, { enabled: true });
  h.setSession(account, allComponents());
  h.setConfig({
    mode: "connect",
    publishableKey: PUBLISHABLE_KEY,
    components: [
      { tag: "account-management" },
      { tag: "tax-settings" },
      { tag: "tax-registrations", props: { displayCountries: ["US", "FR"] } },
    ],
  });
  await page.goto(h.pageUrl);
  const am = inFrame(page, "account-management");
  await expect(ready(page, "account-management")).toHaveCount(1);
  await am.getByRole("button", { name: /Edit – Business details/ }).click();
  const section = await waitForEvent(page, "onSectionOpen");
  expect(section.arg).toEqual({ sectionName: "business_details" });
  await dialogOf(page, "account-management").getByLabel("Support email").fill("help@acme.example");
  await dialogOf(page, "account-management").getByRole("button", { name: "Save" }).click();
  await expect(dialogOf(page, "account-management")).toHaveCount(0);
  await expect(am).toContainText("help@acme.example");
  const acct = await h.stripe.accounts.retrieve(account);
  expect(acct.business_profile?.support_email).toBe("help@acme.example");

  const ts = inFrame(page, "tax-settings");
  await ts.getByRole("button", { name: "Edit" }).click();
  await ts.getByLabel("Postal code").fill("94105");
  await ts.getByRole("button", { name: "Save" }).click();
  await waitForEvent(page, "onTaxSettingsUpdated");
  await expect(ts).toContainText("94105");

  const tr = inFrame(page, "tax-registrations");
  await tr.getByRole("button", { name: "Add registration" }).click();
  await tr.getByLabel("Country").selectOption("FR");
  await tr.getByRole("button", { name: "Add registration" }).click();
  const added = await waitForEvent(page, "onAfterTaxRegistrationAdded");
  expect((added.arg as { id: string }).id).toMatch(/^taxreg_/);
  await expect(tr.locator("table")).toContainText("France");
});

test("expiring a tax registration calls onAfterTaxRegistrationExpired", async ({ page }) => {
  const account = await createAccount(h, { enabled: true });
  h.setSession(account, allComponents());
  h.setConfig({
    mode: "connect",
    publishableKey: PUBLISHABLE_KEY,
    components: [{ tag: "tax-registrations" }],
  });
  await page.goto(h.pageUrl);
  const tr = inFrame(page, "tax-registrations");
  await tr.getByRole("button", { name: "Add registration" }).click();
  await tr.getByRole("button", { name: "Add registration" }).click();
  const added = await waitForEvent(page, "onAfterTaxRegistrationAdded");
  await tr
    .getByRole("button", { name: /Expire/ })
    .first()
    .click();
  const expired = await waitForEvent(page, "onAfterTaxRegistrationExpired");
  expect((expired.arg as { id: string }).id).toBe((added.arg as { id: string }).id);
  await expect(tr.locator("table")).toContainText("Expired");
});
