/**
 * Payment method types of `PaymentIntentCreateParams` in the generated API description. The SDK types also admit
 * any string for forward compatibility; the emulator takes the named ones only.
 */
import { invalid } from "./errors";
import { paramEnumValues } from "./schema/api-schema";

function checkTypes(given: readonly string[] | undefined, param: string): void {
  if (!given) return;
  const values = paramEnumValues("POST", "/v1/payment_intents", [param]);
  given.forEach((t, i) => {
    if (!values.includes(t))
      throw invalid(
        `Invalid ${param}[${i}]: must be one of ${values.join(", ")}`,
        `${param}[${i}]`,
        "parameter_invalid_enum",
      );
  });
}

/** The only type the sandbox can charge. */
const SANDBOX_PAYMENT_METHOD_TYPES: readonly string[] = ["card"];

/** A PaymentIntent's `payment_method_types`: the allowed ones the sandbox supports, less the excluded ones. */
export function paymentMethodTypes(allowed?: readonly string[], excluded?: readonly string[]): string[] {
  checkTypes(allowed, "allowed_payment_method_types");
  checkTypes(excluded, "excluded_payment_method_types");
  const types = (allowed ?? SANDBOX_PAYMENT_METHOD_TYPES).filter(
    (t) => SANDBOX_PAYMENT_METHOD_TYPES.includes(t) && !excluded?.includes(t),
  );
  if (types.length === 0)
    throw invalid(
      "None of the payment method types this PaymentIntent allows can be used in the sandbox, which supports `card` only.",
      allowed ? "allowed_payment_method_types" : "excluded_payment_method_types",
    );
  return types;
}
