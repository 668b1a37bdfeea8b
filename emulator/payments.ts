import { statementDescriptor } from "./account-model";
import { cardDetails, cardForNumber, cardForToken, type TestCard } from "./cards";
import type { EmulatorConfig } from "./config";
import { invalid, missing, StripeError, stateError } from "./errors";
import { newId, now, randomChars } from "./ids";
import { isJsonObject, type JsonObject } from "./json";
import { addTxn, stripeFee } from "./ledger";
import {
  cardPaymentDetails,
  emptyAddress,
  list,
  type ApplicationFee,
  type BalanceTransaction,
  type Charge,
  type Dispute,
  type PaymentIntent,
  type PaymentMethod,
  type Refund,
  type Transfer,
} from "./objects";
import { paymentMethodTypes } from "./payment-method-types";
import { mergeEcho } from "./schema/echo-params";
import { PLATFORM_APPLICATION, type AccountData, type State } from "./state";

export type Ctx = { state: State; config: EmulatorConfig; accountId: string };

export const CURRENCIES = [
  "usd",
  "eur",
  "gbp",
  "cad",
  "aud",
  "jpy",
  "chf",
  "sek",
  "nok",
  "dkk",
  "nzd",
  "sgd",
  "hkd",
  "mxn",
  "brl",
  "pln",
  "czk",
];
const MIN_AMOUNT: Record<string, number> = { usd: 50, eur: 50, gbp: 30, cad: 50, aud: 50, jpy: 50 };
/** Stripe's dispute fee and dispute countered fee (USD 15.00). */
const DISPUTE_FEE = 1500;

export function checkAmount(amount: number, currency: string): void {
  if (!CURRENCIES.includes(currency))
    throw invalid(
      `Invalid currency: ${currency}. Stripe currently supports these currencies: ${CURRENCIES.join(", ")}`,
      "currency",
    );
  const min = MIN_AMOUNT[currency] ?? 50;
  if (amount < min)
    throw new StripeError(
      400,
      {
        type: "invalid_request_error",
        code: "amount_too_small",
        param: "amount",
        message: `Amount must be at least ${min} ${currency}`,
      },
      { persist: false },
    );
  if (amount > 99999999)
    throw invalid("Amount must be no more than 999,999.99", "amount", "amount_too_large");
}

export function billingDetails(input?: {
  name?: string;
  email?: string;
  phone?: string;
  postal_code?: string;
}): JsonObject {
  return {
    address: { ...emptyAddress(), postal_code: input?.postal_code ?? null },
    email: input?.email ?? null,
    name: input?.name ?? null,
    phone: input?.phone ?? null,
    tax_id: null,
  };
}

/** Creates a card PaymentMethod from a test token (`pm_card_visa`) or raw test card number. */
export function createPaymentMethod(
  ctx: Ctx,
  card: TestCard,
  opts: { exp_month?: number; exp_year?: number; billing?: JsonObject; customer?: string | null } = {},
): PaymentMethod {
  const details = cardDetails(card, opts.exp_month, opts.exp_year);
  const pm: PaymentMethod = {
    id: newId("pm"),
    object: "payment_method",
    allow_redisplay: "unspecified",
    billing_details: opts.billing ?? billingDetails(),
    card: {
      brand: details.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: "unchecked" },
      country: details.country,
      display_brand: details.brand,
      exp_month: details.exp_month,
      exp_year: details.exp_year,
      fingerprint: details.fingerprint,
      funding: details.funding,
      generated_from: null,
      last4: details.last4,
      networks: { available: [details.brand], preferred: null },
      three_d_secure_usage: { supported: true },
      wallet: null,
      regulated_status: "unregulated",
    },
    created: now(),
    customer: opts.customer ?? null,
    livemode: false,
    metadata: {},
    type: "card",
    customer_account: null,
  };
  const d = ctx.state.dataFor(ctx.accountId);
  d.paymentMethods.set(pm.id, pm);
  d.pmCards.set(pm.id, card.number);
  return pm;
}

/** Resolves `payment_method` (a test token or an existing pm_ id) to a stored PaymentMethod. */
export function resolvePaymentMethod(ctx: Ctx, id: string, param = "payment_method"): PaymentMethod {
  const d = ctx.state.dataFor(ctx.accountId);
  const existing = d.paymentMethods.get(id);
  if (existing) return existing;
  const card = cardForToken(id);
  if (!card)
    throw new StripeError(400, {
      type: "invalid_request_error",
      code: "resource_missing",
      param,
      message: `No such PaymentMethod: '${id}'`,
    });
  return createPaymentMethod(ctx, card);
}

export function cardFromNumber(number: string, param: string): TestCard {
  const card = cardForNumber(number);
  if (!card)
    throw new StripeError(402, {
      type: "card_error",
      code: "incorrect_number",
      param,
      message: "Your card number is incorrect.",
    });
  return card;
}

export function newPaymentIntent(
  ctx: Ctx,
  p: {
    amount: number;
    currency: string;
    customer?: string | null;
    description?: string | null;
    metadata?: Record<string, string>;
    capture_method?: PaymentIntent["capture_method"];
    payment_method?: string | null;
    allowed_payment_method_types?: string[];
    excluded_payment_method_types?: string[];
    application_fee_amount?: number | null;
    transfer_data?: PaymentIntent["transfer_data"];
    on_behalf_of?: string | null;
    receipt_email?: string | null;
    statement_descriptor?: string | null;
    statement_descriptor_suffix?: string | null;
    transfer_group?: string | null;
    setup_future_usage?: string | null;
    automatic_payment_methods?: NonNullable<PaymentIntent["automatic_payment_methods"]>;
    created?: number;
  },
): PaymentIntent {
  // An explicit list turns automatic payment methods off unless they are asked for, as at Stripe.
  const automatic = p.automatic_payment_methods ?? { enabled: !p.allowed_payment_method_types };
  const types = paymentMethodTypes(p.allowed_payment_method_types, p.excluded_payment_method_types);
  const id = newId("pi");
  const pi: PaymentIntent = {
    id,
    object: "payment_intent",
    amount: p.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application:
      ctx.accountId !== ctx.state.platform.id && p.application_fee_amount ? PLATFORM_APPLICATION : null,
    application_fee_amount: p.application_fee_amount ?? null,
    allowed_payment_method_types: p.allowed_payment_method_types ?? null,
    automatic_payment_methods: automatic.enabled ? automatic : null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: p.capture_method ?? "automatic_async",
    client_secret: `${id}_secret_${randomChars(25)}`,
    confirmation_method: "automatic",
    created: p.created ?? now(),
    currency: p.currency,
    customer: p.customer ?? null,
    description: p.description ?? null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: p.metadata ?? {},
    next_action: null,
    on_behalf_of: p.on_behalf_of ?? null,
    payment_method: p.payment_method ?? null,
    payment_record: null,
    payment_method_configuration_details: automatic.enabled
      ? { id: "pmc_portico_default", parent: null }
      : null,
    payment_method_options: {
      card: { installments: null, mandate_options: null, network: null, request_three_d_secure: "automatic" },
    },
    payment_method_types: types,
    processing: null,
    receipt_email: p.receipt_email ?? null,
    review: null,
    setup_future_usage: p.setup_future_usage ?? null,
    shipping: null,
    statement_descriptor: p.statement_descriptor ?? null,
    statement_descriptor_suffix: p.statement_descriptor_suffix ?? null,
    status: p.payment_method ? "requires_confirmation" : "requires_payment_method",
    transfer_data: p.transfer_data ?? null,
    transfer_group: p.transfer_group ?? null,
    source: null,
    excluded_payment_method_types: p.excluded_payment_method_types ?? null,
    customer_account: null,
    managed_payments: { enabled: false },
  };
  ctx.state.dataFor(ctx.accountId).paymentIntents.add(pi);
  ctx.state.dirty = true;
  return pi;
}

function newCharge(ctx: Ctx, pi: PaymentIntent, pm: PaymentMethod, card: TestCard, prefix = "ch"): Charge {
  const details = cardDetails(card, Number(pm.card.exp_month), Number(pm.card.exp_year));
  const id = newId(prefix);
  const account = ctx.state.account(ctx.accountId);
  const descriptor = (account && statementDescriptor(account)) ?? "PORTICO";
  return {
    id,
    object: "charge",
    amount: pi.amount,
    amount_captured: 0,
    amount_refunded: 0,
    application: pi.application,
    application_fee: null,
    application_fee_amount: pi.application_fee_amount,
    balance_transaction: null,
    billing_details: pm.billing_details,
    calculated_statement_descriptor: pi.statement_descriptor ?? descriptor,
    captured: false,
    created: now(),
    currency: pi.currency,
    customer: pi.customer,
    description: pi.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    fraud_details: {},
    livemode: false,
    metadata: { ...pi.metadata },
    on_behalf_of: pi.on_behalf_of,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: "approved_by_network",
      reason: null,
      seller_message: "Payment complete.",
      type: "authorized",
    },
    paid: true,
    payment_intent: pi.id,
    payment_method: pm.id,
    payment_method_details: cardPaymentDetails(details, pi.amount, null),
    receipt_email: pi.receipt_email,
    receipt_number: null,
    receipt_url: `https://pay.stripe.com/receipts/payment/${randomChars(40)}`,
    refunded: false,
    refunds: list([], `/v1/charges/${id}/refunds`),
    review: null,
    shipping: pi.shipping ? structuredClone(pi.shipping) : null,
    source_transfer: null,
    statement_descriptor: pi.statement_descriptor,
    statement_descriptor_suffix: pi.statement_descriptor_suffix,
    status: "succeeded",
    transfer_data: pi.transfer_data
      ? { amount: pi.transfer_data.amount ?? null, destination: pi.transfer_data.destination }
      : null,
    transfer_group: pi.transfer_group,
    source: null,
  };
}

/** A confirm of an intent in any other status is refused (before its params are taken). */
export function assertConfirmable(pi: PaymentIntent): void {
  if (pi.status !== "requires_payment_method" && pi.status !== "requires_confirmation")
    throw stateError(
      `This PaymentIntent's payment_method could not be updated because it has a status of ${pi.status}. You may only update the payment_method of a PaymentIntent with one of the following statuses: requires_payment_method, requires_confirmation, requires_action.`,
      "payment_intent_unexpected_state",
    );
}

/** Confirms a PaymentIntent with its payment method; a declined card answers 402 like Stripe. */
export function confirmPaymentIntent(
  ctx: Ctx,
  pi: PaymentIntent,
  opts: { created?: number } = {},
): PaymentIntent {
  const { state } = ctx;
  const d = state.dataFor(ctx.accountId);
  assertConfirmable(pi);
  if (!pi.payment_method) {
    throw stateError(
      "You cannot confirm this PaymentIntent because it's missing a payment method. To confirm the PaymentIntent with cus_, specify a payment method attached to this customer along with the customer ID.",
      "payment_intent_unexpected_state",
    );
  }
  const pm = d.paymentMethods.get(pi.payment_method);
  const number = d.pmCards.get(pi.payment_method);
  const card = number ? cardForNumber(number) : undefined;
  if (!pm || !card) throw missing("PaymentMethod", pi.payment_method, "payment_method");
  const charge = newCharge(ctx, pi, pm, card);
  if (opts.created) charge.created = opts.created;
  pi.latest_charge = charge.id;
  if (card.behaviour.kind === "decline") {
    const b = card.behaviour;
    charge.status = "failed";
    charge.paid = false;
    charge.failure_code = b.code;
    charge.failure_message = b.message;
    charge.outcome = {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: "declined_by_network",
      reason: b.decline_code,
      seller_message: "The bank did not return any further details with this decline.",
      type: "issuer_declined",
    };
    d.charges.add(charge);
    pi.status = "requires_payment_method";
    pi.payment_method = null;
    pi.last_payment_error = {
      type: "card_error",
      code: b.code,
      decline_code: b.decline_code,
      message: b.message,
      charge: charge.id,
      doc_url: `https://stripe.com/docs/error-codes/${b.code.replace(/_/g, "-")}`,
      payment_method: pm,
    };
    state.emit(ctx.accountId, "charge.failed", charge);
    state.emit(ctx.accountId, "payment_intent.payment_failed", pi);
    state.dirty = true;
    throw new StripeError(402, {
      type: "card_error",
      code: b.code,
      decline_code: b.decline_code,
      message: b.message,
      charge: charge.id,
      doc_url: pi.last_payment_error.doc_url,
      payment_intent: structuredClone(pi),
    });
  }
  d.charges.add(charge);
  pi.last_payment_error = null;
  if (pi.capture_method === "manual") {
    pi.status = "requires_capture";
    pi.amount_capturable = pi.amount;
    state.emit(ctx.accountId, "charge.succeeded", charge);
    state.emit(ctx.accountId, "payment_intent.amount_capturable_updated", pi);
  } else {
    capture(ctx, pi, charge, pi.amount, card, "charge.succeeded");
  }
  state.dirty = true;
  return pi;
}

/** Captures a charge: balance transaction, fees, application fee and destination transfer. */
function capture(
  ctx: Ctx,
  pi: PaymentIntent,
  charge: Charge,
  amount: number,
  card: TestCard,
  eventType: string,
): void {
  const { state, config } = ctx;
  const pending = card.behaviour.kind !== "bypass_pending";
  const fee = stripeFee(amount);
  const isDirectOnConnected = ctx.accountId !== state.platform.id;
  const appFee = pi.application_fee_amount ?? 0;
  const feeDetails: BalanceTransaction["fee_details"] = [
    {
      amount: fee,
      application: null,
      currency: pi.currency,
      description: "Stripe processing fees",
      type: "stripe_fee",
    },
  ];
  if (isDirectOnConnected && appFee > 0) {
    feeDetails.push({
      amount: appFee,
      application: PLATFORM_APPLICATION,
      currency: pi.currency,
      description: "Portico application fee",
      type: "application_fee",
    });
  }
  const txn = addTxn(
    state,
    ctx.accountId,
    {
      amount,
      currency: pi.currency,
      type: "charge",
      reporting_category: "charge",
      source: charge.id,
      description: pi.description,
      fee_details: feeDetails,
      pending,
      created: charge.created,
    },
    config,
  );
  charge.balance_transaction = txn.id;
  charge.captured = true;
  charge.amount_captured = amount;
  if (amount < charge.amount) charge.amount_refunded = charge.amount - amount;
  pi.status = "succeeded";
  pi.amount_received = amount;
  pi.amount_capturable = 0;

  if (appFee > 0) {
    const feeAccount = isDirectOnConnected ? ctx.accountId : (pi.transfer_data?.destination ?? ctx.accountId);
    const fee = createApplicationFee(ctx, charge, feeAccount, appFee, pending, isDirectOnConnected);
    charge.application_fee = fee.id;
  }
  if (!isDirectOnConnected && pi.transfer_data) {
    const transferAmount = pi.transfer_data.amount ?? amount - appFee;
    createDestinationTransfer(ctx, charge, pi.transfer_data.destination, transferAmount, pending);
  }
  state.emit(ctx.accountId, eventType, charge);
  state.emit(ctx.accountId, "payment_intent.succeeded", pi);
  if (card.behaviour.kind === "dispute") {
    createDispute(ctx, charge, card.behaviour.reason, card.behaviour.inquiry);
  }
}

function createApplicationFee(
  ctx: Ctx,
  charge: Charge,
  account: string,
  amount: number,
  pending: boolean,
  withTxn: boolean,
): ApplicationFee {
  const { state, config } = ctx;
  const id = newId("fee");
  const platform = state.platform.id;
  const txn = withTxn
    ? addTxn(
        state,
        platform,
        {
          amount,
          currency: charge.currency,
          type: "application_fee",
          reporting_category: "platform_earning",
          source: id,
          description: null,
          pending,
          created: charge.created,
        },
        config,
      )
    : null;
  const fee: ApplicationFee = {
    id,
    object: "application_fee",
    account,
    amount,
    amount_refunded: 0,
    application: PLATFORM_APPLICATION,
    balance_transaction: txn?.id ?? null,
    charge: charge.id,
    created: charge.created,
    currency: charge.currency,
    fee_source: { charge: charge.id, type: "charge" },
    livemode: false,
    originating_transaction: null,
    refunded: false,
    refunds: list([], `/v1/application_fees/${id}/refunds`),
  };
  state.dataFor(platform).applicationFees.add(fee);
  state.emit(platform, "application_fee.created", fee);
  return fee;
}

function createDestinationTransfer(
  ctx: Ctx,
  charge: Charge,
  destination: string,
  amount: number,
  pending: boolean,
): Transfer {
  const { state, config } = ctx;
  const id = newId("tr");
  const platform = state.platform.id;
  const txn = addTxn(
    state,
    platform,
    {
      amount: -amount,
      currency: charge.currency,
      type: "transfer",
      reporting_category: "transfer",
      source: id,
      pending,
      created: charge.created,
    },
    config,
  );
  // The connected account sees the funds as a `py_` payment.
  const pyId = newId("py");
  const destTxn = addTxn(
    state,
    destination,
    {
      amount,
      currency: charge.currency,
      type: "payment",
      reporting_category: "charge",
      source: pyId,
      pending,
      created: charge.created,
    },
    config,
  );
  const payment: Charge = {
    ...structuredClone(charge),
    id: pyId,
    amount,
    amount_captured: amount,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: destTxn.id,
    billing_details: billingDetails(),
    customer: null,
    payment_intent: null,
    payment_method: null,
    payment_method_details: { stripe_account: {}, type: "stripe_account" },
    refunds: list([], `/v1/charges/${pyId}/refunds`),
    source_transfer: id,
    transfer_data: null,
    outcome: null,
    receipt_url: null,
  };
  state.dataFor(destination).charges.add(payment);
  const transfer: Transfer = {
    id,
    object: "transfer",
    amount,
    amount_reversed: 0,
    balance_transaction: txn.id,
    created: charge.created,
    currency: charge.currency,
    description: null,
    destination,
    destination_payment: pyId,
    livemode: false,
    metadata: {},
    reversals: list([], `/v1/transfers/${id}/reversals`),
    reversed: false,
    source_transaction: charge.id,
    source_type: "card",
    transfer_group: charge.transfer_group ?? `group_${charge.payment_intent ?? charge.id}`,
  };
  state.dataFor(platform).transfers.add(transfer);
  state.dataFor(platform).chargeTransfer.set(charge.id, id);
  state.emit(platform, "transfer.created", transfer);
  return transfer;
}

/** A capture of an intent not held, or of more than it holds, is refused (before its params are taken). */
export function assertCapturable(pi: PaymentIntent, amountToCapture?: number): number {
  if (pi.status !== "requires_capture")
    throw stateError(
      `This PaymentIntent could not be captured because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
      "payment_intent_unexpected_state",
    );
  const amount = amountToCapture ?? pi.amount_capturable;
  if (amount > pi.amount_capturable || amount <= 0)
    throw invalid(
      `The amount_to_capture must be greater than 0 and at most ${pi.amount_capturable}.`,
      "amount_to_capture",
      "amount_too_large",
    );
  return amount;
}

export function capturePaymentIntent(ctx: Ctx, pi: PaymentIntent, amountToCapture?: number): PaymentIntent {
  const d = ctx.state.dataFor(ctx.accountId);
  const amount = assertCapturable(pi, amountToCapture);
  const charge = pi.latest_charge ? d.charges.get(pi.latest_charge) : undefined;
  const number = charge?.payment_method ? d.pmCards.get(charge.payment_method) : undefined;
  const card = number ? cardForNumber(number) : undefined;
  if (!charge || !card) throw missing("charge", pi.latest_charge ?? "");
  capture(ctx, pi, charge, amount, card, "charge.captured");
  ctx.state.dirty = true;
  return pi;
}

const CANCELABLE = [
  "requires_payment_method",
  "requires_capture",
  "requires_confirmation",
  "requires_action",
  "processing",
];

export function cancelPaymentIntent(ctx: Ctx, pi: PaymentIntent, reason?: string): PaymentIntent {
  if (!CANCELABLE.includes(pi.status))
    throw stateError(
      `You cannot cancel this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(", ")}.`,
      "payment_intent_unexpected_state",
    );
  const d = ctx.state.dataFor(ctx.accountId);
  if (pi.status === "requires_capture" && pi.latest_charge) {
    const charge = d.charges.get(pi.latest_charge);
    if (charge) {
      charge.amount_refunded = charge.amount;
      charge.refunded = true;
      ctx.state.emit(ctx.accountId, "charge.expired", charge);
    }
  }
  pi.status = "canceled";
  pi.canceled_at = now();
  pi.cancellation_reason = reason ?? null;
  pi.amount_capturable = 0;
  ctx.state.emit(ctx.accountId, "payment_intent.canceled", pi);
  ctx.state.dirty = true;
  return pi;
}

export function findCharge(d: AccountData, id: string): Charge | undefined {
  if (id.startsWith("pi_")) {
    const pi = d.paymentIntents.get(id);
    return pi?.latest_charge ? d.charges.get(pi.latest_charge) : undefined;
  }
  return d.charges.get(id);
}

export function createRefund(
  ctx: Ctx,
  charge: Charge,
  p: {
    amount?: number;
    reason?: string;
    metadata?: Record<string, string>;
    refund_application_fee?: boolean;
    reverse_transfer?: boolean;
    created?: number;
    /** The request's params the refund shows back (`echoParams`). */
    echo?: JsonObject;
  },
): Refund {
  const { state, config } = ctx;
  const d = state.dataFor(ctx.accountId);
  if (!charge.captured)
    throw stateError(
      `Charge ${charge.id} has not been captured; cancel its PaymentIntent to release the authorization.`,
      "charge_not_captured",
    );
  if (
    charge.disputed &&
    d.chargeDispute.get(charge.id) &&
    d.disputes.get(d.chargeDispute.get(charge.id) ?? "")?.is_charge_refundable === false
  )
    throw stateError(`Charge ${charge.id} has been charged back; cannot issue a refund.`, "charge_disputed");
  const remaining = charge.amount_captured - charge.amount_refunded;
  if (remaining <= 0)
    throw stateError(`Charge ${charge.id} has already been refunded.`, "charge_already_refunded");
  const amount = p.amount ?? remaining;
  if (amount <= 0) throw invalid("Invalid positive integer", "amount");
  if (amount > remaining)
    throw stateError(
      `Refund amount ($${(amount / 100).toFixed(2)}) is greater than unrefunded amount on charge ($${(remaining / 100).toFixed(2)})`,
      "amount_too_large",
      "amount",
    );
  const id = newId("re");
  const txn = addTxn(
    state,
    ctx.accountId,
    {
      amount: -amount,
      currency: charge.currency,
      type: "refund",
      reporting_category: "refund",
      source: id,
      description: "REFUND FOR CHARGE",
      pending: false,
      created: p.created,
    },
    config,
  );
  const refund: Refund = {
    id,
    object: "refund",
    amount,
    balance_transaction: txn.id,
    charge: charge.id,
    created: p.created ?? now(),
    currency: charge.currency,
    destination_details: { card: { type: "refund" }, type: "card" },
    metadata: p.metadata ?? {},
    payment_intent: charge.payment_intent,
    reason: p.reason ?? null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: "succeeded",
    transfer_reversal: null,
    customer: charge.customer,
    customer_account: null,
    payment_method: charge.payment_method,
  };
  if (p.echo) mergeEcho("Refund", refund, p.echo);
  d.refunds.add(refund);
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded >= charge.amount;
  charge.refunds.data.unshift(refund);
  charge.refunds.data = charge.refunds.data.slice(0, 10);
  // Direct charge: optionally give back the platform's application fee in proportion.
  if (p.refund_application_fee && charge.application_fee) {
    const fees = state.dataFor(state.platform.id).applicationFees;
    const fee = fees.get(charge.application_fee);
    if (fee) {
      const back = Math.min(
        fee.amount - fee.amount_refunded,
        Math.round((fee.amount * amount) / charge.amount),
      );
      if (back > 0) {
        fee.amount_refunded += back;
        fee.refunded = fee.amount_refunded >= fee.amount;
        const frId = newId("fr");
        const frTxn = addTxn(
          state,
          state.platform.id,
          {
            amount: -back,
            currency: fee.currency,
            type: "application_fee_refund",
            reporting_category: "platform_earning_refund",
            source: frId,
            pending: false,
          },
          config,
        );
        fee.refunds.data.unshift({
          amount: back,
          balance_transaction: frTxn.id,
          created: now(),
          currency: fee.currency,
          fee: fee.id,
          id: frId,
          metadata: {},
          object: "fee_refund",
        });
        addTxn(
          state,
          ctx.accountId,
          {
            amount: back,
            currency: fee.currency,
            type: "application_fee_refund",
            reporting_category: "fee",
            source: fee.id,
            pending: false,
          },
          config,
        );
        state.emit(state.platform.id, "application_fee.refunded", fee);
      }
    }
  }
  const transferId = d.chargeTransfer.get(charge.id);
  if (p.reverse_transfer && transferId) {
    const transfer = d.transfers.get(transferId);
    if (transfer) {
      const back = Math.min(
        transfer.amount - transfer.amount_reversed,
        Math.round((transfer.amount * amount) / charge.amount),
      );
      if (back > 0) {
        const trrId = newId("trr");
        transfer.amount_reversed += back;
        transfer.reversed = transfer.amount_reversed >= transfer.amount;
        const t1 = addTxn(
          state,
          ctx.accountId,
          {
            amount: back,
            currency: transfer.currency,
            type: "transfer_cancel",
            reporting_category: "transfer_reversal",
            source: trrId,
            pending: false,
          },
          config,
        );
        addTxn(
          state,
          transfer.destination,
          {
            amount: -back,
            currency: transfer.currency,
            type: "payment_refund",
            reporting_category: "refund",
            source: trrId,
            pending: false,
          },
          config,
        );
        transfer.reversals.data.unshift({
          id: trrId,
          object: "transfer_reversal",
          amount: back,
          balance_transaction: t1.id,
          created: now(),
          currency: transfer.currency,
          destination_payment_refund: null,
          metadata: {},
          source_refund: id,
          transfer: transfer.id,
        });
        refund.transfer_reversal = trrId;
        state.emit(ctx.accountId, "transfer.reversed", transfer);
      }
    }
  }
  state.emit(ctx.accountId, "charge.refunded", charge);
  state.emit(ctx.accountId, "refund.created", refund);
  state.dirty = true;
  return refund;
}

export const EVIDENCE_FIELDS = [
  "access_activity_log",
  "billing_address",
  "cancellation_policy",
  "cancellation_policy_disclosure",
  "cancellation_rebuttal",
  "customer_communication",
  "customer_email_address",
  "customer_name",
  "customer_purchase_ip",
  "customer_signature",
  "duplicate_charge_documentation",
  "duplicate_charge_explanation",
  "duplicate_charge_id",
  "product_description",
  "receipt",
  "refund_policy",
  "refund_policy_disclosure",
  "refund_refusal_explanation",
  "service_date",
  "service_documentation",
  "shipping_address",
  "shipping_carrier",
  "shipping_date",
  "shipping_documentation",
  "shipping_tracking_number",
  "uncategorized_file",
  "uncategorized_text",
] as const;

export function createDispute(
  ctx: Ctx,
  charge: Charge,
  reason: string,
  inquiry: boolean,
  created?: number,
): Dispute {
  const { state, config } = ctx;
  const d = state.dataFor(ctx.accountId);
  const id = newId("dp");
  const at = created ?? now();
  const evidence: Record<string, null | JsonObject> = { enhanced_evidence: {} };
  for (const f of EVIDENCE_FIELDS) evidence[f] = null;
  const dispute: Dispute = {
    id,
    object: "dispute",
    amount: charge.amount_captured - charge.amount_refunded,
    balance_transactions: [],
    charge: charge.id,
    created: at,
    currency: charge.currency,
    evidence,
    evidence_details: {
      due_by: at + 7 * 86400,
      has_evidence: false,
      past_due: false,
      submission_count: 0,
      submission_method: "not_submitted",
      enhanced_eligibility: {},
    },
    intended_submission_method: null,
    is_charge_refundable: inquiry,
    livemode: false,
    metadata: {},
    payment_intent: charge.payment_intent,
    payment_method_details: {
      card: {
        brand: "visa",
        case_type: inquiry ? "inquiry" : "chargeback",
        network_reason_code: reason === "fraudulent" ? "10.4" : "13.1",
        network: "visa",
      },
      type: "card",
    },
    reason,
    status: inquiry ? "warning_needs_response" : "needs_response",
    enhanced_eligibility_types: [],
  };
  if (!inquiry) {
    const txn = addTxn(
      state,
      ctx.accountId,
      {
        amount: -dispute.amount,
        currency: charge.currency,
        type: "adjustment",
        reporting_category: "dispute",
        source: id,
        description: `Chargeback withdrawal for ${charge.id}`,
        fee_details: [
          {
            amount: DISPUTE_FEE,
            application: null,
            currency: charge.currency,
            description: "Dispute fee",
            type: "stripe_fee",
          },
        ],
        pending: false,
        created: at,
      },
      config,
    );
    dispute.balance_transactions.push(structuredClone(txn));
  }
  charge.disputed = true;
  d.disputes.add(dispute);
  d.chargeDispute.set(charge.id, id);
  state.emit(ctx.accountId, "charge.dispute.created", dispute);
  if (!inquiry) state.emit(ctx.accountId, "charge.dispute.funds_withdrawn", dispute);
  state.dirty = true;
  return dispute;
}

/** Countering a dispute costs a fee at Stripe (not for accounts in Mexico or Japan); winning returns it. */
function countersWithFee(ctx: Ctx): boolean {
  const country = ctx.state.account(ctx.accountId)?.country;
  return country !== "MX" && country !== "JP";
}

export function updateDispute(
  ctx: Ctx,
  dispute: Dispute,
  p: { evidence?: Record<string, string>; echo?: JsonObject; submit?: boolean },
  opts: { decideAt?: number } = {},
): Dispute {
  const open = ["needs_response", "warning_needs_response"];
  if (!open.includes(dispute.status))
    throw stateError(
      `This dispute is already ${dispute.status === "under_review" || dispute.status === "warning_under_review" ? "under review" : "closed"} and cannot be updated.`,
      "dispute_already_closed",
    );
  const previous: JsonObject = { evidence: structuredClone(dispute.evidence) };
  if (p.evidence) {
    for (const [k, v] of Object.entries(p.evidence)) dispute.evidence[k] = v === "" ? null : v;
  }
  if (p.echo) mergeEcho("Dispute", dispute, p.echo);
  if (p.evidence || isJsonObject(p.echo?.evidence)) dispute.evidence_details.has_evidence = true;
  if (p.submit ?? true) {
    const chargeback = dispute.status === "needs_response";
    dispute.status = chargeback ? "under_review" : "warning_under_review";
    dispute.evidence_details.submission_count += 1;
    dispute.evidence_details.submission_method = "manual";
    // Countering a chargeback costs the dispute countered fee (a Stripe fee, not part of the dispute's own
    // withdrawal and reinstatement transactions); it comes back if the dispute is won.
    if (chargeback && countersWithFee(ctx))
      addTxn(
        ctx.state,
        ctx.accountId,
        {
          amount: -DISPUTE_FEE,
          currency: dispute.currency,
          type: "stripe_fee",
          reporting_category: "fee",
          source: dispute.id,
          description: "Dispute countered fee",
          pending: false,
        },
        ctx.config,
      );
    const text = String(dispute.evidence.uncategorized_text ?? "");
    if (text.includes("winning_evidence") || text.includes("losing_evidence")) {
      ctx.state.schedule({
        kind: "dispute",
        at: opts.decideAt ?? now() + ctx.config.disputeResolutionSeconds,
        account: ctx.accountId,
        id: dispute.id,
      });
    }
  }
  ctx.state.emit(ctx.accountId, "charge.dispute.updated", dispute, previous);
  ctx.state.dirty = true;
  return dispute;
}

export function closeDispute(ctx: Ctx, dispute: Dispute): Dispute {
  if (!["needs_response", "warning_needs_response"].includes(dispute.status))
    throw stateError(
      `This dispute is already ${dispute.status} and cannot be closed.`,
      "dispute_already_closed",
    );
  dispute.status = dispute.status === "warning_needs_response" ? "warning_closed" : "lost";
  dispute.is_charge_refundable = false;
  ctx.state.emit(ctx.accountId, "charge.dispute.closed", dispute);
  ctx.state.dirty = true;
  return dispute;
}

/**
 * Decides a dispute whose evidence carries Stripe's `winning_evidence` / `losing_evidence` markers. Won: a
 * `dispute_reversal` transaction gives back the disputed amount and the countered fee (the dispute fee itself is not
 * returned, as at Stripe since 2025); lost: nothing more moves.
 */
export function resolveDispute(ctx: Ctx, dispute: Dispute, at: number = now()): void {
  if (dispute.status !== "under_review" && dispute.status !== "warning_under_review") return;
  const won = String(dispute.evidence.uncategorized_text ?? "").includes("winning_evidence");
  if (dispute.status === "warning_under_review") {
    dispute.status = "warning_closed";
  } else if (won) {
    dispute.status = "won";
    const countered = ctx.state
      .dataFor(ctx.accountId)
      .balanceTransactions.toArray()
      .some((t) => t.source === dispute.id && t.type === "stripe_fee");
    const txn = addTxn(
      ctx.state,
      ctx.accountId,
      {
        amount: dispute.amount,
        currency: dispute.currency,
        type: "adjustment",
        reporting_category: "dispute_reversal",
        source: dispute.id,
        description: `Chargeback reversal for ${dispute.charge}`,
        fee_details: countered
          ? [
              {
                amount: -DISPUTE_FEE,
                application: null,
                currency: dispute.currency,
                description: "Dispute countered fee refund",
                type: "stripe_fee",
              },
            ]
          : [],
        pending: false,
        created: at,
      },
      ctx.config,
    );
    dispute.balance_transactions.push(structuredClone(txn));
    ctx.state.emit(ctx.accountId, "charge.dispute.funds_reinstated", dispute);
  } else {
    dispute.status = "lost";
  }
  ctx.state.emit(ctx.accountId, "charge.dispute.closed", dispute);
  ctx.state.dirty = true;
}
