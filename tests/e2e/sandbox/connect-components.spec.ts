/** Component callbacks and actions: disputes, capture, instant payouts, payout details, reports. */
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

let h: Harness;
let account: string;
let disputedCharge: string;
let uncapturedCharge: string;
let payoutId: string;

test.beforeAll(async () => {
  h = await startHarness();
  account = await createAccount(h, { enabled: true });
  await createPayment(h, account, 30000, { email: "buyer@example.com" });
  payoutId = (await h.stripe.payouts.create({ amount: 1500, currency: "usd" }, { stripeAccount: account }))
    .id;
  disputedCharge = chargeOf(
    await createPayment(h, account, 7800, {
      paymentMethod: "pm_card_createDispute",
      email: "eve@example.com",
    }),
  );
  uncapturedCharge = chargeOf(
    await createPayment(h, account, 990, { email: "lin@example.com", capture: false }),
  );
});

test.afterAll(async () => {
  await h?.close();
});

test("payment-disputes reports its disputes and submits evidence (dispute_management)", async ({ page }) => {
  h.setSession(account, allComponents({ dispute_management: true }));
  h.setConfig({
    mode: "connect",
    publishableKey: PUBLISHABLE_KEY,
    components: [{ tag: "payment-disputes", props: { payment: disputedCharge } }],
  });
  await page.goto(h.pageUrl);
  const el = inFrame(page, "payment-disputes");
  const loaded = await waitForEvent(page, "onDisputesLoaded");
  expect(loaded.arg).toEqual({ total: 1 });
  await expect(el).toContainText("Needs response");
  await el.getByLabel("Evidence for the card issuer").fill("Delivered on time; signed receipt attached.");
  await el.getByRole("button", { name: "Submit evidence" }).click();
  await expect(el.getByRole("status").first()).toContainText("Dispute updated.");
  await expect(el).toContainText("Under review");
  await expect(el.getByRole("button", { name: "Submit evidence" })).toHaveCount(0);
  const disputes = await h.stripe.disputes.list({}, { stripeAccount: account });
  expect(disputes.data[0]?.status).toBe("under_review");
});

test("a disputed payment offers no refund (the dispute returns the funds)", async ({ page }) => {
  h.setSession(account, allComponents({ refund_management: true }));
  h.setConfig({
    mode: "connect",
    publishableKey: PUBLISHABLE_KEY,
    components: [{ tag: "payment-details", props: { payment: disputedCharge } }],
  });
  await page.goto(h.pageUrl);
  const dialog = dialogOf(page, "payment-details");
  await expect(dialog.getByRole("heading", { name: "Disputes" })).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Refund" })).toHaveCount(0);
});

test("payment details captures an uncaptured payment (capture_payments) and calls onClose", async ({
  page,
}) => {
  h.setSession(account, allComponents({ capture_payments: true }));
  h.setConfig({
    mode: "connect",
    publishableKey: PUBLISHABLE_KEY,
    components: [{ tag: "payment-details", props: { payment: uncapturedCharge } }],
  });
  await page.goto(h.pageUrl);
  const dialog = dialogOf(page, "payment-details");
  await expect(dialog).toContainText("Uncaptured");
  await expect(dialog.getByRole("button", { name: "Refund" })).toHaveCount(0);
  await dialog.getByRole("button", { name: "Capture" }).click();
  await expect(dialog).toContainText("Payment captured.");
  await expect(dialog).toContainText("Succeeded");
  await dialog.getByRole("button", { name: "Close" }).click();
  await waitForEvent(page, "onClose", "payment-details");
  const charge = await h.stripe.charges.retrieve(uncapturedCharge, {}, { stripeAccount: account });
  expect(charge.captured).toBe(true);
});

test("payout details opens for its payout and calls onClose; reconciliation reports availability", async ({
  page,
}) => {
  h.setSession(account, allComponents());
  h.setConfig({
    mode: "connect",
    publishableKey: PUBLISHABLE_KEY,
    components: [
      { tag: "payout-details", props: { payout: payoutId } },
      { tag: "payout-reconciliation-report" },
      { tag: "balance-report" },
      { tag: "payouts-list" },
    ],
  });
  await page.goto(h.pageUrl);
  const dialog = dialogOf(page, "payout-details");
  await expect(dialog).toContainText("$15.00");
  await expect(dialog).toContainText(payoutId);
  // The bank by name, never its raw `ba_…` id.
  await expect(dialog.locator("dd", { hasText: /ba_/ })).toHaveCount(0);
  await dialog.press("Escape");
  await waitForEvent(page, "onClose", "payout-details");
  const availability = await waitForEvent(page, "onReportAvailabilityLoaded");
  expect(availability.arg).toEqual({ isReportAvailable: true });
  await expect(ready(page, "balance-report")).toHaveCount(1);
  await expect(inFrame(page, "balance-report").locator("table")).toContainText("Charge");
  await expect(inFrame(page, "payouts-list").locator("table")).toContainText("$15.00");
});

test("instant payouts promotion: shown with instant_payouts, creates an instant payout", async ({ page }) => {
  h.setSession(account, {
    instant_payouts_promotion: { enabled: true, features: { instant_payouts: false } },
  });
  h.setConfig({
    mode: "connect",
    publishableKey: PUBLISHABLE_KEY,
    components: [{ tag: "instant-payouts-promotion" }],
  });
  await page.goto(h.pageUrl);
  expect((await waitForEvent(page, "onInstantPayoutsPromotionLoaded")).arg).toEqual({
    promotionShown: false,
  });
  await expect(inFrame(page, "instant-payouts-promotion").getByRole("button")).toHaveCount(0);

  h.setSession(account, {
    instant_payouts_promotion: { enabled: true, features: { instant_payouts: true } },
  });
  await page.goto(h.pageUrl);
  expect((await waitForEvent(page, "onInstantPayoutsPromotionLoaded")).arg).toEqual({ promotionShown: true });
  const promo = inFrame(page, "instant-payouts-promotion");
  await promo.getByRole("button", { name: /instantly/ }).click();
  const created = await waitForEvent(page, "onInstantPayoutCreated");
  const id = (created.arg as { payoutId: string }).payoutId;
  expect(id).toMatch(/^po_/);
  const payout = await h.stripe.payouts.retrieve(id, {}, { stripeAccount: account });
  expect(payout.method).toBe("instant");
  expect(await eventsNamed(page, "onLoadError")).toEqual([]);
});
