/**
 * axe (WCAG 2.0/2.1 A and AA, every impact) over every Portico page a person can open — the dashboard as owner,
 * viewer and support viewing the business, the console as admin, the signed-out pages and the public checkout — in
 * light and dark, English and French: zero violations. Each person signs in once; the theme and the language change
 * through their saved settings (or, where settings are out of reach — viewing an account, signed out — through the
 * system colour scheme and the language cookie, as a browser would).
 *
 * The embedded components' insides are the sandbox's stand-ins for Stripe's frames (tests/e2e/sandbox/a11y.spec.ts
 * covers them): left out here, only when the frame is the sandbox's. Portico's markup around them is checked.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { LOCALE_COOKIE } from "../../../lib/http/request-locale";
import { expect, openAcmeInConsole, signInAs, signInAsStaffCopy, startViewing, test } from "./fixtures";

// The PostgreSQL pass runs this project again: the pages are the same, one sweep is enough.
test.skip(process.env.DATABASE_URL?.startsWith("postgres") ?? false, "runs on the SQLite pass only");

// A reader far from the server's zone (UTC+14: most of the day, another date): a date the server renders differently
// from the browser would be a hydration mismatch, which the fixture's console check turns into a failure.
test.use({ timezoneId: "Pacific/Kiritimati" });

const THEMES = ["light", "dark"] as const;
const LOCALES = ["en", "fr"] as const;
type Theme = (typeof THEMES)[number];
type Locale = (typeof LOCALES)[number];

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

let scans = 0;
const started = Date.now();

test.afterAll(() => {
  console.log(`accessibility sweep: ${scans} scans in ${Math.round((Date.now() - started) / 1000)} s`);
});

function emulatorOrigin(): string {
  const url = process.env.PORTICO_TEST_EMULATOR_URL;
  if (!url) throw new Error("PORTICO_TEST_EMULATOR_URL is not set: run the suite through `npm test`.");
  return new URL(url).origin;
}

/** The stand-ins' hosts and frames on the page: the elements whose frame is the sandbox's (never a real Stripe one). */
async function standInSelectors(page: Page): Promise<string[]> {
  const origin = emulatorOrigin();
  return page.evaluate((sandbox) => {
    const fromSandbox = (frame: HTMLIFrameElement | null | undefined) =>
      !!frame?.src && new URL(frame.src, location.href).origin === sandbox;
    const selectors = new Set<string>();
    for (const el of document.querySelectorAll("*")) {
      if (el.localName.startsWith("stripe-connect-") && fromSandbox(el.shadowRoot?.querySelector("iframe"))) {
        selectors.add(el.localName);
      }
    }
    for (const frame of document.querySelectorAll("iframe")) {
      if (fromSandbox(frame)) selectors.add(`iframe[src^="${sandbox}"]`);
    }
    return [...selectors];
  }, origin);
}

/** Waits for the page to settle (hydrated, components started), then scans it; returns its violations, described. */
async function scan(page: Page, label: string): Promise<string[]> {
  await page.waitForLoadState("load");
  await expect(page.locator("h1").first()).toBeVisible();
  // The console's charts load lazily: scan them drawn.
  for (const chart of await page.locator("figure[data-testid^='chart-']").all()) {
    await expect(chart.locator("svg").first()).toBeVisible();
  }
  // Components mount in their own time: scan once each has started (or failed), not its skeleton half-way.
  await expect(page.locator('[data-testid="connect-frame"] [role="status"]:visible')).toHaveCount(0, {
    timeout: 15_000,
  });
  // Heading order is axe's best practice, not a WCAG tag: asked for by name (a skipped level confuses navigation).
  // Legacy mode: one axe.run in the page (Portico has no frames of its own; the stand-ins' are excluded below), without
  // the blank page the frame-by-frame mode opens to merge its results.
  let builder = new AxeBuilder({ page })
    .setLegacyMode(true)
    .options({ rules: { "heading-order": { enabled: true } } })
    .withTags(TAGS);
  for (const selector of await standInSelectors(page)) builder = builder.exclude(selector);
  const results = await builder.analyze();
  const ran = [...results.passes, ...results.violations, ...results.incomplete, ...results.inapplicable];
  expect(ran.map((r) => r.id)).toContain("heading-order");
  scans++;
  return results.violations.map(
    (v) =>
      `${label}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
        .slice(0, 4)
        .map(
          (n) =>
            `${n.target.join(" ")}${n.failureSummary ? ` [${n.failureSummary.replace(/\s+/g, " ")}]` : ""}`,
        )
        .join("; ")}`,
  );
}

/** Saves the signed-in person's theme and language (their own settings, as the Settings page does). */
async function saveSettings(page: Page, theme: Theme, locale: Locale): Promise<void> {
  const status = await page.evaluate(
    async ({ theme, locale }) => {
      const current = (await (await fetch("/api/settings")).json()) as { settings: Record<string, unknown> };
      const response = await fetch("/api/settings", {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...current.settings, theme, locale }),
      });
      return response.status;
    },
    { theme, locale },
  );
  expect(status).toBe(200);
}

/** Where settings are out of reach: the system's colour scheme (theme "system") and the language cookie. */
async function setBrowserPreferences(
  page: Page,
  theme: Theme,
  locale: Locale,
  baseURL: string,
): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: locale, url: baseURL }]);
}

/** The pages the sidebar offers this person (desktop sidebar), plus `extra`. */
async function sidebarPages(page: Page, extra: string[]): Promise<string[]> {
  const hrefs = await page
    .locator("aside nav a")
    .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  expect(hrefs.length).toBeGreaterThan(0);
  return [...new Set([...hrefs, ...extra])];
}

async function sweep(
  page: Page,
  paths: string[],
  prefer: (theme: Theme, locale: Locale) => Promise<void>,
  who: string,
): Promise<string[]> {
  const violations: string[] = [];
  for (const theme of THEMES) {
    for (const locale of LOCALES) {
      await prefer(theme, locale);
      for (const [index, path] of paths.entries()) {
        // One full load per theme and language (it applies them); then the sidebar's links, as a person moves
        // around: client-side navigations keep the page's Connect instance and mint no Account Session (a full load
        // per page would run into the per-person session limit, 30 a minute).
        const link = page.locator(`aside nav a[href="${path}"]`);
        if (index > 0 && (await link.count()) > 0) {
          await link.first().click();
          await page.waitForURL((url) => url.pathname === path);
        } else {
          await page.goto(path);
        }
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        violations.push(...(await scan(page, `${who} ${theme} ${locale} ${path}`)));
      }
    }
  }
  return violations;
}

async function restoreSettings(page: Page, saved: Record<string, unknown>): Promise<void> {
  await page.evaluate(async (settings) => {
    await fetch("/api/settings", {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(settings),
    });
  }, saved);
}

async function savedSettings(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(
    async () =>
      ((await (await fetch("/api/settings")).json()) as { settings: Record<string, unknown> }).settings,
  );
}

for (const actor of ["owner", "viewer"] as const) {
  test(`every dashboard page passes axe for the ${actor}, light and dark, in English and French`, async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await signInAs(page, actor);
    const saved = await savedSettings(page);
    try {
      await page.goto("/");
      // The first Tab lands on the skip link, shown when focused; it leads to the page's main landmark.
      await page.keyboard.press("Tab");
      const skip = page.getByRole("link", { name: "Skip to content" });
      await expect(skip).toBeFocused();
      await expect(skip).toBeVisible();
      await expect(skip).toHaveAttribute("href", "#main");
      await expect(page.locator("main#main")).toHaveCount(1);
      const paths = await sidebarPages(page, ["/settings"]);
      const violations = await sweep(
        page,
        paths,
        (theme, locale) => saveSettings(page, theme, locale),
        actor,
      );
      if (actor === "owner") {
        // Portico's own confirmation dialog, open, in both themes (the owner may remove a member).
        for (const theme of THEMES) {
          await saveSettings(page, theme, "en");
          await page.goto("/team");
          await page
            .getByRole("button", { name: /^Remove / })
            .first()
            .click();
          await expect(page.getByRole("dialog")).toBeVisible();
          violations.push(...(await scan(page, `${actor} ${theme} en /team, dialog open`)));
          await page.keyboard.press("Escape");
          await expect(page.getByRole("dialog")).toHaveCount(0);
        }
      }
      expect(violations).toEqual([]);
    } finally {
      await restoreSettings(page, saved);
    }
  });
}

test("every page support sees while viewing a business passes axe, light and dark, in English and French", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const staff = await signInAsStaffCopy(page, "support");
  await openAcmeInConsole(page);
  await startViewing(page, staff, "Accessibility sweep of the business's pages");
  const paths = await sidebarPages(page, ["/settings"]);
  const violations = await sweep(
    page,
    paths,
    (theme, locale) => setBrowserPreferences(page, theme, locale, baseURL ?? ""),
    "support viewing",
  );
  expect(violations).toEqual([]);
});

test("every console page passes axe for the admin, light and dark, in English and French", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signInAs(page, "admin");
  const saved = await savedSettings(page);
  try {
    const account = `/admin/accounts/${await openAcmeInConsole(page)}`;
    const paths = await sidebarPages(page, [account, "/admin/accounts/import", "/admin/settings"]);
    const violations = await sweep(
      page,
      paths,
      (theme, locale) => saveSettings(page, theme, locale),
      "admin",
    );
    expect(violations).toEqual([]);
  } finally {
    await restoreSettings(page, saved);
  }
});

test("the signed-out pages and the public checkout pass axe, light and dark, in English and French", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const paths = ["/login", "/signup", "/forgot-password", "/pay/acme-bikes"];
  const violations = await sweep(
    page,
    paths,
    (theme, locale) => setBrowserPreferences(page, theme, locale, baseURL ?? ""),
    "signed out",
  );
  expect(violations).toEqual([]);
});
