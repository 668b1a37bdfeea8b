import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { deriveAccountStatus } from "@/lib/accounts/mirror";
import { parseAccountSearchQuery, parseTextQuery } from "@/lib/accounts/search";
import { describeRequirement, describeRequirements, disabledReasonKey } from "@/lib/accounts/requirements";
import { auditFilters, csvField, csvRow, parseAuditQuery } from "@/lib/audit/console";

describe("requirements in plain words", () => {
  it("maps Stripe's keys to a topic about a subject", () => {
    expect(describeRequirement("individual.dob.day")).toEqual({ topic: "dob", subject: "individual" });
    expect(describeRequirement("external_account")).toEqual({ topic: "bankAccount", subject: "account" });
    expect(describeRequirement("tos_acceptance.date")).toEqual({
      topic: "tosAcceptance",
      subject: "account",
    });
    expect(describeRequirement("business_profile.mcc")).toEqual({ topic: "mcc", subject: "business" });
    expect(describeRequirement("company.tax_id")).toEqual({ topic: "taxId", subject: "company" });
    expect(describeRequirement("representative.verification.document")).toEqual({
      topic: "idDocument",
      subject: "representative",
    });
    expect(describeRequirement("person_1AbC.relationship.owner")).toEqual({
      topic: "relationship",
      subject: "owner",
    });
    expect(describeRequirement("something.new")).toEqual({ topic: "other", subject: "account" });
  });

  it("collapses the parts of one topic into one line", () => {
    const items = describeRequirements([
      "individual.dob.day",
      "individual.dob.month",
      "individual.dob.year",
      "external_account",
    ]);
    expect(items).toEqual([
      {
        topic: "dob",
        subject: "individual",
        keys: ["individual.dob.day", "individual.dob.month", "individual.dob.year"],
      },
      { topic: "bankAccount", subject: "account", keys: ["external_account"] },
    ]);
  });

  it("explains known disabled reasons and reads unknown ones as other", () => {
    expect(disabledReasonKey("requirements.past_due")).toBe("requirements_past_due");
    expect(disabledReasonKey("rejected.fraud")).toBe("rejected_fraud");
    expect(disabledReasonKey("brand.new_reason")).toBe("other");
  });
});

describe("account search query", () => {
  it("reads the URL with safe fallbacks", () => {
    expect(parseAccountSearchQuery({ q: " acme ", filter: "bogus", sort: "name", dir: "sideways" })).toEqual({
      q: "acme",
      filter: null,
      sort: "name",
      dir: null,
      cursor: null,
    });
    expect(parseAccountSearchQuery({ filter: ["rejected", "enabled"] }).filter).toBe("rejected");
  });

  it("tells ids, emails, words and short prefixes apart", () => {
    expect(parseTextQuery("acct_1AbC")).toEqual({ kind: "id", prefix: "acct_1AbC" });
    expect(parseTextQuery("Owner@Acme.test")).toEqual({ kind: "email", prefix: "owner@acme.test" });
    expect(parseTextQuery("Acme  BIKES a")).toEqual({ kind: "words", words: ["acme", "bikes"] });
    expect(parseTextQuery("Ac")).toEqual({ kind: "namePrefix", prefix: "ac" });
    expect(parseTextQuery("   ")).toEqual({ kind: "none" });
  });
});

describe("audit CSV", () => {
  it("quotes what needs quoting and defuses formulas", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('say "hi", then')).toBe('"say ""hi"", then"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    for (const formula of ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]) {
      expect(csvField(formula).replace(/^"/, "").startsWith("'")).toBe(true);
    }
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvRow(["a", "b,c"])).toBe('a,"b,c"\r\n');
  });

  it("turns the URL's filters into whole UTC days and ignores malformed ones", () => {
    const query = parseAuditQuery(
      new URLSearchParams(
        "account=acct_123&action=impersonation.started&from=2026-01-02&to=2026-01-03&staff=usr_1",
      ),
    );
    expect(auditFilters(query)).toEqual({
      actorUserId: "usr_1",
      accountId: "acct_123",
      action: "impersonation.started",
      from: Date.UTC(2026, 0, 2),
      to: Date.UTC(2026, 0, 4) - 1,
    });
    expect(auditFilters(parseAuditQuery({ account: "x'; drop", action: "nope", from: "yesterday" }))).toEqual(
      {},
    );
  });
});

describe("mirror status", () => {
  const requirements = (pastDue: string[], reason: string | null) =>
    ({ past_due: pastDue, currently_due: pastDue, disabled_reason: reason }) as Stripe.Account.Requirements;

  it("reads a new account whose first requirements are past due as onboarding, not restricted", () => {
    const base = { charges_enabled: false, payouts_enabled: false };
    expect(
      deriveAccountStatus({
        ...base,
        details_submitted: false,
        requirements: requirements(["external_account"], "requirements.past_due"),
      }),
    ).toBe("onboarding");
    expect(
      deriveAccountStatus({
        ...base,
        details_submitted: true,
        requirements: requirements(["external_account"], "requirements.past_due"),
      }),
    ).toBe("restricted");
    expect(
      deriveAccountStatus({
        ...base,
        details_submitted: true,
        requirements: requirements([], "rejected.fraud"),
      }),
    ).toBe("rejected");
    expect(
      deriveAccountStatus({
        charges_enabled: true,
        payouts_enabled: true,
        details_submitted: true,
        requirements: requirements([], null),
      }),
    ).toBe("enabled");
  });
});
