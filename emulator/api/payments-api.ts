import { z } from "zod";
import { accountStatus } from "../account-model";
import { invalid } from "../errors";
import { listCollection } from "../list";
import type { Charge, Dispute, PaymentIntent, Refund } from "../objects";
import {
  listParams,
  mergeMetadata,
  parseParams,
  zArr,
  zBool,
  zEnum,
  zExpand,
  zInt,
  zMetadata,
  zPositiveInt,
  zStr,
} from "../params";
import {
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
import {
  ALLOWED_PAYMENT_METHOD_TYPES,
  EXCLUDED_PAYMENT_METHOD_TYPES,
  paymentMethodTypes,
} from "../payment-method-types";
import type { ApiRequest, Router } from "../router";
import {
  listRoute,
  metadataUpdateRoute,
  pathObject,
  retrieveRoute,
  type PickCollection,
} from "./route-helpers";

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

const confirmShape = {
  payment_method: zStr.optional(),
  payment_method_data: zPaymentMethodData.optional(),
  return_url: zStr.optional(),
  receipt_email: zStr.optional(),
  off_session: zBool.optional(),
  error_on_requires_action: zBool.optional(),
  use_stripe_sdk: zBool.optional(),
  setup_future_usage: zEnum(["off_session", "on_session"]).optional(),
  capture_method: zEnum(["automatic", "automatic_async", "manual"]).optional(),
  expand: zExpand.optional(),
};

const piCreate = z.strictObject({
  ...confirmShape,
  amount: zPositiveInt,
  currency: zStr,
  customer: zStr.optional(),
  description: zStr.optional(),
  metadata: zMetadata.optional(),
  // API 2026-10-28.endive replaced `payment_method_types` with these two on create.
  allowed_payment_method_types: zArr(zEnum(ALLOWED_PAYMENT_METHOD_TYPES)).optional(),
  excluded_payment_method_types: zArr(zEnum(EXCLUDED_PAYMENT_METHOD_TYPES)).optional(),
  automatic_payment_methods: z
    .strictObject({ enabled: zBool, allow_redirects: zEnum(["always", "never"]).optional() })
    .optional(),
  confirm: zBool.optional(),
  confirmation_method: zEnum(["automatic", "manual"]).optional(),
  application_fee_amount: zPositiveInt.optional(),
  transfer_data: z.strictObject({ destination: zStr, amount: zPositiveInt.optional() }).optional(),
  on_behalf_of: zStr.optional(),
  statement_descriptor: zStr.optional(),
  statement_descriptor_suffix: zStr.optional(),
  transfer_group: zStr.optional(),
  shipping: z.unknown().optional(),
});

const piUpdate = z.strictObject({
  amount: zPositiveInt.optional(),
  currency: zStr.optional(),
  customer: zStr.optional(),
  description: zStr.optional(),
  metadata: zMetadata.optional(),
  payment_method: zStr.optional(),
  receipt_email: zStr.optional(),
  application_fee_amount: zPositiveInt.optional(),
  statement_descriptor: zStr.optional(),
  statement_descriptor_suffix: zStr.optional(),
  transfer_group: zStr.optional(),
  capture_method: zEnum(["automatic", "automatic_async", "manual"]).optional(),
  expand: zExpand.optional(),
});

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

/** Applies the confirm-time parameters then confirms (shared by create+confirm, confirm and Stripe.js). */
export function applyConfirm(
  ctx: Ctx,
  pi: PaymentIntent,
  p: {
    payment_method?: string;
    payment_method_data?: PaymentMethodData;
    receipt_email?: string;
    capture_method?: PaymentIntent["capture_method"];
  },
): PaymentIntent {
  if (p.payment_method) pi.payment_method = resolvePaymentMethod(ctx, p.payment_method).id;
  else if (p.payment_method_data)
    pi.payment_method = paymentMethodFromData(ctx, p.payment_method_data, pi.customer);
  if (p.receipt_email) pi.receipt_email = p.receipt_email;
  if (p.capture_method) pi.capture_method = p.capture_method;
  return confirmPaymentIntent(ctx, pi);
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
    const p = parseParams(piCreate, req.params);
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
    if (p.confirm && !p.payment_method && !p.payment_method_data)
      throw invalid(
        "You must provide a `payment_method` or `payment_method_data` when confirming.",
        "payment_method",
      );
    const pm = p.payment_method
      ? resolvePaymentMethod(ctx, p.payment_method).id
      : p.payment_method_data
        ? paymentMethodFromData(ctx, p.payment_method_data, p.customer ?? null)
        : null;
    const pi = newPaymentIntent(ctx, {
      amount: p.amount,
      currency,
      customer: p.customer ?? null,
      description: p.description ?? null,
      metadata: p.metadata ? p.metadata : {},
      ...(p.capture_method ? { capture_method: p.capture_method } : {}),
      payment_method: pm,
      ...(p.allowed_payment_method_types
        ? { allowed_payment_method_types: p.allowed_payment_method_types }
        : {}),
      ...(p.excluded_payment_method_types
        ? { excluded_payment_method_types: p.excluded_payment_method_types }
        : {}),
      ...(p.automatic_payment_methods ? { automatic_payment_methods: p.automatic_payment_methods } : {}),
      application_fee_amount: p.application_fee_amount ?? null,
      transfer_data: p.transfer_data
        ? {
            destination: p.transfer_data.destination,
            ...(p.transfer_data.amount !== undefined ? { amount: p.transfer_data.amount } : {}),
          }
        : null,
      on_behalf_of: p.on_behalf_of ?? null,
      receipt_email: p.receipt_email ?? null,
      statement_descriptor: p.statement_descriptor ?? null,
      statement_descriptor_suffix: p.statement_descriptor_suffix ?? null,
      transfer_group: p.transfer_group ?? null,
      setup_future_usage: p.setup_future_usage ?? null,
    });
    ctx.state.emit(ctx.accountId, "payment_intent.created", pi);
    if (p.confirm) confirmPaymentIntent(ctx, pi);
    return pi;
  });

  listRoute(r, "/v1/payment_intents", paymentIntents, ["customer"]);
  r.on("GET", "/v1/payment_intents/:id", (req) => {
    parseParams(z.strictObject({ expand: zExpand.optional(), client_secret: zStr.optional() }), req.params);
    return getPi(req);
  });
  r.on("POST", "/v1/payment_intents/:id", (req) => {
    const pi = getPi(req);
    const p = parseParams(piUpdate, req.params);
    if (!["requires_payment_method", "requires_confirmation", "requires_action"].includes(pi.status))
      throw invalid(
        `This PaymentIntent's amount could not be updated because it has a status of ${pi.status}.`,
        undefined,
        "payment_intent_unexpected_state",
      );
    if (p.amount !== undefined) {
      checkAmount(p.amount, p.currency ?? pi.currency);
      pi.amount = p.amount;
    }
    if (p.currency) pi.currency = p.currency.toLowerCase();
    if (p.customer !== undefined) pi.customer = p.customer || null;
    if (p.description !== undefined) pi.description = p.description || null;
    if (p.payment_method) {
      pi.payment_method = resolvePaymentMethod(req.ctx, p.payment_method).id;
      pi.status = "requires_confirmation";
    }
    if (p.receipt_email !== undefined) pi.receipt_email = p.receipt_email || null;
    if (p.application_fee_amount !== undefined) pi.application_fee_amount = p.application_fee_amount;
    if (p.statement_descriptor !== undefined) pi.statement_descriptor = p.statement_descriptor || null;
    if (p.statement_descriptor_suffix !== undefined)
      pi.statement_descriptor_suffix = p.statement_descriptor_suffix || null;
    if (p.transfer_group !== undefined) pi.transfer_group = p.transfer_group || null;
    if (p.capture_method) pi.capture_method = p.capture_method;
    pi.metadata = mergeMetadata(pi.metadata, p.metadata);
    req.ctx.state.dirty = true;
    return pi;
  });
  r.on("POST", "/v1/payment_intents/:id/confirm", (req) => {
    const pi = getPi(req);
    const p = parseParams(z.strictObject({ ...confirmShape, client_secret: zStr.optional() }), req.params);
    return applyConfirm(req.ctx, pi, p);
  });
  r.on("POST", "/v1/payment_intents/:id/capture", (req) => {
    const pi = getPi(req);
    const p = parseParams(
      z.strictObject({
        amount_to_capture: zPositiveInt.optional(),
        application_fee_amount: zPositiveInt.optional(),
        metadata: zMetadata.optional(),
        statement_descriptor: zStr.optional(),
        expand: zExpand.optional(),
      }),
      req.params,
    );
    if (p.application_fee_amount !== undefined) pi.application_fee_amount = p.application_fee_amount;
    pi.metadata = mergeMetadata(pi.metadata, p.metadata);
    return capturePaymentIntent(req.ctx, pi, p.amount_to_capture);
  });
  r.on("POST", "/v1/payment_intents/:id/cancel", (req) => {
    const pi = getPi(req);
    const p = parseParams(
      z.strictObject({
        cancellation_reason: zEnum([
          "duplicate",
          "fraudulent",
          "requested_by_customer",
          "abandoned",
        ]).optional(),
        expand: zExpand.optional(),
      }),
      req.params,
    );
    return cancelPaymentIntent(req.ctx, pi, p.cancellation_reason);
  });

  // Charges
  listRoute(r, "/v1/charges", charges, ["customer", "payment_intent", "transfer_group"]);
  retrieveRoute(r, "/v1/charges", charges, "charge");
  r.on("POST", "/v1/charges/:id", (req) => {
    const c = pathObject(req, charges, "charge");
    const p = parseParams(
      z.strictObject({
        description: zStr.optional(),
        metadata: zMetadata.optional(),
        receipt_email: zStr.optional(),
        expand: zExpand.optional(),
      }),
      req.params,
    );
    if (p.description !== undefined) c.description = p.description || null;
    if (p.receipt_email !== undefined) c.receipt_email = p.receipt_email || null;
    c.metadata = mergeMetadata(c.metadata, p.metadata);
    req.ctx.state.emit(req.ctx.accountId, "charge.updated", c);
    return c;
  });
  r.on("GET", "/v1/charges/:id/refunds", (req) => {
    const p = parseParams(z.strictObject(listParams), req.params);
    const c = pathObject(req, charges, "charge");
    return listCollection(
      req.ctx.state.dataFor(req.ctx.accountId).refunds,
      p,
      `/v1/charges/${c.id}/refunds`,
      (rf) => rf.charge === c.id,
    );
  });

  // Refunds
  const refundCreate = z.strictObject({
    charge: zStr.optional(),
    payment_intent: zStr.optional(),
    amount: zPositiveInt.optional(),
    reason: zEnum(["duplicate", "fraudulent", "requested_by_customer"]).optional(),
    metadata: zMetadata.optional(),
    refund_application_fee: zBool.optional(),
    reverse_transfer: zBool.optional(),
    instructions_email: zStr.optional(),
    expand: zExpand.optional(),
  });
  r.on("POST", "/v1/refunds", (req) => {
    const p = parseParams(refundCreate, req.params);
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
      ...(p.reason ? { reason: p.reason } : {}),
      ...(p.metadata ? { metadata: p.metadata } : {}),
      ...(p.refund_application_fee !== undefined ? { refund_application_fee: p.refund_application_fee } : {}),
      ...(p.reverse_transfer !== undefined ? { reverse_transfer: p.reverse_transfer } : {}),
    });
  });
  listRoute(r, "/v1/refunds", refunds, ["charge", "payment_intent"]);
  retrieveRoute(r, "/v1/refunds", refunds, "refund");
  metadataUpdateRoute(r, "/v1/refunds", refunds, "refund");

  // Disputes
  listRoute(r, "/v1/disputes", disputes, ["charge", "payment_intent"]);
  retrieveRoute(r, "/v1/disputes", disputes, "dispute", "dispute");
  r.on("POST", "/v1/disputes/:id", (req) => {
    const dp = pathObject(req, disputes, "dispute", "dispute");
    const p = parseParams(disputeUpdate, req.params);
    return updateDispute(req.ctx, dp, {
      ...(p.evidence ? { evidence: evidenceStrings(p.evidence) } : {}),
      ...(p.metadata ? { metadata: p.metadata } : {}),
      ...(p.submit !== undefined ? { submit: p.submit } : {}),
    });
  });
  r.on("POST", "/v1/disputes/:id/close", (req) => {
    const dp = pathObject(req, disputes, "dispute", "dispute");
    parseParams(z.strictObject({ expand: zExpand.optional() }), req.params);
    return closeDispute(req.ctx, dp);
  });
}

const evidenceShape: Record<string, z.ZodOptional<typeof zStr>> = {};
for (const f of EVIDENCE_FIELDS) evidenceShape[f] = zStr.optional();
export const zEvidence = z.strictObject(evidenceShape);
export const disputeUpdate = z.strictObject({
  evidence: zEvidence.optional(),
  metadata: zMetadata.optional(),
  submit: zBool.optional(),
  expand: zExpand.optional(),
});

export function evidenceStrings(e: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(e)) if (v !== undefined) out[k] = v;
  return out;
}
