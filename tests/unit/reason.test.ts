import { describe, expect, it } from "vitest";
import { normalizeReason, reasonProblem } from "@/lib/audit/reason";
import { reasonSchema } from "@/lib/audit/reason-schema";

describe("a reason for viewing an account", () => {
  it.each([
    ["ten zero-width spaces", "\u200b".repeat(10), "too_short"],
    ["zero-width joiners and word joiners", "\u200d\u2060\ufeff".repeat(5), "too_short"],
    [
      "bidi controls around 3 letters",
      "\u202eabc\u202c\u2066\u2067\u2068\u2069\u200e\u200f\u061c",
      "too_short",
    ],
    ["spaces, tabs and newlines", " \t\n\r\u00a0\u3000".repeat(4), "too_short"],
    ["control characters", "\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000b\u000c", "too_short"],
    ["nine letters padded with spaces", "abcdefghi     ", "too_short"],
    ["punctuation only", "..........!!", "too_few_letters"],
    ["two letters and punctuation", "ab--------", "too_few_letters"],
    ["more than 500 characters", "a".repeat(501), "too_long"],
  ])("refuses %s", (_name, value, problem) => {
    expect(reasonProblem(value)).toBe(problem);
    expect(reasonSchema.safeParse(value).success).toBe(false);
  });

  it.each([
    ["a ticket reference", "Ticket #4821"],
    ["words in another script", "Клиент просит помощи"],
    ["digits and letters", "INC-20261203"],
    ["full-width letters (NFKC folds them)", "ＴＩＣＫＥＴ１２３４５"],
  ])("accepts %s", (_name, value) => {
    expect(reasonProblem(value)).toBeNull();
    expect(reasonSchema.safeParse(value).success).toBe(true);
  });

  it("stores the reason normalised: NFKC, no invisible characters, single spaces", () => {
    expect(normalizeReason("  Ticket\u200b\u00a0 #4821\t\tpayouts\u202e missing  ")).toBe(
      "Ticket #4821 payouts missing",
    );
    expect(normalizeReason("ＴＩＣＫＥＴ")).toBe("TICKET");
    expect(reasonSchema.parse("  Customer  called\nabout  payouts ")).toBe("Customer called about payouts");
  });
});
