import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../emulator/json";
import { echoInto, echoParams, mergeEcho, mergeGiven, overlayGiven } from "../../emulator/schema/echo-params";
import { newCustomer } from "../../emulator/objects";
import { objectProblems } from "../../emulator/schema/validate-object";

/** A customer as the emulator creates it, every field at its default. */
function customer(): JsonObject {
  return { ...newCustomer({ id: "cus_1", created: 1, invoice_prefix: "ABC" }) };
}

describe("echoParams: params projected onto the object's fields", () => {
  it("keeps same-path params, drops write-only ones and those behaviour owns", () => {
    const echo = echoParams("PaymentIntent", {
      description: "Order 7",
      confirm: true,
      payment_method: "pm_card_visa",
      payment_method_data: { type: "card" },
      shipping: { name: "Ada", address: { line1: "1 Main St" } },
      expand: ["latest_charge"],
    });
    expect(echo).toEqual({
      description: "Order 7",
      shipping: { name: "Ada", address: { line1: "1 Main St" } },
    });
  });

  it("coerces form strings to the field's type and drops values outside a closed enum", () => {
    expect(echoParams("Customer", { balance: "123", tax_exempt: "exempt" })).toEqual({
      balance: 123,
      tax_exempt: "exempt",
    });
    expect(echoParams("Customer", { tax_exempt: "sometimes" })).toEqual({});
    expect(
      overlayGiven(
        "Account",
        { settings: { payouts: { debit_negative_balances: true } } },
        {
          settings: { payouts: { debit_negative_balances: "false" } },
        },
      ),
    ).toEqual({ settings: { payouts: { debit_negative_balances: false } } });
  });

  it("leaves paths a handler owns to it", () => {
    expect(echoParams("Customer", { name: "Ada", email: "a@example.com" }, ["email"])).toEqual({
      name: "Ada",
    });
  });
});

describe("mergeEcho: Stripe's update semantics on a stored object", () => {
  it("gives a new sub-object its full shape and merges later sub-hashes into it", () => {
    const c = customer();
    echoInto("Customer", c, { shipping: { name: "Ada", address: { line1: "1 Main St" } } });
    expect(c.shipping).toEqual({
      address: { city: null, country: null, line1: "1 Main St", line2: null, postal_code: null, state: null },
      name: "Ada",
    });
    echoInto("Customer", c, { shipping: { address: { city: "Paris" } } });
    expect(c.shipping).toMatchObject({ name: "Ada", address: { line1: "1 Main St", city: "Paris" } });
    expect(objectProblems("Customer", c)).toEqual([]);
  });

  it("unsets with an empty string: null where nullable, one metadata key or all", () => {
    const c = customer();
    echoInto("Customer", c, {
      description: "VIP",
      preferred_locales: ["fr"],
      metadata: { a: "1", b: "2" },
      address: { line1: "1 Main St" },
    });
    echoInto("Customer", c, { description: "", preferred_locales: "", metadata: { a: "" }, address: "" });
    expect(c).toMatchObject({
      description: null,
      preferred_locales: null,
      metadata: { b: "2" },
      address: null,
    });
    echoInto("Customer", c, { metadata: "" });
    expect(c.metadata).toEqual({});
  });

  it("replaces arrays, each object in them with every field of its shape", () => {
    const c = customer();
    echoInto("Customer", c, { invoice_settings: { custom_fields: [{ name: "PO", value: "42" }] } });
    echoInto("Customer", c, { invoice_settings: { custom_fields: [{ name: "Ref", value: "7" }] } });
    expect(c.invoice_settings).toEqual({
      custom_fields: [{ name: "Ref", value: "7" }],
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    });
  });

  it("merges a projection computed once into any object of the type", () => {
    const echo = echoParams("Customer", { name: "Ada" });
    expect(mergeEcho("Customer", customer(), echo).name).toBe("Ada");
  });
});

describe("sparse stores of given params", () => {
  it("merge sub-hashes, replace arrays and delete what is unset", () => {
    let store: JsonObject = {};
    store = mergeGiven(store, { settings: { branding: { icon: "file_1", primary_color: "#000" } } });
    store = mergeGiven(store, {
      settings: { branding: { icon: "" }, invoices: { default_account_tax_ids: ["t"] } },
    });
    expect(store).toEqual({
      settings: { branding: { primary_color: "#000" }, invoices: { default_account_tax_ids: ["t"] } },
    });
    store = mergeGiven(store, { settings: { branding: { primary_color: "" } } });
    expect(store).toEqual({ settings: { invoices: { default_account_tax_ids: ["t"] } } });
  });

  it("are laid over a rendered object, which keeps its defaults elsewhere", () => {
    const rendered = {
      business_profile: { mcc: null, support_address: null, url: null },
    } as JsonObject;
    const out = overlayGiven("Account", rendered, {
      business_profile: { mcc: "5734", support_address: { city: "Lyon" }, tax_id: "write-only" },
    });
    expect(out.business_profile).toEqual({
      mcc: "5734",
      support_address: {
        city: "Lyon",
        country: null,
        line1: null,
        line2: null,
        postal_code: null,
        state: null,
      },
      url: null,
    });
  });
});
