import { expect, setFaults, test, signInAs } from "./fixtures";
import { connectFrame } from "../../support/connect-frames";

test.afterEach(async () => {
  await setFaults([]);
});

test("sustained Stripe rate limiting shows the retry panel, and Try again recovers once it clears", async ({
  page,
  expectedErrors,
}) => {
  expectedErrors.allowFailedLoad(503, "/api/account-session", "Stripe is rate limiting (a sandbox fault)");
  await signInAs(page, "otherOwner");
  // Every Account Session creation is rate-limited from now on: the streamed session and the route's both fail.
  await setFaults([{ path_prefix: "/v1/account_sessions", rate_limit_rate: 1 }]);
  const busy = page.waitForResponse(
    (response) => response.url().endsWith("/api/account-session") && response.status() === 503,
  );
  await page.goto("/payments");
  const answer = await busy;
  expect(answer.headers()["retry-after"]).toBeTruthy();

  const panel = page.getByTestId("connect-error").first();
  await expect(panel).toBeVisible();
  const retry = panel.getByRole("button", { name: "Try again" });
  await expect(retry).toBeVisible();

  await setFaults([]);
  await retry.click();
  await expect(page.getByTestId("connect-error")).toHaveCount(0);
  await expect(connectFrame(page, "payments").getByRole("table").first()).toBeVisible();
});
