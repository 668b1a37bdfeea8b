import { expect, type Locator, type Page } from "@playwright/test";

/**
 * The inside of an embedded component's frame. connect.js (Stripe's, and the sandbox's stand-in) draws each
 * `stripe-connect-<tag>` element in a frame of its own origin; dialogs open in a page-level overlay frame.
 */
export function connectFrame(page: Page, tag: string, nth = 0): Locator {
  return page.locator(`stripe-connect-${tag}`).nth(nth).locator("iframe").contentFrame().locator("body");
}

/** The dialog or drawer an embedded component opened (in the page-level overlay frame). */
export function connectDialog(page: Page, tag?: string): Locator {
  const selector = tag
    ? `iframe[data-stripe-connect-overlay="${tag}"]`
    : "iframe[data-stripe-connect-overlay]";
  return page.locator(selector).first().contentFrame().getByRole("dialog");
}

/**
 * Waits until every embedded component on the page has drawn its content. Each frame takes its content's height
 * when it renders, moving what is below it: click below components only once they are drawn.
 */
export async function componentsDrawn(page: Page): Promise<void> {
  const hosts = await page.evaluate(() =>
    [...document.querySelectorAll("*")]
      .map((el) => el.localName)
      .filter((name) => name.startsWith("stripe-connect-")),
  );
  const seen = new Map<string, number>();
  for (const host of hosts) {
    const nth = seen.get(host) ?? 0;
    seen.set(host, nth + 1);
    await expect(
      connectFrame(page, host.slice("stripe-connect-".length), nth).locator('.frame[data-phase="ready"]'),
    ).toHaveCount(1);
  }
}

/**
 * Presses a button of the page that sits below embedded components. Chromium hit-tests frames of another site (run
 * out of process) with the layout it last drew, and a component above that grows or reloads moves the button after
 * any wait: a pointer click can land in the component. The button is focused and pressed with the keyboard instead,
 * as a keyboard user does, which no hit-test can misroute.
 */
export async function clickBelowComponents(target: Locator): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  await expect(target).toBeEnabled();
  await target.focus();
  await target.press("Enter");
}
