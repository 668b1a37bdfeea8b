/** Account Session expiry: an expired secret triggers exactly one new fetchClientSecret for all elements. */
import { expect, test } from "@playwright/test";
import {
  PUBLISHABLE_KEY,
  allComponents,
  createAccount,
  createPayment,
  startHarness,
  type Harness,
} from "./fixtures/harness";
import { eventsNamed, fetchCount, inFrame, ready, trackSandboxCalls } from "./fixtures/page-helpers";

let h: Harness;
let account: string;

test.beforeAll(async () => {
  h = await startHarness({ accountSessionTtlSeconds: 2 });
  account = await createAccount(h, { enabled: true });
  await createPayment(h, account, 1500, { email: "lin@example.com" });
  await createPayment(h, account, 2500, { email: "sam@example.com" });
  h.setSession(account, allComponents());
});

test.afterAll(async () => {
  await h?.close();
});

test("an expired session is refreshed once through fetchClientSecret, never reusing a secret", async ({
  page,
}) => {
  h.setConfig({
    mode: "connect",
    publishableKey: PUBLISHABLE_KEY,
    components: [{ tag: "payments" }, { tag: "payments" }, { tag: "balances" }],
  });
  const calls = trackSandboxCalls(page);
  await page.goto(h.pageUrl);
  await expect(ready(page, "payments", 0)).toHaveCount(1);
  await expect(ready(page, "payments", 1)).toHaveCount(1);
  await expect(ready(page, "balances")).toHaveCount(1);
  expect(await fetchCount(page)).toBe(1);
  const sessionsBefore = h.sessionCount();

  await page.waitForTimeout(2600);
  // Both payments elements hit the emulator at the same moment with the expired token.
  const lists = { nth: (i: number) => inFrame(page, "payments", i) };
  await Promise.all(
    [0, 1].map((i) =>
      lists
        .nth(i)
        .locator('[data-fk="chip-filterSucceeded"]')
        .evaluate((chip: HTMLElement) => chip.click()),
    ),
  );
  await expect(lists.nth(0).getByRole("button", { name: "Succeeded" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(lists.nth(1).getByRole("button", { name: "Succeeded" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(lists.nth(0)).toContainText("$25.00");
  await expect(lists.nth(1)).toContainText("$15.00");
  expect(await fetchCount(page)).toBe(2);
  expect(h.sessionCount() - sessionsBefore).toBe(1);
  expect(await eventsNamed(page, "onLoadError")).toEqual([]);

  // Expires again: the next action refreshes once more (a third, fresh secret).
  await page.waitForTimeout(2600);
  await lists.nth(0).getByRole("button", { name: "All" }).click();
  await expect(lists.nth(0).getByRole("button", { name: "All" })).toHaveAttribute("aria-pressed", "true");
  await expect(lists.nth(0).locator('.frame[data-phase="ready"]')).toHaveCount(1);
  await expect.poll(() => fetchCount(page)).toBe(3);

  // Three claims, each of a fresh secret, all accepted (never session_used); the expired token was refused twice.
  expect(calls.filter((c) => c.path === "claim").map((c) => c.status)).toEqual([200, 200, 200]);
  expect(calls.filter((c) => c.status === 401).length).toBeGreaterThanOrEqual(2);
});
