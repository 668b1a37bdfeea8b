/**
 * Payment method types of stripe-node 23.1.0's `PaymentIntentCreateParams` (API 2026-10-28.endive). The SDK types
 * also admit any string for forward compatibility; the emulator is strict and takes the named ones only.
 */
import { invalid } from "./errors";

/** `allowed_payment_method_types[]`. */
// prettier-ignore
export const ALLOWED_PAYMENT_METHOD_TYPES = [
  "acss_debit", "affirm", "afterpay_clearpay", "alipay", "alma", "amazon_pay", "au_becs_debit", "bacs_debit",
  "bancontact", "billie", "bizum", "blik", "boku_promptpay", "boleto", "capchase_pay", "card", "card_present",
  "cashapp", "check_scan", "click_to_pay", "crypto", "customer_balance", "demo_pay", "duitnow",
  "dummy_auth_push", "dummy_passthrough_card", "edenred", "eps", "fpx", "gcash", "getbalance", "gift_card",
  "giropay", "gopay", "grabpay", "id_bank_transfer", "ideal", "interac_present", "kakao_pay", "klarna", "knet",
  "konbini", "kr_card", "kr_market", "kriya", "link", "mb_way", "mobilepay", "momo", "mondu", "multibanco",
  "naver_pay", "netbanking", "ng_bank", "ng_bank_transfer", "ng_card", "ng_market", "ng_ussd", "ng_wallet",
  "nz_bank_account", "octopus", "oxxo", "p24", "paper_check", "pay_by_bank", "payco", "paynow", "paypal",
  "paypay", "payto", "pix", "promptpay", "qris", "rechnung", "revolut_pay", "samsung_pay", "satispay",
  "scalapay", "sepa_debit", "sequra", "shop_pay", "shopeepay", "sofort", "south_korea_market", "stripe_balance",
  "sunbit", "swish", "tamara", "test_pay", "touch_n_go", "truemoney", "twint", "upi", "us_bank_account",
  "us_cash_voucher", "vipps", "wechat_pay", "wero", "zip",
] as const;

/** `excluded_payment_method_types[]` (a shorter list: not every type can be excluded). */
// prettier-ignore
export const EXCLUDED_PAYMENT_METHOD_TYPES = [
  "acss_debit", "affirm", "afterpay_clearpay", "alipay", "alma", "amazon_pay", "au_becs_debit", "bacs_debit",
  "bancontact", "billie", "bizum", "blik", "boleto", "card", "cashapp", "crypto", "customer_balance", "eps",
  "fpx", "giropay", "grabpay", "ideal", "kakao_pay", "klarna", "konbini", "kr_card", "mb_way", "mobilepay",
  "multibanco", "naver_pay", "nz_bank_account", "oxxo", "p24", "pay_by_bank", "payco", "paynow", "paypal",
  "paypay", "payto", "pix", "promptpay", "revolut_pay", "samsung_pay", "satispay", "scalapay", "sepa_debit",
  "sequra", "sofort", "sunbit", "swish", "twint", "upi", "us_bank_account", "wechat_pay", "zip",
] as const;

/** The only type the sandbox can charge. */
const SANDBOX_PAYMENT_METHOD_TYPES: readonly string[] = ["card"];

/** A PaymentIntent's `payment_method_types`: the allowed ones the sandbox supports, less the excluded ones. */
export function paymentMethodTypes(allowed?: readonly string[], excluded?: readonly string[]): string[] {
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
