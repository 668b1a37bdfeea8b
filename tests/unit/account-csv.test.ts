import { describe, expect, it } from "vitest";
import { AccountCsvError, parseAccountCsv } from "@/lib/tenancy/account-csv";
import { formatCountBar, formatCountLine } from "@/scripts/lib/progress";

const parse = (text: string, maxRows = 100) => parseAccountCsv(text, { maxRows });

describe("the accounts list (CSV)", () => {
  it("reads rows without a header: id, business, email", () => {
    const { rows, hasHeader } = parse(
      "acct_1A,Harbor Bakery,Owner@Harbor.example\nacct_2B,Cedar Cycles,ana@cedar.example\n",
    );
    expect(hasHeader).toBe(false);
    expect(rows).toEqual([
      {
        line: 1,
        accountId: "acct_1A",
        businessName: "Harbor Bakery",
        email: "owner@harbor.example",
        problem: null,
      },
      {
        line: 2,
        accountId: "acct_2B",
        businessName: "Cedar Cycles",
        email: "ana@cedar.example",
        problem: null,
      },
    ]);
  });

  it("skips a header, and follows its column names when they reorder the columns", () => {
    const plain = parse("account,business name,owner email\r\nacct_1A,Harbor,o@h.example\r\n");
    expect(plain.hasHeader).toBe(true);
    expect(plain.rows[0]).toMatchObject({ line: 2, accountId: "acct_1A", businessName: "Harbor" });
    const reordered = parse("Owner Email;Stripe Account ID;Business\no@h.example;acct_1A;Harbor\n");
    expect(reordered.rows[0]).toMatchObject({
      accountId: "acct_1A",
      businessName: "Harbor",
      email: "o@h.example",
    });
  });

  it("handles a byte-order mark, CRLF, quotes with commas, doubled quotes and line breaks", () => {
    const text =
      '\uFEFFacct_1A,"Harbor, Bakery & Co",o@h.example\r\n' +
      'acct_2B,"The ""Best"" Cycles",a@c.example\r\n' +
      'acct_3C,"Two\r\nLines",b@c.example\r\n' +
      "acct_4D,After,c@c.example";
    const { rows } = parse(text);
    expect(rows.map((r) => r.businessName)).toEqual([
      "Harbor, Bakery & Co",
      'The "Best" Cycles',
      "Two Lines",
      "After",
    ]);
    // Lines are the file's: the quoted line break moves the next row down.
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 5]);
    expect(rows.every((r) => r.problem === null)).toBe(true);
  });

  it("takes tabs (a spreadsheet's paste), ignores blank lines and trailing empty columns", () => {
    const { rows } = parse("acct_1A\tHarbor\to@h.example\n\n   \nacct_2B\tCedar\ta@c.example\t\t\n");
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.problem === null)).toBe(true);
  });

  it("says what is wrong with each bad row and keeps going", () => {
    const { rows } = parse(
      [
        "acct_1A,Harbor,o@h.example",
        "acct_1A,Harbor again,x@h.example",
        "not-an-id,Cedar,a@c.example",
        "acct_3C,Maple,not an email",
        "acct_4D,Only two",
        "acct_5E,Five,e@e.example,extra",
        `acct_6F,${"x".repeat(101)},f@f.example`,
        "acct_7G,,g@g.example",
      ].join("\n"),
    );
    expect(rows.map((r) => r.problem?.reason ?? null)).toEqual([
      null,
      "duplicate_in_file",
      "invalid_account_id",
      "invalid_email",
      "wrong_column_count",
      "wrong_column_count",
      "business_name_too_long",
      null,
    ]);
    expect(rows[1]?.problem?.message).toContain("line 1");
    // An empty name is allowed: the account's name at Stripe is taken.
    expect(rows[7]?.businessName).toBe("");
  });

  it("reports an unclosed quote on its line", () => {
    const { rows } = parse(
      'acct_1A,Harbor,o@h.example\nacct_2B,"Cedar,a@c.example\nacct_3C,Maple,m@m.example',
    );
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ line: 2, problem: { reason: "malformed_csv" } });
  });

  it("refuses an empty list, or one over the limit, before anything is done", () => {
    expect(() => parse("")).toThrow(AccountCsvError);
    expect(() => parse("account,business,email\n")).toThrow(/no account/);
    const many = Array.from({ length: 11 }, (_, i) => `acct_${i}X,B${i},o${i}@e.example`).join("\n");
    expect(() => parse(many, 10)).toThrow(/at most 10/);
    expect(parse(many, 11).rows).toHaveLength(11);
  });
});

describe("the import's progress", () => {
  it("draws a bar with the count, rate and time left, and a plain line for logs", () => {
    const progress = { completed: 120, total: 480, elapsedMs: 3_000, done: false };
    expect(formatCountBar(progress, "rows", 8)).toBe("[██░░░░░░] 120/480 rows · 40 rows/s · ETA 9s");
    expect(formatCountLine(progress, "tenants:import", "rows")).toBe(
      "tenants:import progress: 120 of 480 rows, 40 rows/s, ETA 9s",
    );
    expect(formatCountBar({ completed: 480, total: 480, elapsedMs: 12_000, done: true }, "rows", 8)).toBe(
      "[████████] 480/480 rows · 40 rows/s · done in 12s",
    );
  });
});
