import { expect, type Locator } from "@playwright/test";

/**
 * Fills the sandbox onboarding component for an individual in the US, step by step, up to "You're all set"
 * (the caller clicks Done, so it can check what happens on exit).
 */
export async function fillSandboxOnboarding(
  ob: Locator,
  person: { email: string; website: string },
): Promise<void> {
  await expect(ob.getByRole("heading", { name: "Business type" })).toBeVisible();
  await ob.getByLabel("Individual / sole proprietor").check();
  await ob.getByRole("button", { name: "Save and continue" }).click();

  await expect(ob.getByRole("heading", { name: "Business details" })).toBeVisible();
  const fields: [string, string][] = [
    ["First name", "Ada"],
    ["Last name", "Lovelace"],
    ["Email", person.email],
    ["Phone number", "+14155550123"],
    ["Address line 1", "1 Market St"],
    ["City", "San Francisco"],
    ["State", "CA"],
    ["ZIP / postal code", "94105"],
    ["Last 4 digits of SSN", "0000"],
    ["Business website", person.website],
  ];
  for (const [label, value] of fields) {
    const input = ob.getByLabel(label, { exact: true });
    if (await input.count()) await input.fill(value);
  }
  await ob.getByLabel("Date of birth").fill("1990-01-15");
  await ob.getByLabel("Industry").selectOption("5734");
  await ob.getByRole("button", { name: "Save and continue" }).click();

  await expect(ob.getByRole("heading", { name: "Payout bank account" })).toBeVisible();
  await ob.getByLabel("Routing number").fill("110000000");
  await ob.getByLabel("Account number").fill("000123456789");
  await ob.getByRole("button", { name: "Save and continue" }).click();

  await expect(ob.getByRole("heading", { name: "Terms of service" })).toBeVisible();
  await ob.getByRole("button", { name: "Agree and submit" }).click();
  await expect(ob.getByRole("heading", { name: "You're all set" })).toBeVisible();
}
