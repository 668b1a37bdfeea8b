import type { JsonObject, JsonValue } from "./json";

/** Stripe object shapes (fields of the pinned version, checked by tests against emulator/schema); only fields the emulator mutates are typed narrowly. */

export type Address = {
  city: string | null;
  country: string | null;
  line1: string | null;
  line2: string | null;
  postal_code: string | null;
  state: string | null;
};
export const emptyAddress = (): Address => ({
  city: null,
  country: null,
  line1: null,
  line2: null,
  postal_code: null,
  state: null,
});

export type StripeList<T> = { object: "list"; data: T[]; has_more: boolean; url: string };
export const list = <T>(data: T[], url: string, hasMore = false): StripeList<T> => ({
  object: "list",
  data,
  has_more: hasMore,
  url,
});

export type Customer = {
  id: string;
  object: "customer";
  address: Address | null;
  balance: number;
  created: number;
  currency: string | null;
  default_source: string | null;
  delinquent: boolean;
  description: string | null;
  discount: JsonObject | null;
  email: string | null;
  invoice_prefix: string;
  invoice_settings: JsonObject;
  livemode: false;
  metadata: Record<string, string>;
  name: string | null;
  next_invoice_sequence: number;
  phone: string | null;
  preferred_locales: string[];
  shipping: JsonObject | null;
  tax_exempt: string;
  test_clock: null;
};

/** A customer with every field at Stripe's default, and what the caller sets. */
export function newCustomer(
  fields: Pick<Customer, "id" | "created" | "invoice_prefix"> & Partial<Customer>,
): Customer {
  // Keys in Stripe's order: the caller's other fields take their places below.
  const { id, created, invoice_prefix, ...rest } = fields;
  return {
    id,
    object: "customer",
    address: null,
    balance: 0,
    created,
    currency: null,
    default_source: null,
    delinquent: false,
    description: null,
    discount: null,
    email: null,
    invoice_prefix,
    invoice_settings: {
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    },
    livemode: false,
    metadata: {},
    name: null,
    next_invoice_sequence: 1,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: "none",
    test_clock: null,
    ...rest,
  };
}

export type CardDetails = {
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  funding: string;
  country: string;
  fingerprint: string;
};

export type PaymentMethod = {
  id: string;
  object: "payment_method";
  allow_redisplay: string;
  billing_details: JsonObject;
  card: JsonObject;
  created: number;
  customer: string | null;
  livemode: false;
  metadata: Record<string, string>;
  type: "card";
  customer_account: null;
};

export type PaymentIntentStatus =
  | "requires_payment_method"
  | "requires_confirmation"
  | "requires_action"
  | "processing"
  | "requires_capture"
  | "canceled"
  | "succeeded";

export type LastPaymentError = {
  type: string;
  code: string;
  decline_code: string | null;
  message: string;
  charge: string | null;
  doc_url: string;
  payment_method: PaymentMethod | null;
};

export type PaymentIntent = {
  id: string;
  object: "payment_intent";
  amount: number;
  amount_capturable: number;
  amount_details: JsonObject;
  amount_received: number;
  application: string | null;
  application_fee_amount: number | null;
  allowed_payment_method_types: string[] | null;
  automatic_payment_methods: { enabled: boolean; allow_redirects?: "always" | "never" } | null;
  canceled_at: number | null;
  cancellation_reason: string | null;
  capture_method: "automatic" | "automatic_async" | "manual";
  client_secret: string;
  confirmation_method: "automatic" | "manual";
  created: number;
  currency: string;
  customer: string | null;
  description: string | null;
  last_payment_error: LastPaymentError | null;
  latest_charge: string | null;
  livemode: false;
  metadata: Record<string, string>;
  next_action: JsonObject | null;
  on_behalf_of: string | null;
  payment_method: string | null;
  payment_method_configuration_details: JsonObject | null;
  /** The PaymentRecord of payments recorded outside Stripe: none in the sandbox. */
  payment_record: null;
  payment_method_options: JsonObject;
  payment_method_types: string[];
  processing: JsonObject | null;
  receipt_email: string | null;
  review: null;
  setup_future_usage: string | null;
  shipping: JsonObject | null;
  statement_descriptor: string | null;
  statement_descriptor_suffix: string | null;
  status: PaymentIntentStatus;
  transfer_data: { destination: string; amount?: number } | null;
  transfer_group: string | null;
  source: null;
  excluded_payment_method_types: string[] | null;
  customer_account: null;
  managed_payments: { enabled: boolean };
};

export type Refund = {
  id: string;
  object: "refund";
  amount: number;
  balance_transaction: string | null;
  charge: string;
  created: number;
  currency: string;
  destination_details: JsonObject;
  metadata: Record<string, string>;
  payment_intent: string | null;
  reason: string | null;
  receipt_number: string | null;
  source_transfer_reversal: string | null;
  status: "pending" | "succeeded" | "failed" | "canceled";
  transfer_reversal: string | null;
  customer: string | null;
  customer_account: null;
  payment_method: string | null;
};

export type Charge = {
  id: string;
  object: "charge";
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  application: string | null;
  application_fee: string | null;
  application_fee_amount: number | null;
  balance_transaction: string | null;
  billing_details: JsonObject;
  calculated_statement_descriptor: string | null;
  captured: boolean;
  created: number;
  currency: string;
  customer: string | null;
  description: string | null;
  disputed: boolean;
  failure_balance_transaction: string | null;
  failure_code: string | null;
  failure_message: string | null;
  fraud_details: JsonObject;
  livemode: false;
  metadata: Record<string, string>;
  on_behalf_of: string | null;
  outcome: JsonObject | null;
  paid: boolean;
  payment_intent: string | null;
  payment_method: string | null;
  payment_method_details: JsonObject | null;
  receipt_email: string | null;
  receipt_number: string | null;
  receipt_url: string | null;
  refunded: boolean;
  refunds: StripeList<Refund>;
  review: null;
  shipping: JsonObject | null;
  source_transfer: string | null;
  statement_descriptor: string | null;
  statement_descriptor_suffix: string | null;
  status: "succeeded" | "pending" | "failed";
  transfer_data: { amount: number | null; destination: string } | null;
  transfer_group: string | null;
  source: null;
};

export type DisputeStatus =
  | "warning_needs_response"
  | "warning_under_review"
  | "warning_closed"
  | "needs_response"
  | "under_review"
  | "won"
  | "lost";

export type BalanceTransaction = {
  id: string;
  object: "balance_transaction";
  amount: number;
  available_on: number;
  created: number;
  currency: string;
  description: string | null;
  exchange_rate: number | null;
  fee: number;
  fee_details: {
    amount: number;
    application: string | null;
    currency: string;
    description: string;
    type: string;
  }[];
  net: number;
  reporting_category: string;
  source: string | null;
  status: "available" | "pending";
  type: string;
  balance_type: "payments";
};

export type Dispute = {
  id: string;
  object: "dispute";
  amount: number;
  balance_transactions: BalanceTransaction[];
  charge: string;
  created: number;
  currency: string;
  evidence: Record<string, JsonValue>;
  evidence_details: {
    due_by: number;
    has_evidence: boolean;
    past_due: boolean;
    submission_count: number;
    submission_method: "manual" | "not_submitted";
    enhanced_eligibility: JsonObject;
  };
  intended_submission_method: string | null;
  is_charge_refundable: boolean;
  livemode: false;
  metadata: Record<string, string>;
  payment_intent: string | null;
  payment_method_details: JsonObject;
  reason: string;
  status: DisputeStatus;
  enhanced_eligibility_types: string[];
};

export type BankAccount = {
  id: string;
  object: "bank_account";
  account: string;
  account_holder_name: string | null;
  account_holder_type: string | null;
  account_type: string | null;
  available_payout_methods: string[];
  bank_name: string;
  country: string;
  currency: string;
  customer: null;
  default_for_currency: boolean;
  fingerprint: string;
  last4: string;
  metadata: Record<string, string>;
  routing_number: string;
  status: "new" | "validated" | "verified" | "verification_failed" | "errored";
};

export type Payout = {
  id: string;
  object: "payout";
  amount: number;
  application_fee: string | null;
  application_fee_amount: number | null;
  arrival_date: number;
  automatic: boolean;
  balance_transaction: string | null;
  created: number;
  currency: string;
  description: string | null;
  destination: string | null;
  failure_balance_transaction: string | null;
  failure_code: string | null;
  failure_message: string | null;
  livemode: false;
  metadata: Record<string, string>;
  method: "standard" | "instant";
  original_payout: string | null;
  reconciliation_status: "not_applicable" | "in_progress" | "completed";
  reversed_by: string | null;
  source_type: string;
  statement_descriptor: string | null;
  status: "paid" | "pending" | "in_transit" | "canceled" | "failed";
  type: "bank_account" | "card";
  trace_id: { status: string; value: string | null } | null;
  payout_method: null;
};

export type Transfer = {
  id: string;
  object: "transfer";
  amount: number;
  amount_reversed: number;
  balance_transaction: string | null;
  created: number;
  currency: string;
  description: string | null;
  destination: string;
  destination_payment: string | null;
  livemode: false;
  metadata: Record<string, string>;
  reversals: StripeList<JsonObject>;
  reversed: boolean;
  source_transaction: string | null;
  source_type: string;
  transfer_group: string | null;
};

export type ApplicationFee = {
  id: string;
  object: "application_fee";
  account: string;
  amount: number;
  amount_refunded: number;
  application: string;
  balance_transaction: string | null;
  charge: string;
  created: number;
  currency: string;
  fee_source: { charge: string; type: "charge" };
  livemode: false;
  originating_transaction: string | null;
  refunded: boolean;
  refunds: StripeList<JsonObject>;
};

export type StripeEvent = {
  id: string;
  object: "event";
  account?: string;
  api_version: string;
  created: number;
  data: { object: JsonValue; previous_attributes?: JsonObject };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
};

export type TaxRegistration = {
  id: string;
  object: "tax.registration";
  active_from: number;
  country: string;
  country_options: JsonObject;
  created: number;
  expires_at: number | null;
  livemode: false;
  status: "active" | "expired" | "scheduled";
};

export type TaxSettings = {
  object: "tax.settings";
  defaults: { tax_behavior: string | null; tax_code: string | null; provider: string };
  head_office: { address: Address } | null;
  livemode: false;
  status: "active" | "pending";
  status_details: JsonObject;
};

/** Card brand details for a charge's payment_method_details. */
export function cardPaymentDetails(card: CardDetails, amount: number, checks: string | null): JsonObject {
  return {
    card: {
      amount_authorized: amount,
      brand: card.brand,
      checks: { address_line1_check: null, address_postal_code_check: checks, cvc_check: "pass" },
      country: card.country,
      exp_month: card.exp_month,
      exp_year: card.exp_year,
      extended_authorization: { status: "disabled" },
      fingerprint: card.fingerprint,
      funding: card.funding,
      incremental_authorization: { status: "unavailable" },
      installments: null,
      last4: card.last4,
      mandate: null,
      multicapture: { status: "unavailable" },
      network: card.brand,
      network_token: { used: false },
      overcapture: { maximum_amount_capturable: amount, status: "unavailable" },
      three_d_secure: null,
      wallet: null,
      electronic_commerce_indicator: null,
      authorization_code: null,
      regulated_status: "unregulated",
      network_transaction_id: null,
      transaction_link_id: null,
    },
    type: "card",
  };
}
