/** Params stored as given where the object has the same path, filled to the object's shape (every field, null). */
import type Stripe from "stripe";
import { toJsonObject, type JsonObject } from "../json";
import { emptyAddress } from "../objects";

/** `shipping` of payment intents and charges (the address param is partial; the object lists every field). */
export function shippingObject(s: Stripe.PaymentIntentCreateParams.Shipping): JsonObject {
  return {
    address: { ...emptyAddress(), ...toJsonObject(s.address) },
    carrier: s.carrier ?? null,
    name: s.name,
    phone: s.phone ?? null,
    tracking_number: s.tracking_number ?? null,
  };
}

/** A customer's `invoice_settings[custom_fields]` and `[rendering_options]` as the object shows them. */
export function invoiceSettingsEcho(s: Stripe.CustomerCreateParams.InvoiceSettings | undefined): {
  custom_fields?: JsonObject[] | null;
  rendering_options?: JsonObject | null;
} {
  if (!s) return {};
  const out: { custom_fields?: JsonObject[] | null; rendering_options?: JsonObject | null } = {};
  if (s.custom_fields !== undefined)
    out.custom_fields =
      s.custom_fields === "" || s.custom_fields === null
        ? null
        : s.custom_fields.map((f) => ({ name: f.name, value: f.value }));
  if (s.rendering_options !== undefined)
    out.rendering_options =
      s.rendering_options === "" || s.rendering_options === null
        ? null
        : {
            amount_tax_display: s.rendering_options.amount_tax_display ?? null,
            template: s.rendering_options.template ?? null,
          };
  return out;
}
