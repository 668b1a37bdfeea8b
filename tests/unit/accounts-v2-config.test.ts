import { describe, expect, it } from "vitest";
import { describeRequirement } from "@/lib/accounts/requirements";
import { parsePlatformConfig } from "@/lib/config/platform-config";
import { parseEnv } from "@/lib/env/schema";
import rawConfig from "@/portico.config";

const withConnected = (patch: Record<string, unknown>) => ({
  ...rawConfig,
  connectedAccounts: { ...rawConfig.connectedAccounts, ...patch },
});

describe("connectedAccounts.api", () => {
  it("accepts the shipped controller settings on v2 (Stripe derives the same requirement collection)", () => {
    expect(parsePlatformConfig(withConnected({ api: "v2" })).connectedAccounts.api).toBe("v2");
  });

  it("refuses settings v2 cannot express, naming what to change", () => {
    const collecting = () =>
      parsePlatformConfig(
        withConnected({
          api: "v2",
          controller: {
            ...rawConfig.connectedAccounts.controller,
            lossesPayments: "stripe",
            feesPayer: "account",
          },
        }),
      );
    expect(collecting).toThrow(
      /requirementCollection.*set lossesPayments to "application", or requirementCollection to "stripe", or use api "v1"/,
    );
    const tax = () =>
      parsePlatformConfig(
        withConnected({ api: "v2", capabilities: ["card_payments", "tax_reporting_us_1099_k"] }),
      );
    expect(tax).toThrow(/tax_reporting_us_1099_k.*remove it from capabilities, or use api "v1"/);
    // The same settings are fine on v1.
    expect(() =>
      parsePlatformConfig(
        withConnected({ api: "v1", capabilities: ["card_payments", "tax_reporting_us_1099_k"] }),
      ),
    ).not.toThrow();
  });

  it("takes PORTICO_CONNECTED_ACCOUNTS_API over the config, and refuses other values", () => {
    const v2 = parseEnv({ PORTICO_CONNECTED_ACCOUNTS_API: "v2" });
    expect(v2.ok && v2.env.connectedAccountsApi).toBe("v2");
    const unset = parseEnv({});
    expect(unset.ok && unset.env.connectedAccountsApi).toBeNull();
    expect(unset.ok && unset.env.stripe.eventDestinationSecret).toBe("whsec_portico_sandbox_thin");
    const bad = parseEnv({ PORTICO_CONNECTED_ACCOUNTS_API: "v3" });
    expect(bad.ok ? [] : bad.errors).toEqual([
      expect.stringMatching(/PORTICO_CONNECTED_ACCOUNTS_API must be "v1" or "v2"/),
    ]);
  });
});

describe("v2 requirement keys in plain words", () => {
  it("reads the v2 field paths as the v1 ones", () => {
    expect(describeRequirement("identity.individual.date_of_birth.day")).toEqual({
      topic: "dob",
      subject: "individual",
    });
    expect(describeRequirement("identity.business_details.registered_name")).toEqual({
      topic: "companyName",
      subject: "company",
    });
    expect(describeRequirement("configuration.recipient.default_outbound_destination")).toEqual({
      topic: "bankAccount",
      subject: "account",
    });
    expect(describeRequirement("identity.attestations.terms_of_service.account.date")).toEqual({
      topic: "tosAcceptance",
      subject: "account",
    });
    expect(describeRequirement("configuration.merchant.mcc")).toEqual({ topic: "mcc", subject: "business" });
  });
});
