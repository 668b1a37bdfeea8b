import type { Locator, Page } from "@playwright/test";

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
