import type Stripe from "stripe";
import { z } from "zod";
import { accountStatus } from "../account-model";
import { invalid } from "../errors";
import type { Charge, Dispute, PaymentIntent, Refund } from "../objects";
import { known, nonNegative, zInt, zStr } from "../params";

const CAPTURE_METHODS = ["automatic", "automatic_async", "manual"] as const;
import {
  assertCapturable,
  assertConfirmable,
  billingDetails,
  cancelPaymentIntent,
  capturePaymentIntent,
  cardFromNumber,
  checkAmount,
  closeDispute,
  confirmPaymentIntent,
  createPaymentMethod,
  createRefund,
  EVIDENCE_FIELDS,
  findCharge,
  newPaymentIntent,
  resolvePaymentMethod,
  updateDispute,
  type Ctx,
} from "../payments";
import { paymentMethodTypes } from "../payment-method-types";
import { paramsAs, type ApiRequest, type Router } from "../router";
import { listRoute, echoUpdateRoute, pathObject, retrieveRoute, type PickCollection } from "./route-helpers";
import { echoInto, echoParams } from "../schema/echo-params";

/** Card details as the emulator's Stripe.js stand-in sends them to its own confirm endpoint (`browser-api.ts`). */
export const zPaymentMethodData = z.strictObject({
  type: z.literal("card"),
  card: z.strictObject({
    number: zStr,
    exp_month: zInt.optional(),
    exp_year: zInt.optional(),
    cvc: zStr.optional(),
  }),
  billing_details: z
    .strictObject({
      name: zStr.optional(),
      email: zStr.optional(),
      phone: zStr.optional(),
      address: z
        .strictObject({
          postal_code: zStr.optional(),
          line1: zStr.optional(),
          line2: zStr.optional(),
          city: zStr.optional(),
          state: zStr.optional(),
          country: zStr.optional(),
        })
        .optional(),
    })
    .optional(),
});
type PaymentMethodData = z.output<typeof zPaymentMethodData>;

/**
 * `/v1` calls cannot carry card numbers (Stripe defines no `payment_method_data[card]`), and the sandbox has no
 * other payment method type to create: the param is recognised but the emulator asks for a `payment_method`.
 */
function refuseServerPaymentMethodData(given: unknown): void {
  if (given !== undefined)
    throw invalid(
      "The emulator creates payment methods from Stripe.js or test ids (e.g. pm_card_visa); pass `payment_method` instead of `payment_method_data`.",
      "payment_method_data[type]",
    );
}

export function paymentMethodFromData(ctx: Ctx, data: PaymentMethodData, customer: string | null): string {
  const card = cardFromNumber(data.card.number, "payment_method_data[card][number]");
  const bd = data.billing_details;
  const billing = billingDetails({
    ...(bd?.name ? { name: bd.name } : {}),
    ...(bd?.email ? { email: bd.email } : {}),
    ...(bd?.phone ? { phone: bd.phone } : {}),
    ...(bd?.address?.postal_code ? { postal_code: bd.address.postal_code } : {}),
  });
  return createPaymentMethod(ctx, card, {
    ...(data.card.exp_month ? { exp_month: data.card.exp_month } : {}),
    ...(data.card.exp_year ? { exp_year: data.card.exp_year } : {}),
    billing,
    customer,
  }).id;
}

/** Takes the payment method to confirm with, then confirms (shared by create+confirm, confirm and Stripe.js). */
export function applyConfirm(
  ctx: Ctx,
  pi: PaymentIntent,
  p: { payment_method?: string; payment_method_data?: PaymentMethodData },
): PaymentIntent {
  if (p.payment_method) pi.payment_method = resolvePaymentMethod(ctx, p.payment_method).id;
  else if (p.payment_method_data)
    pi.payment_method = paymentMethodFromData(ctx, p.payment_method_data, pi.customer);
  return confirmPaymentIntent(ctx, pi);
}

/** `transfer_data[amount]` changes what a destination charge transfers: others have no transfer to change. */
function onlyDestinationCharges(pi: PaymentIntent, given: { amount?: number } | undefined): void {
  if (given?.amount === undefined) return;
  if (!pi.transfer_data)
    throw invalid(
      "transfer_data[amount] can only be set on a PaymentIntent created with transfer_data[destination].",
      "transfer_data[amount]",
    );
  nonNegative(given.amount, "transfer_data[amount]");
  if (given.amount > pi.amount)
    throw invalid("The transfer amount cannot be greater than the charge amount.", "transfer_data[amount]");
}

/** New allowed or excluded types change the types the intent can be paid with (checked like a create's). */
function retypes(
  pi: PaymentIntent,
  p: {
    allowed_payment_method_types?: string[];
    excluded_payment_method_types?: Stripe.Emptyable<string[]>;
  },
): void {
  const allowed = p.allowed_payment_method_types;
  const excluded = p.excluded_payment_method_types;
  if (allowed === undefined && excluded === undefined) return;
  pi.payment_method_types = paymentMethodTypes(
    allowed ?? pi.allowed_payment_method_types ?? undefined,
    excluded === undefined ? (pi.excluded_payment_method_types ?? undefined) : excluded || undefined,
  );
}

const paymentIntents: PickCollection<PaymentIntent> = (d) => d.paymentIntents;
const charges: PickCollection<Charge> = (d) => d.charges;
const refunds: PickCollection<Refund> = (d) => d.refunds;
const disputes: PickCollection<Dispute> = (d) => d.disputes;

function getPi(req: ApiRequest): PaymentIntent {
  return pathObject(req, paymentIntents, "payment_intent", "intent");
}

export function registerPaymentRoutes(r: Router): void {
  r.on("POST", "/v1/payment_intents", (req) => {
    const { ctx } = req;
    const p = paramsAs<Stripe.PaymentIntentCreateParams>(req);
    nonNegative(p.amount, "amount");
    nonNegative(p.application_fee_amount, "application_fee_amount");
    nonNegative(p.transfer_data?.amount, "transfer_data[amount]");
    refuseServerPaymentMethodData(p.payment_method_data);
    const currency = p.currency.toLowerCase();
    checkAmount(p.amount, currency);
    const d = ctx.state.dataFor(ctx.accountId);
    if (p.customer && !d.customers.has(p.customer))
      throw invalid(`No such customer: '${p.customer}'`, "customer", "resource_missing");
    if (p.transfer_data) {
      if (req.onBehalf)
        throw invalid(
          "Destination charges cannot be made on behalf of a connected account.",
          "transfer_data[destination]",
        );
      const dest = ctx.state.accounts.get(p.transfer_data.destination);
      if (!dest)
        throw invalid(
          `No such destination: '${p.transfer_data.destination}'`,
          "transfer_data[destination]",
          "resource_missing",
        );
      if (!dest.capabilities.transfers?.requested || accountStatus(dest).capability !== "active")
        throw invalid(
          "Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments",
          "transfer_data[destination]",
          "insufficient_capabilities_for_transfer",
        );
      if (p.transfer_data.amount !== undefined && p.transfer_data.amount > p.amount)
        throw invalid(
          "The transfer amount cannot be greater than the charge amount.",
          "transfer_data[amount]",
        );
    }
    if (p.on_behalf_of && !ctx.state.accounts.has(p.on_behalf_of))
      throw invalid(`No such account: '${p.on_behalf_of}'`, "on_behalf_of", "resource_missing");
    if (p.application_fee_amount !== undefined) {
      if (!req.onBehalf && !p.transfer_data)
        throw invalid(
          "Can only apply an application_fee_amount when the PaymentIntent is attempting a direct payment (using an OAuth key or Stripe-Account header) or destination payment (using `transfer_data[destination]`).",
          "application_fee_amount",
        );
      if (p.application_fee_amount > p.amount)
        throw invalid("The application fee cannot be greater than the amount.", "application_fee_amount");
    }
    paymentMethodTypes(p.allowed_payment_method_types, p.excluded_payment_method_types);
    if (p.confirm && !p.payment_method)
      throw invalid(
        "You must provide a `payment_method` or `payment_method_data` when confirming.",
        "payment_method",
      );
    const pm = p.payment_method ? resolvePaymentMethod(ctx, p.payment_method).id : null;
    // What decides behaviour (amounts, fees, the destination, the types); every other param is echoed below.
    const pi = newPaymentIntent(ctx, {
      amount: p.amount,
      currency,
      customer: p.customer ?? null,
      ...(p.capture_method
        ? { capture_method: known(p.capture_method, CAPTURE_METHODS, "capture_method") }
        : {}),
      payment_method: pm,
      ...(p.allowed_payment_method_types
        ? { allowed_payment_method_types: p.allowed_payment_method_types }
        : {}),
      ...(p.excluded_payment_method_types
        ? { excluded_payment_method_types: p.excluded_payment_method_types }
        : {}),
      ...(p.automatic_payment_methods
        ? {
            automatic_payment_methods: {
              enabled: p.automatic_payment_methods.enabled,
              ...(p.automatic_payment_methods.allow_redirects
                ? {
                    allow_redirects: known(
                      p.automatic_payment_methods.allow_redirects,
                      ["always", "never"],
                      "automatic_payment_methods[allow_redirects]",
                    ),
                  }
                : {}),
            },
          }
        : {}),
      application_fee_amount: p.application_fee_amount ?? null,
      transfer_data: p.transfer_data
        ? {
            destination: p.transfer_data.destination,
            ...(p.transfer_data.amount !== undefined ? { amount: p.transfer_data.amount } : {}),
          }
        : null,
      on_behalf_of: p.on_behalf_of ?? null,
    });
    echoInto("PaymentIntent", pi, req.params);
    ctx.state.emit(ctx.accountId, "payment_intent.created", pi);
    if (p.confirm) confirmPaymentIntent(ctx, pi);
    return pi;
  });

  listRoute(r, "/v1/payment_intents", paymentIntents, ["customer"]);
  r.on("GET", "/v1/payment_intents/:id", (req) => getPi(req));
  r.on("POST", "/v1/payment_intents/:id", (req) => {
    const pi = getPi(req);
    const p = paramsAs<Stripe.PaymentIntentUpdateParams>(req);
    nonNegative(p.amount, "amount");
    nonNegative(p.application_fee_amount || undefined, "application_fee_amount");
    if (!["requires_payment_method", "requires_confirmation", "requires_action"].includes(pi.status))
      throw invalid(
        `This PaymentIntent's amount could not be updated because it has a status of ${pi.status}.`,
        undefined,
        "payment_intent_unexpected_state",
      );
    if (p.amount !== undefined) checkAmount(p.amount, p.currency?.toLowerCase() ?? pi.currency);
    if (p.currency) pi.currency = p.currency.toLowerCase();
    if (p.payment_method) {
      pi.payment_method = resolvePaymentMethod(req.ctx, p.payment_method).id;
      pi.status = "requires_confirmation";
    }
    if (p.capture_method) known(p.capture_method, CAPTURE_METHODS, "capture_method");
    onlyDestinationCharges(pi, p.transfer_data);
    retypes(pi, p);
    echoInto("PaymentIntent", pi, req.params);
    req.ctx.state.dirty = true;
    return pi;
  });
  r.on("POST", "/v1/payment_intents/:id/confirm", (req) => {
    const pi = getPi(req);
    const p = paramsAs<Stripe.PaymentIntentConfirmParams>(req);
    refuseServerPaymentMethodData(p.payment_method_data);
    if (p.capture_method) known(p.capture_method, CAPTURE_METHODS, "capture_method");
    assertConfirmable(pi);
    retypes(pi, p);
    echoInto("PaymentIntent", pi, req.params);
    return applyConfirm(req.ctx, pi, p.payment_method ? { payment_method: p.payment_method } : {});
  });
  r.on("POST", "/v1/payment_intents/:id/capture", (req) => {
    const pi = getPi(req);
    const p = paramsAs<Stripe.PaymentIntentCaptureParams>(req);
    nonNegative(p.amount_to_capture, "amount_to_capture");
    nonNegative(p.application_fee_amount, "application_fee_amount");
    onlyDestinationCharges(pi, p.transfer_data);
    assertCapturable(pi, p.amount_to_capture);
    echoInto("PaymentIntent", pi, req.params);
    return capturePaymentIntent(req.ctx, pi, p.amount_to_capture);
  });
  r.on("POST", "/v1/payment_intents/:id/cancel", (req) => {
    const pi = getPi(req);
    const p = paramsAs<Stripe.PaymentIntentCancelParams>(req);
    return cancelPaymentIntent(req.ctx, pi, p.cancellation_reason);
  });

  // Charges
  listRoute(r, "/v1/charges", charges, ["customer", "payment_intent", "transfer_group"]);
  retrieveRoute(r, "/v1/charges", charges, "charge");
  r.on("POST", "/v1/charges/:id", (req) => {
    const c = pathObject(req, charges, "charge");
    echoInto("Charge", c, req.params);
    req.ctx.state.emit(req.ctx.accountId, "charge.updated", c);
    return c;
  });
  // Refunds
  r.on("POST", "/v1/refunds", (req) => {
    const p = paramsAs<Stripe.RefundCreateParams>(req);
    nonNegative(p.amount, "amount");
    const d = req.ctx.state.dataFor(req.ctx.accountId);
    if (!p.charge && !p.payment_intent)
      throw invalid(
        "One of the following params should be provided for this request: payment_intent or charge.",
        "charge",
        "parameter_missing",
      );
    const target = p.charge ?? p.payment_intent ?? "";
    const charge = findCharge(d, target);
    if (!charge)
      throw invalid(
        `No such ${p.charge ? "charge" : "payment_intent"}: '${target}'`,
        p.charge ? "charge" : "payment_intent",
        "resource_missing",
      );
    return createRefund(req.ctx, charge, {
      ...(p.amount !== undefined ? { amount: p.amount } : {}),
      echo: echoParams("Refund", req.params),
      ...(p.refund_application_fee !== undefined ? { refund_application_fee: p.refund_application_fee } : {}),
      ...(p.reverse_transfer !== undefined ? { reverse_transfer: p.reverse_transfer } : {}),
    });
  });
  listRoute(r, "/v1/refunds", refunds, ["charge", "payment_intent"]);
  retrieveRoute(r, "/v1/refunds", refunds, "refund");
  echoUpdateRoute(r, "/v1/refunds", refunds, "refund", "Refund");

  // Disputes
  listRoute(r, "/v1/disputes", disputes, ["charge", "payment_intent"]);
  retrieveRoute(r, "/v1/disputes", disputes, "dispute", "dispute");
  r.on("POST", "/v1/disputes/:id", (req) => {
    const dp = pathObject(req, disputes, "dispute", "dispute");
    const p = paramsAs<Stripe.DisputeUpdateParams>(req);
    return updateDispute(req.ctx, dp, {
      echo: echoParams("Dispute", req.params),
      ...(p.submit !== undefined ? { submit: p.submit } : {}),
    });
  });
  r.on("POST", "/v1/disputes/:id/close", (req) => {
    const dp = pathObject(req, disputes, "dispute", "dispute");
    return closeDispute(req.ctx, dp);
  });
}

/** Evidence the browser endpoints accept (the string fields the emulator stores). */
const evidenceShape: Record<string, z.ZodOptional<typeof zStr>> = {};
for (const f of EVIDENCE_FIELDS) evidenceShape[f] = zStr.optional();
export const zEvidence = z.strictObject(evidenceShape);

/** The string evidence fields the emulator stores (files as ids); nested evidence is recognised, not kept. */
export function evidenceStrings(e: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(e)) if (typeof v === "string") out[k] = v;
  return out;
}
