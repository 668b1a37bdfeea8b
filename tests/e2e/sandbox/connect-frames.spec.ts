/**
 * The connect.js stand-in's frames: each component is drawn in a frame served by the sandbox's origin, so the page's
 * CSP must allow that origin in `frame-src` (as Stripe's hosts in live mode); messages travel with exact origins and
 * are dropped from any other window; dialogs open in a page-level overlay frame; nothing overflows at 390 px.
 */
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
import { dialogOf, events, eventsNamed, inFrame, ready, waitForEvent } from "./fixtures/page-helpers";

let h: Harness;
let account: string;
let chargeId: string;

test.beforeAll(async () => {
  h = await startHarness();
  account = await createAccount(h, { enabled: true });
  chargeId = chargeOf(
    await createPayment(h, account, 4200, { email: "ada.lovelace.long-address@example.com" }),
  );
  await createPayment(h, account, 123456, {
    email: "grace@example.com",
    description: "Wedding cake, 3 tiers",
  });
  await h.stripe.payouts.create({ amount: 1000, currency: "usd" }, { stripeAccount: account });
});

test.afterAll(async () => {
  await h?.close();
});

test.afterEach(() => {
  h.setPageCsp(undefined);
});

test("a CSP without the sandbox's origin in frame-src makes every component report onLoadError", async ({
  page,
}) => {
  h.setSession(account, allComponents());
  const tags = ["payments", "balances", "payouts"];
  h.setConfig({ mode: "connect", publishableKey: PUBLISHABLE_KEY, components: tags.map((tag) => ({ tag })) });
  h.setPageCsp("frame-src 'self'");
  await page.goto(h.pageUrl);
  await expect
    .poll(async () => (await eventsNamed(page, "onLoadError")).map((e) => e.tag).sort())
    .toEqual([...tags].sort());
  for (const e of await eventsNamed(page, "onLoadError")) {
    expect(e.arg).toMatchObject({
      elementTagName: `stripe-connect-${e.tag}`,
      error: { type: "api_connection_error", message: expect.stringContaining("frame-src") as unknown },
    });
  }
  await expect(page.locator("stripe-connect-payments [role=alert]")).toContainText("could not load");

  // The same page allowing the sandbox's origin, as Portico's sandbox CSP does: the components load.
  h.setPageCsp(`frame-src ${new URL(h.emulatorUrl).origin}`);
  await page.goto(h.pageUrl);
  for (const tag of tags) await expect(ready(page, tag)).toHaveCount(1);
  expect(await eventsNamed(page, "onLoadError")).toEqual([]);
});

test("frame pages may only be embedded by the app's origins", async ({ request }) => {
  const parent = new URL(h.pageUrl).origin;
  const ok = await request.get(`${h.emulatorUrl}/_sandbox/connect/frame?tag=payments&parent=${parent}`);
  expect(ok.status()).toBe(200);
  expect(ok.headers()["content-security-policy"]).toContain(`frame-ancestors ${parent}`);
  const foreign = await request.get(
    `${h.emulatorUrl}/_sandbox/connect/frame?tag=payments&parent=${encodeURIComponent("http://evil.test")}`,
  );
  expect(foreign.status()).toBe(403);
  const overlay = await request.get(`${h.emulatorUrl}/_sandbox/connect/overlay?parent=http://evil.test`);
  expect(overlay.status()).toBe(403);
});

test("messages from a foreign origin are ignored in both directions", async ({ page }) => {
  h.setSession(account, allComponents());
  h.setConfig({ mode: "connect", publishableKey: PUBLISHABLE_KEY, components: [{ tag: "payments" }] });
  // A frame of another origin on the page forges the stand-in's messages to the page and to the component frame.
  h.setForeignScript(`
    const env = (message) => ({ channel: "portico-sandbox-connect", message });
    parent.postMessage(env({ type: "event", name: "onLoadError", arg: { forged: true } }), "*");
    parent.postMessage(env({ type: "size", height: 1 }), "*");
    for (let i = 0; i < parent.frames.length; i++) {
      parent.frames[i].postMessage(env({ type: "logout" }), "*");
      parent.frames[i].postMessage(env({ type: "prop", name: "defaultFilters", value: { status: ["failed"] } }), "*");
    }
    parent.postMessage("forged-done", "*");`);
  await page.goto(h.pageUrl);
  await expect(ready(page, "payments")).toHaveCount(1);
  const done = page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        window.addEventListener("message", (e) => {
          if (e.data === "forged-done") resolve();
        }),
      ),
  );
  await page.evaluate((url) => {
    const frame = document.createElement("iframe");
    frame.src = url;
    document.body.append(frame);
  }, h.foreignUrl);
  await done;
  // The page's own window posting the same shapes is not the component's frame either.
  await page.evaluate(() =>
    window.postMessage(
      { channel: "portico-sandbox-connect", message: { type: "event", name: "onLoadError" } },
      "*",
    ),
  );
  await page.waitForTimeout(200);
  expect(await eventsNamed(page, "onLoadError")).toEqual([]);
  await expect(ready(page, "payments")).toHaveCount(1);
  await expect(inFrame(page, "payments")).toContainText("$42.00");
  expect(
    await page.locator("stripe-connect-payments iframe").evaluate((f) => f.getBoundingClientRect().height),
  ).toBeGreaterThan(100);
  expect((await events(page)).some((e) => JSON.stringify(e.arg).includes("forged"))).toBe(false);
});

test("a dialog opens in a page-level overlay frame, takes focus, and gives it back on close", async ({
  page,
}) => {
  h.setSession(account, allComponents({ refund_management: true }));
  h.setConfig({ mode: "connect", publishableKey: PUBLISHABLE_KEY, components: [{ tag: "payments" }] });
  await page.goto(h.pageUrl);
  const row = inFrame(page, "payments").locator(`[data-payment="${chargeId}"]`);
  await row.focus();
  await page.keyboard.press("Enter");
  const dialog = dialogOf(page, "payments");
  await expect(dialog).toContainText("$42.00");
  // Covers the page's viewport, outside the component's own frame.
  const box = await page.locator('iframe[data-stripe-connect-overlay="payments"]').boundingBox();
  expect(box).toMatchObject({ x: 0, y: 0, width: page.viewportSize()?.width });
  expect(await dialog.evaluate((d) => d.contains((d.getRootNode() as ShadowRoot).activeElement))).toBe(true);
  await page.keyboard.press("Escape");
  await expect(page.locator("iframe[data-stripe-connect-overlay]")).toHaveCount(0);
  await expect(row).toBeFocused();
  await waitForEvent(page, "onLoaderStart", "payments");
});

test("no horizontal overflow, squeezed text or uneven cards inside any component at 390 px", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  h.setSession(
    account,
    allComponents({ standard_payouts: true, edit_payout_schedule: true, instant_payouts: true }),
  );
  const tags = [
    "payments",
    "payouts",
    "balances",
    "payouts-list",
    "account-management",
    "documents",
    "tax-settings",
    "tax-registrations",
    "balance-report",
    "payout-reconciliation-report",
    "disputes-list",
    "notification-banner",
    "instant-payouts-promotion",
  ];
  h.setConfig({ mode: "connect", publishableKey: PUBLISHABLE_KEY, components: tags.map((tag) => ({ tag })) });
  await page.goto(h.pageUrl);
  for (const tag of tags) await expect(ready(page, tag)).toHaveCount(1);
  for (const tag of tags) {
    const overflow = await inFrame(page, tag).evaluate((body) => {
      const over = (el: Element) => el.scrollWidth > el.clientWidth + 1;
      const doc = body.ownerDocument.documentElement;
      const wide: string[] = over(doc) ? [`document ${doc.scrollWidth} > ${doc.clientWidth}`] : [];
      const host = body.querySelector("[lang]");
      const root = host?.shadowRoot;
      for (const el of root?.querySelectorAll(".table-wrap, .frame, .stack, table") ?? [])
        if (over(el)) wide.push(`${el.className || el.localName} ${el.scrollWidth} > ${el.clientWidth}`);
      // Text squeezed into a sliver (a word or less per line) is as unreadable as text cut off.
      for (const el of root?.querySelectorAll("h1, h2, h3, p") ?? []) {
        const box = el.getBoundingClientRect();
        const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 20;
        const lines = Math.round(box.height / lineHeight);
        if (box.width > 0 && box.width < 160 && lines > 3)
          wide.push(
            `"${(el.textContent ?? "").trim().slice(0, 20)}…" ${Math.round(box.width)} px wide, ${lines} lines`,
          );
      }
      // Stacked rows are cards of the same fields: a field shown in one card shows in all.
      for (const table of root?.querySelectorAll(".table-wrap table") ?? []) {
        const shown = [...table.querySelectorAll("tbody tr")].map(
          (tr) =>
            [...tr.querySelectorAll("td")].filter((td) => getComputedStyle(td).display !== "none").length,
        );
        if (new Set(shown).size > 1) wide.push(`cards show ${[...new Set(shown)].join(" or ")} fields`);
      }
      return wide;
    });
    expect(overflow, tag).toEqual([]);
  }
  await expect(
    inFrame(page, "instant-payouts-promotion").getByRole("button", { name: /instantly/ }),
  ).toBeVisible();
});
