/** An account's Stripe Tax state, shared by the `/v1/tax/*` API and the tax components' browser endpoints. */
import type { TaxSettings } from "./objects";
import type { AccountData } from "./state";

/** The account's tax settings; an account that never set them has Stripe's defaults (pending a head office). */
export function taxSettingsOf(d: AccountData): TaxSettings {
  d.taxSettings ??= {
    object: "tax.settings",
    defaults: { tax_behavior: null, tax_code: "txcd_10000000", provider: "stripe" },
    head_office: null,
    livemode: false,
    status: "pending",
    status_details: { pending: { missing_fields: ["head_office"] } },
  };
  return d.taxSettings;
}
