import { describe, expect, it } from "vitest";
import { setupStep } from "@/lib/accounts/next-step";
import { formatStripeAmount } from "@/lib/money";

const requirements = (due: Partial<Record<"currentlyDue" | "pastDue" | "eventuallyDue", string[]>> = {}) => ({
  currentlyDue: due.currentlyDue ?? [],
  pastDue: due.pastDue ?? [],
  eventuallyDue: due.eventuallyDue ?? [],
});

describe("a new business's next setup step", () => {
  it("is onboarding until the details are submitted, whatever else Stripe says", () => {
    expect(
      setupStep({
        detailsSubmitted: false,
        chargesEnabled: false,
        requirements: requirements({ pastDue: ["x"] }),
      }),
    ).toEqual({ kind: "onboarding" });
  });

  it("counts what is due now once (past due and currently due overlap)", () => {
    expect(
      setupStep({
        detailsSubmitted: true,
        chargesEnabled: true,
        requirements: requirements({
          pastDue: ["individual.dob.day", "external_account"],
          currentlyDue: ["external_account", "business_profile.url"],
          eventuallyDue: ["individual.id_number"],
        }),
      }),
    ).toEqual({ kind: "details_due", count: 3 });
  });

  it("waits for Stripe's verification when nothing is due and payments are not on yet", () => {
    expect(
      setupStep({ detailsSubmitted: true, chargesEnabled: false, requirements: requirements() }),
    ).toEqual({
      kind: "in_review",
    });
  });

  it("is ready once payments are on, counting what Stripe will ask for later", () => {
    expect(
      setupStep({
        detailsSubmitted: true,
        chargesEnabled: true,
        requirements: requirements({ eventuallyDue: ["individual.id_number", "individual.id_number"] }),
      }),
    ).toEqual({ kind: "ready", later: 1 });
  });
});

describe("amounts in the reader's locale", () => {
  it("labels the test payout with its currency", () => {
    expect(formatStripeAmount(1_000, "usd", "en")).toBe("$10.00");
    expect(formatStripeAmount(1_000, "usd", "fr")).toMatch(/^10,00\s\$US$/);
    expect(formatStripeAmount(1_000, "eur", "fr")).toMatch(/^10,00\s€$/);
    expect(formatStripeAmount(1_000, "jpy", "en")).toBe("¥1,000");
  });
});
