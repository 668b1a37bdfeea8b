import { describe, expect, it } from "vitest";
import { ephemeralKeyRequestSchema } from "@/lib/connect/issuing-keys";

describe("the issuing ephemeral-key request", () => {
  it("takes a card id and Stripe.js's nonce", () => {
    expect(ephemeralKeyRequestSchema.parse({ issuingCard: "ic_1Abc", nonce: "n_1" })).toEqual({
      issuingCard: "ic_1Abc",
      nonce: "n_1",
    });
  });

  it("refuses an account named by the client, and anything that is not a card id", () => {
    const named = { issuingCard: "ic_1Abc", nonce: "n_1", account: "acct_Other" };
    expect(ephemeralKeyRequestSchema.safeParse(named).success).toBe(false);
    for (const issuingCard of ["acct_1Abc", "ic_", "ic_1Abc/../x", ""]) {
      expect(ephemeralKeyRequestSchema.safeParse({ issuingCard, nonce: "n_1" }).success, issuingCard).toBe(
        false,
      );
    }
    expect(ephemeralKeyRequestSchema.safeParse({ issuingCard: "ic_1Abc", nonce: "" }).success).toBe(false);
  });
});
