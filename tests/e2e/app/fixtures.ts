import { randomInt } from "node:crypto";
import { test as base, expect, type Locator, type Page } from "@playwright/test";
import { hasLinkTo, linkTo, waitForMail } from "../../support/mailbox";
import { cloneDemoStaff } from "../../support/staff-clone";
import { freshTotpCode } from "../../support/totp-codes";
import { DEMO_PASSWORD, staffActors, staffTotpSecrets, tenantActors } from "../../support/actor-directory";
import { connectDialog } from "../../support/connect-frames";

/**
 * Errors a test provokes on purpose (a refused resource load, a sandbox fault): each names what it expects, narrowly,
 * and only that one is let through. Everything else the browser reports as an error fails the test.
 */
export interface ExpectedErrors {
  /** Lets console errors matching `pattern` (tested on "<text> @ <source url>") through, for this test only. */
  allow(pattern: RegExp, why: string): void;
  /** Lets the browser's report of one refused load through: this HTTP status, for this path (app or sandbox). */
  allowFailedLoad(status: number, path: string, why: string): void;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

interface BrowserError {
  kind: "console.error" | "pageerror";
  text: string;
  url: string;
}

function describeError(error: BrowserError): string {
  return `${error.kind}: ${error.text}${error.url ? ` @ ${error.url}` : ""}`;
}

function watchForErrors(page: Page, seen: BrowserError[]): void {
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    seen.push({ kind: "console.error", text: message.text(), url: message.location().url });
  });
  page.on("pageerror", (error) => {
    // React's production errors (#418 hydration mismatch, #423, #425) arrive here or as console errors.
    seen.push({ kind: "pageerror", text: `${error.name}: ${error.message}`, url: "" });
  });
}

/**
 * Each test gets its own client IP, sent as X-Forwarded-For on requests to the app only (not to the sandbox, whose
 * CORS would refuse the header), so better-auth's per-IP sign-in limit (3 per 10 s) applies per test.
 *
 * And every page of the test is watched: a `console.error` or an uncaught error in the browser (a hydration mismatch
 * included) fails the test, unless the test declared it with `expectedErrors.allow(...)`.
 */
/** The running test's expectations (tests run one at a time), for helpers that provoke a refusal as a person would. */
let runningExpectations: ExpectedErrors | null = null;

export const test = base.extend<{ expectedErrors: ExpectedErrors; browserErrors: BrowserError[] }>({
  browserErrors: async ({}, use) => {
    await use([]);
  },
  expectedErrors: async ({ browserErrors }, use) => {
    const allowed: { pattern: RegExp; why: string; used: boolean }[] = [];
    const expectations: ExpectedErrors = {
      allow(pattern, why) {
        allowed.push({ pattern, why, used: false });
      },
      allowFailedLoad(status, path, why) {
        const pattern = new RegExp(
          `^Failed to load resource: the server responded with a status of ${status} .* @ https?://[^/]+${escapeRegExp(path)}$`,
        );
        allowed.push({ pattern, why, used: false });
      },
    };
    runningExpectations = expectations;
    try {
      await use(expectations);
    } finally {
      runningExpectations = null;
    }
    const unexpected = browserErrors.filter((error) => {
      const entry = allowed.find((a) => a.pattern.test(`${error.text} @ ${error.url}`));
      if (entry) entry.used = true;
      return !entry;
    });
    if (unexpected.length > 0) {
      throw new Error(
        `The browser reported ${unexpected.length} unexpected error(s):\n${unexpected.map(describeError).join("\n")}`,
      );
    }
  },
  context: async ({ context, baseURL, browserErrors }, use) => {
    const ip = `10.${randomInt(0, 255)}.${randomInt(0, 255)}.${randomInt(1, 254)}`;
    const appOrigin = new URL(baseURL ?? "http://localhost").origin;
    await context.route(
      (url) => url.origin === appOrigin,
      (route) => route.continue({ headers: { ...route.request().headers(), "x-forwarded-for": ip } }),
    );
    for (const page of context.pages()) watchForErrors(page, browserErrors);
    context.on("page", (page) => watchForErrors(page, browserErrors));
    await use(context);
  },
  // Every test checks the browser's errors, whether or not it asks for `expectedErrors`.
  page: async ({ page, expectedErrors }, use) => {
    void expectedErrors;
    await use(page);
  },
});

export { expect };

export { DEMO_PASSWORD };

/** Signs the page in as one of the demo people (tests/support/actor-directory.ts): the browser's `signInAs`. */
export async function signInAs(
  page: Page,
  actor: keyof typeof tenantActors | keyof typeof staffActors,
): Promise<void> {
  const email =
    actor in tenantActors
      ? tenantActors[actor as keyof typeof tenantActors]
      : staffActors[actor as keyof typeof staffActors];
  await signIn(page, email);
}

export async function signIn(
  page: Page,
  email: string,
  password = DEMO_PASSWORD,
  totpSecret: string | undefined = staffTotpSecrets[email],
): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  if (totpSecret) await giveSecondFactor(page, totpSecret, email);
}

/**
 * Types a code from the authenticator into `field` and submits it, until `done` (each code works once: when the app
 * says the code was already used — an earlier test took it — the next code is typed, as a person would).
 */
export async function submitFreshCode(
  page: Page,
  totpSecret: string,
  field: Locator,
  submit: Locator,
  done: () => Promise<unknown>,
  user?: string,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await field.fill(await freshTotpCode(totpSecret, user));
    await submit.click();
    const outcome = await Promise.race([
      done().then(
        () => "done" as const,
        () => "timeout" as const,
      ),
      page
        .getByText("already used")
        .first()
        .waitFor()
        .then(
          () => "used" as const,
          () => "timeout" as const,
        ),
    ]);
    if (outcome !== "used" || attempt >= 4) return;
    // The app refused a code an earlier test had used (403), as it should: the next code is typed.
    runningExpectations?.allow(
      /^Failed to load resource: the server responded with a status of 403 .* @ https?:\/\/[^/]+\/api\//,
      "an authenticator code an earlier test used is refused",
    );
  }
}

/** The sign-in's second step, as a person types it from their authenticator app. */
export async function giveSecondFactor(page: Page, totpSecret: string, user?: string): Promise<void> {
  await page.waitForURL("**/two-factor");
  await submitFreshCode(
    page,
    totpSecret,
    page.getByLabel("Code", { exact: true }),
    page.getByRole("button", { name: "Continue" }),
    () => page.waitForURL((url) => !url.pathname.startsWith("/two-factor")),
    user,
  );
  await page.waitForURL((url) => !url.pathname.startsWith("/two-factor"));
}

/** Starts "view as" from an account's console page: the reason, the confirmation, then a fresh code (step-up). */
export async function startViewing(page: Page, staff: StaffIdentity, reason: string): Promise<void> {
  const panel = page.getByTestId("impersonate-panel");
  await panel.getByRole("textbox", { name: "Reason" }).fill(reason);
  await panel.getByRole("checkbox").check();
  await submitFreshCode(
    page,
    staff.totpSecret,
    panel.getByLabel("Code from your authenticator app"),
    panel.getByRole("button", { name: "View as this account" }),
    () => page.waitForURL((url) => url.pathname === "/"),
    staff.email,
  );
  await page.waitForURL((url) => url.pathname === "/");
}

export interface StaffIdentity {
  email: string;
  totpSecret: string;
}

/**
 * Signs the page in as a copy of a demo staff member (tests/support/staff-clone.ts) — for tests that step up, so
 * their codes are their own — and answers who it is.
 */
export async function signInAsStaffCopy(page: Page, actor: keyof typeof staffActors): Promise<StaffIdentity> {
  const copy = await cloneDemoStaff(actor);
  await signIn(page, copy.email, DEMO_PASSWORD, copy.totpSecret);
  return copy;
}

/** A demo staff member's TOTP secret. */
export function staffSecret(actor: keyof typeof staffActors = "admin"): string {
  const secret = staffTotpSecrets[staffActors[actor]];
  if (!secret) throw new Error(`no TOTP secret for ${actor}`);
  return secret;
}

/**
 * A new business signs up as a person does: the form, "check your inbox", the mailed link (read from the sandbox's
 * mail catcher), the password again — and lands in onboarding.
 */
export async function signUpInBrowser(
  page: Page,
  input: { name: string; business: string; email: string; password: string },
): Promise<void> {
  const since = Date.now() - 1000;
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(input.name);
  await page.getByLabel("Business name").fill(input.business);
  await page.getByLabel("Email").fill(input.email);
  await page.getByLabel("Password").fill(input.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Check your inbox")).toBeVisible();
  const mail = await waitForMail(input.email, { since, match: hasLinkTo("/verify-email") });
  const link = linkTo(mail, "/verify-email");
  if (!link) throw new Error("no confirmation link");
  await page.goto(link.pathname + link.search);
  await page.getByLabel("Password").fill(input.password);
  await page.getByRole("button", { name: "Confirm and continue" }).click();
  await page.waitForURL("**/onboarding");
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId("sign-out").first().click();
  await page.waitForURL("**/login");
}

function emulatorUrl(): string {
  const url = process.env.PORTICO_TEST_EMULATOR_URL;
  if (!url) throw new Error("PORTICO_TEST_EMULATOR_URL is not set: run the suite through `npm test`.");
  return url;
}

/** Account Sessions the sandbox has created so far (its request log). */
export async function accountSessionCount(): Promise<number> {
  const response = await fetch(
    new URL("/_emulator/requests?path=/v1/account_sessions&method=POST", emulatorUrl()),
  );
  const body = (await response.json()) as { data: { status: number }[] };
  return body.data.filter((r) => r.status === 200).length;
}

/** The sidebar (desktop) navigation. */
export function sidebar(page: Page) {
  return page.getByRole("navigation", { name: /Dashboard|Tableau de bord/ }).first();
}

/**
 * Opens a dashboard page from the sidebar and waits until it is the page shown: until then the page being left (Home
 * has a Payments component too) is still there to be clicked by mistake.
 */
export async function openFromSidebar(page: Page, name: string): Promise<void> {
  await sidebar(page).getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

/** Acme Bikes' page in the console, found as staff find it (the accounts list's search): its account id. */
export async function openAcmeInConsole(page: Page): Promise<string> {
  await page.goto("/admin/accounts");
  await page.getByLabel("Search", { exact: true }).fill("Acme");
  await page.getByLabel("Search", { exact: true }).press("Enter");
  await page
    .getByRole("link", { name: /Acme Bikes/ })
    .first()
    .click();
  await page.waitForURL(/\/admin\/accounts\/acct_/);
  return new URL(page.url()).pathname.split("/").at(-1) ?? "";
}

/** Replaces the sandbox's fault rules (`[]` clears them). */
export async function setFaults(rules: Record<string, unknown>[]): Promise<void> {
  const response = await fetch(new URL("/_emulator/faults", emulatorUrl()), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(rules.length > 0 ? { rules } : { clear: true }),
  });
  if (!response.ok) throw new Error(`emulator faults: ${response.status}`);
}

/**
 * Opens the first successful payment of a Payments component and returns its dialog. The list may repaint while its
 * data settles (a click can land on a row that is being replaced), so the click is retried until the dialog shows.
 */
export async function openFirstPayment(payments: Locator): Promise<Locator> {
  // Dialogs open in the page-level overlay frame (see tests/support/connect-frames.ts).
  const dialog = connectDialog(payments.page(), "payments");
  await expect(async () => {
    // Click only while no dialog is open: a second click would land outside the dialog and close it.
    if (!(await dialog.isVisible())) {
      await payments
        .locator("tr", { hasText: "Succeeded" })
        .first()
        .locator("[data-payment]")
        .first()
        .click({ timeout: 2_000 });
    }
    await expect(dialog).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 20_000 });
  return dialog;
}

/** Chromium's own virtual authenticator (a platform authenticator with user verification), for this page. */
export async function addVirtualAuthenticator(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}
