/**
 * The connect.js stand-in's contract with @stripe/connect-js 3.4.6 (pure) and @stripe/react-connect-js 3.4.4:
 * all 21 tags, one session per instance, load errors, gated features, update() and logout().
 */
import { expect, test } from "@playwright/test";
import {
  ALL_TAGS,
  PUBLISHABLE_KEY,
  allComponents,
  chargeOf,
  createAccount,
  createPayment,
  startHarness,
  type Harness,
} from "./fixtures/harness";
import {
  dialogOf,
  eventsNamed,
  fetchCount,
  inFrame,
  overlayOf,
  ready,
  trackErrors,
  trackSandboxCalls,
  waitForEvent,
} from "./fixtures/page-helpers";

let h: Harness;
let account: string;
let paymentId: string;
let chargeId: string;
let payoutId: string;

test.beforeAll(async () => {
  h = await startHarness();
  account = await createAccount(h, { enabled: true });
  const pi = await createPayment(h, account, 4200, {
    email: "ada@example.com",
    description: "Sourdough subscription",
  });
  await createPayment(h, account, 1999, { email: "grace@example.com" });
  paymentId = pi.id;
  chargeId = chargeOf(pi);
  const payout = await h.stripe.payouts.create({ amount: 1000, currency: "usd" }, { stripeAccount: account });
  payoutId = payout.id;
});

test.afterAll(async () => {
  await h?.close();
});

test("every one of the 21 tags mounts, calls onLoaderStart and shares one client secret", async ({
  page,
}) => {
  const errors = trackErrors(page);
  h.setSession(account, allComponents());
  h.setConfig({
    mode: "connect",
    publishableKey: PUBLISHABLE_KEY,
    components: ALL_TAGS.map((tag) => ({
      tag,
      props:
        tag === "payment-details"
          ? { payment: paymentId }
          : tag === "payment-disputes"
            ? { payment: chargeId }
            : tag === "payout-details"
              ? { payout: payoutId }
              : tag.startsWith("financial-account")
                ? { financialAccount: "fa_sandbox" }
                : {},
    })),
  });
  const before = h.sessionCount();
  await page.goto(h.pageUrl);
  for (const tag of ALL_TAGS) {
    await expect(inFrame(page, tag)).toHaveCount(1);
  }
  await expect
    .poll(async () => new Set((await eventsNamed(page, "onLoaderStart")).map((e) => e.tag)).size)
    .toBe(21);
  for (const e of await eventsNamed(page, "onLoaderStart")) {
    expect(e.arg).toEqual({ elementTagName: `stripe-connect-${e.tag}` });
  }
  for (const tag of ALL_TAGS) {
    await expect(ready(page, tag), tag).toHaveCount(1);
    // A banner with no notifications (or a promotion with nothing to offer) takes no room, marker included.
    if (tag === "notification-banner" || tag === "instant-payouts-promotion") {
      const shown = await inFrame(page, tag).locator(".marker").count();
      const empty = (await inFrame(page, tag).locator(".frame").innerText()).trim() === "";
      expect(shown === 0, tag).toBe(empty);
      // (Chromium runs no layout work in a frame out of view: bring it into view first.)
      if (empty) await page.locator(`stripe-connect-${tag}`).scrollIntoViewIfNeeded();
      if (empty)
        await expect
          .poll(async () => (await page.locator(`stripe-connect-${tag} iframe`).boundingBox())?.height, tag)
          .toBe(0);
    } else {
      await expect(inFrame(page, tag).locator(".marker")).toHaveText("Sandbox");
    }
  }
  // Custom elements with open shadow roots and every setter of the contract.
  const shape = await page.evaluate(
    (tags) => {
      return tags.map((tag) => {
        const el = document.querySelector(`stripe-connect-${tag}`) as
          (HTMLElement & Record<string, unknown>) | null;
        return {
          tag,
          open: el?.shadowRoot !== null && el?.shadowRoot?.mode === "open",
          common: ["setConnector", "setOnLoadErrorInternalOnly", "setOnLoaderStartInternalOnly"].every(
            (m) => typeof el?.[m] === "function",
          ),
        };
      });
    },
    [...ALL_TAGS],
  );
  for (const s of shape) expect(s, s.tag).toEqual({ tag: s.tag, open: true, common: true });
  expect(await eventsNamed(page, "onLoadError")).toEqual([]);
  expect(await fetchCount(page)).toBe(1);
  expect(h.sessionCount() - before).toBe(1);
  // No script from Stripe's CDN: the loader used the existing window.StripeConnect.
  expect(await page.locator('script[src*="stripe.com"]').count()).toBe(0);
  // Issuing/Treasury render a clear "not available" panel.
  await expect(inFrame(page, "issuing-card")).toContainText("Not available in the sandbox");
  // Payment details opens as a modal; Escape closes it and calls onClose.
  const dialog = dialogOf(page, "payment-details");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("$42.00");
  await dialog.press("Escape");
  await expect(dialog).toHaveCount(0);
  await waitForEvent(page, "onClose", "payment-details");
  // Setters are re-called on every render (React wrappers): nothing breaks, nothing refetches.
  await page.evaluate(() => window.__rerender?.());
  await page.evaluate(() => window.__rerender?.());
  await expect(ready(page, "payments")).toHaveCount(1);
  expect(await fetchCount(page)).toBe(1);
  expect(errors.filter((e) => !e.includes("favicon"))).toEqual([]);
});

test("a component not enabled in the session fails with onLoadError and an error panel", async ({ page }) => {
  h.setSession(account, { payments: { enabled: true } });
  h.setConfig({
    mode: "connect",
    publishableKey: PUBLISHABLE_KEY,
    components: [{ tag: "payments" }, { tag: "payouts" }, { tag: "issuing-card" }],
  });
  await page.goto(h.pageUrl);
  await expect(ready(page, "payments")).toHaveCount(1);
  await expect
    .poll(async () => (await eventsNamed(page, "onLoadError")).map((e) => e.tag).sort())
    .toEqual(["issuing-card", "payouts"]);
  for (const e of await eventsNamed(page, "onLoadError")) {
    expect(e.arg).toMatchObject({
      elementTagName: `stripe-connect-${e.tag}`,
      error: { type: "invalid_request_error" },
    });
  }
  await expect(inFrame(page, "payouts").locator("[role=alert]")).toContainText("Component not enabled");
  await expect(inFrame(page, "issuing-card").locator("[role=alert]")).toContainText("not enabled");
});

test("preview tags mount through Portico's creation path: drawn or not-available when enabled, an error when not", async ({
  page,
}) => {
  const errors = trackErrors(page);
  const preview = [
    "payment-method-settings",
    "reporting-chart",
    "terminal-hardware-orders",
    "terminal-hardware-shop",
  ];
  h.setSession(account, {
    payment_method_settings: { enabled: true },
    reporting_chart: { enabled: true },
    terminal_hardware_orders: { enabled: true },
  });
  h.setConfig({
    mode: "connect",
    publishableKey: PUBLISHABLE_KEY,
    components: preview.map((tag) => ({
      tag,
      props: tag === "reporting-chart" ? { reportName: "net_volume" } : {},
    })),
  });
  await page.goto(h.pageUrl);
  for (const tag of ["payment-method-settings", "terminal-hardware-orders"]) {
    await expect(inFrame(page, tag), tag).toContainText("Not available in the sandbox");
  }
  // The reporting chart is drawn from the account's balance transactions: net volume is sales less refunds and
  // disputes, fees left out.
  const txns = await h.stripe.balanceTransactions.list({ limit: 100 }, { stripeAccount: account });
  const net = txns.data
    .filter((t) => ["charge", "refund", "dispute", "dispute_reversal"].includes(t.reporting_category))
    .reduce((sum, t) => sum + t.amount, 0);
  expect(net).toBeGreaterThan(0);
  const total = `$${(net / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })}`;
  const chart = inFrame(page, "reporting-chart");
  await expect(chart.getByTestId("chart-total")).toHaveText(total);
  await expect(chart.getByRole("img")).toHaveAccessibleName(`Net volume, Last 30 days: ${total}`);
  await expect(chart.locator(".bar")).toHaveCount(30);
  await expect
    .poll(async () => new Set((await eventsNamed(page, "onLoaderStart")).map((e) => e.tag)))
    .toEqual(new Set(preview));
  // The shop is not in the session: it fails as any component the session leaves out.
  await waitForEvent(page, "onLoadError", "terminal-hardware-shop");
  await expect(inFrame(page, "terminal-hardware-shop").locator("[role=alert]")).toContainText("not enabled");
  // The component's own setter reached the element connect.js defined (`setX` → `setXInternalOnly`).
  const element = await page.evaluate(() => {
    const el = document.querySelector("stripe-connect-reporting-chart");
    return {
      setter: typeof Reflect.get(el ?? {}, "setReportNameInternalOnly"),
      upgraded: el?.shadowRoot !== null,
    };
  });
  expect(element).toEqual({ setter: "function", upgraded: true });
  expect(errors).toEqual([]);
});

test("a failing fetchClientSecret gives account_session_create_error", async ({ page }) => {
  h.failSessions(true);
  try {
    h.setConfig({
      mode: "connect",
      publishableKey: PUBLISHABLE_KEY,
      components: [{ tag: "payments" }, { tag: "balances" }],
    });
    await page.goto(h.pageUrl);
    await expect.poll(async () => (await eventsNamed(page, "onLoadError")).length).toBe(2);
    for (const e of await eventsNamed(page, "onLoadError")) {
      expect(e.arg).toMatchObject({ error: { type: "account_session_create_error" } });
    }
    await expect(inFrame(page, "payments").locator("[role=alert]")).toBeVisible();
    expect(await fetchCount(page)).toBe(1);
  } finally {
    h.failSessions(false);
  }
});

test("with features off the actions are absent; with them on they are present", async ({ page }) => {
  const off = {
    refund_management: false,
    capture_payments: false,
    dispute_management: false,
    standard_payouts: false,
    instant_payouts: false,
    edit_payout_schedule: false,
    external_account_collection: false,
  };
  h.setSession(account, allComponents(off));
  h.setConfig({
    mode: "connect",
    publishableKey: PUBLISHABLE_KEY,
    components: [{ tag: "payments" }, { tag: "payouts" }, { tag: "account-management" }],
  });
  await page.goto(h.pageUrl);
  await expect(ready(page, "payments")).toHaveCount(1);
  await inFrame(page, "payments").locator(`[data-payment="${chargeId}"]`).click();
  const dialog = dialogOf(page, "payments");
  await expect(dialog).toContainText("$42.00");
  await expect(dialog.getByRole("button", { name: "Refund" })).toHaveCount(0);
  await expect(dialog.getByRole("button", { name: "Capture" })).toHaveCount(0);
  const payouts = inFrame(page, "payouts");
  await expect(ready(page, "payouts")).toHaveCount(1);
  await expect(payouts.getByRole("button", { name: "Pay out now" })).toHaveCount(0);
  await expect(payouts.getByRole("button", { name: "Instant payout" })).toHaveCount(0);
  await expect(payouts.getByRole("button", { name: "Edit schedule" })).toHaveCount(0);
  await expect(payouts.getByRole("button", { name: "Change bank account" })).toHaveCount(0);
  await expect(ready(page, "account-management")).toHaveCount(1);
  await expect(inFrame(page, "account-management").getByRole("button", { name: /Bank account/ })).toHaveCount(
    0,
  );

  h.setSession(
    account,
    allComponents({
      refund_management: true,
      standard_payouts: true,
      edit_payout_schedule: true,
      external_account_collection: true,
    }),
  );
  await page.goto(h.pageUrl);
  await inFrame(page, "payments").locator(`[data-payment="${chargeId}"]`).click();
  await expect(dialogOf(page, "payments").getByRole("button", { name: "Refund" })).toBeVisible();
  await expect(payouts.getByRole("button", { name: "Pay out now" })).toBeVisible();
  await expect(payouts.getByRole("button", { name: "Edit schedule" })).toBeVisible();
  await expect(payouts.getByRole("button", { name: "Change bank account" })).toBeVisible();
});

test("update() changes appearance and locale live without a new client secret", async ({ page }) => {
  h.setSession(account, allComponents());
  h.setConfig({
    mode: "connect",
    publishableKey: PUBLISHABLE_KEY,
    components: [{ tag: "payments" }, { tag: "balances" }],
    appearance: { variables: { colorPrimary: "#635bff" } },
  });
  await page.goto(h.pageUrl);
  await expect(ready(page, "payments")).toHaveCount(1);
  const payments = inFrame(page, "payments");
  await expect(payments.getByRole("heading", { name: "Payments" })).toBeVisible();
  await expect(payments).toContainText("$42.00");
  const chip = payments.locator('[data-fk="chip-filterAll"]');
  const before = await chip.evaluate((el) => getComputedStyle(el).borderColor);
  const element = await page.locator("stripe-connect-payments").elementHandle();
  await page.evaluate(() =>
    window.__connect?.update({
      locale: "fr-FR",
      appearance: {
        variables: {
          colorPrimary: "#d12f2f",
          colorBackground: "#fffdf7",
          fontFamily: "Georgia, serif",
          borderRadius: "2px",
        },
      },
    }),
  );
  await expect(payments.getByRole("heading", { name: "Paiements" })).toBeVisible();
  await expect(payments.locator(".marker")).toHaveText("Bac à sable");
  // Intl's French currency format alone ("42,00 $US"), no currency code repeated after it.
  await expect(payments.locator("tbody")).toContainText(
    new Intl.NumberFormat("fr-FR", { style: "currency", currency: "USD" }).format(42),
  );
  await expect(payments.locator("tbody")).not.toContainText("USD");
  await expect(inFrame(page, "balances").getByRole("heading", { name: "Soldes" })).toBeVisible();
  await expect.poll(() => chip.evaluate((el) => getComputedStyle(el).borderColor)).not.toBe(before);
  expect(await chip.evaluate((el) => getComputedStyle(el).borderColor)).toBe("rgb(209, 47, 47)");
  expect(await payments.locator("h2").evaluate((el) => getComputedStyle(el).fontFamily)).toContain("Georgia");
  // Same element (not remounted), same session.
  expect(await page.evaluate((el) => el === document.querySelector("stripe-connect-payments"), element)).toBe(
    true,
  );
  expect(await fetchCount(page)).toBe(1);
  // Drawer overlays.
  await page.evaluate(() => window.__connect?.update({ appearance: { overlays: "drawer" } }));
  await payments.locator(`[data-payment="${chargeId}"]`).click();
  await expect(overlayOf(page, "payments").locator(".backdrop.mode-drawer [role=dialog]")).toBeVisible();
  await expect(dialogOf(page, "payments")).toContainText("Détails du paiement");
  expect(await fetchCount(page)).toBe(1);
});

test("logout() ends the session and every element stops showing data", async ({ page }) => {
  h.setSession(account, allComponents());
  h.setConfig({
    mode: "connect",
    publishableKey: PUBLISHABLE_KEY,
    components: [{ tag: "payments" }, { tag: "payouts" }],
  });
  const calls = trackSandboxCalls(page);
  await page.goto(h.pageUrl);
  await expect(ready(page, "payments")).toHaveCount(1);
  await expect(inFrame(page, "payments")).toContainText("$42.00");
  const resolved = await page.evaluate(async () => {
    const result = window.__connect?.logout();
    await result;
    return result instanceof Promise;
  });
  expect(resolved).toBe(true);
  for (const tag of ["payments", "payouts"]) {
    const el = inFrame(page, tag);
    await expect(el.locator('.frame[data-phase="ended"]')).toHaveCount(1);
    await expect(el).toContainText("Session ended");
    await expect(el).not.toContainText("$42.00");
    await expect(el.locator("table")).toHaveCount(0);
  }
  // The emulator was told: the token is revoked server-side.
  await expect
    .poll(() => calls.filter((c) => c.method === "POST" && c.path === "logout").map((c) => c.status))
    .toEqual([200]);
  // Nothing is fetched again by the stopped elements.
  const after = calls.length;
  await page.evaluate(() => window.__rerender?.());
  await page.waitForTimeout(300);
  expect(calls.length).toBe(after);
});

test("payments honours defaultFilters (status, amount); the chips change the filter", async ({ page }) => {
  h.setSession(account, allComponents());
  h.setConfig({
    mode: "connect",
    publishableKey: PUBLISHABLE_KEY,
    components: [
      { tag: "payments", props: { defaultFilters: { status: ["successful"], amount: { greaterThan: 30 } } } },
    ],
  });
  const calls = trackSandboxCalls(page);
  await page.goto(h.pageUrl);
  const payments = inFrame(page, "payments");
  await expect(ready(page, "payments")).toHaveCount(1);
  await expect(payments.getByRole("button", { name: "Succeeded" })).toHaveAttribute("aria-pressed", "true");
  await expect(payments.locator("tbody tr")).toHaveCount(1);
  await expect(payments).toContainText("$42.00");
  await expect(payments).not.toContainText("$19.99");
  const list = calls.find((c) => c.path.startsWith("payments"));
  expect(list?.status).toBe(200);
  // The amount filter the options applied is shown, never hidden under a chip.
  const applied = payments.getByRole("list", { name: "Applied filters" });
  await expect(applied).toContainText("Amount: ≥ $30.01");
  // The status chips change the status only; the amount filter stays visible until removed.
  await payments.getByRole("button", { name: "All" }).click();
  await expect(payments.getByRole("button", { name: "All" })).toHaveAttribute("aria-pressed", "true");
  await expect(payments.locator("tbody tr")).toHaveCount(1);
  await expect(applied).toContainText("Amount: ≥ $30.01");
  await applied.getByRole("button", { name: "Remove filter Amount: ≥ $30.01" }).click();
  await expect(payments.locator("tbody tr")).toHaveCount(2);
  await expect(payments.getByRole("list", { name: "Applied filters" })).toHaveCount(0);
});

test("payments pages through a long history and filters by date, amount and payment method", async ({
  page,
}) => {
  const busy = await createAccount(h, { enabled: true });
  for (let i = 0; i < 22; i++) await createPayment(h, busy, 1000 + i);
  h.setSession(busy, allComponents());
  h.setConfig({ mode: "connect", publishableKey: PUBLISHABLE_KEY, components: [{ tag: "payments" }] });
  await page.goto(h.pageUrl);
  const payments = inFrame(page, "payments");
  const rows = payments.locator("tbody tr");
  const pages = payments.getByRole("navigation", { name: "Pages" });
  await expect(pages).toContainText("1–20 of many");
  await expect(rows).toHaveCount(20);
  await expect(rows.first()).toContainText("$10.21");
  await expect(pages.getByRole("button", { name: "Previous" })).toBeDisabled();
  await pages.getByRole("button", { name: "Next" }).click();
  await expect(pages).toContainText("21–22 of 22");
  await expect(rows).toHaveCount(2);
  await expect(rows.last()).toContainText("$10.00");
  await expect(pages.getByRole("button", { name: "Next" })).toBeDisabled();
  await pages.getByRole("button", { name: "Previous" }).click();
  await expect(pages).toContainText("1–20 of many");

  // Amount range, then payment method, then date; each applied filter is listed and removable.
  await payments.getByText("Filter by date, amount, payment method").click();
  await payments.getByLabel(/Minimum amount/).fill("10.05");
  await payments.getByLabel(/Maximum amount/).fill("10.07");
  await payments.getByRole("button", { name: "Apply filters" }).click();
  await expect(rows).toHaveCount(3);
  await expect(payments.getByRole("list", { name: "Applied filters" })).toContainText(
    "Amount: $10.05 – $10.07",
  );
  await expect(pages).toHaveCount(0);
  await payments.getByLabel("Payment method", { exact: true }).selectOption("us_bank_account");
  await payments.getByRole("button", { name: "Apply filters" }).click();
  await expect(payments).toContainText("No payments match these filters.");
  await payments.getByLabel("Payment method", { exact: true }).selectOption("card");
  await payments.getByLabel("To").fill("2001-01-31");
  await payments.getByRole("button", { name: "Apply filters" }).click();
  await expect(payments).toContainText("No payments match these filters.");
  await expect(payments.getByRole("list", { name: "Applied filters" })).toContainText("Date: ≤ Jan 31, 2001");
  await payments.getByRole("button", { name: "Clear filters" }).click();
  await expect(rows).toHaveCount(20);
});

test("a changed prop re-renders the same element (payment-details `payment`)", async ({ page }) => {
  const other = await createPayment(h, account, 777, { email: "otto@example.com" });
  h.setSession(account, allComponents());
  h.setConfig({
    mode: "connect",
    publishableKey: PUBLISHABLE_KEY,
    components: [{ tag: "payment-details", props: { payment: paymentId } }],
  });
  await page.goto(h.pageUrl);
  await expect(dialogOf(page, "payment-details")).toContainText("$42.00");
  const before = await page.locator("stripe-connect-payment-details").elementHandle();
  await page.evaluate((id) => window.__setProps?.(0, { payment: id }), other.id);
  await expect(dialogOf(page, "payment-details")).toContainText("$7.77");
  await expect(dialogOf(page, "payment-details")).toContainText("otto@example.com");
  expect(
    await page.evaluate((e) => e === document.querySelector("stripe-connect-payment-details"), before),
  ).toBe(true);
  expect(await fetchCount(page)).toBe(1);
});
