/**
 * Money as Stripe counts it: integer amounts in the currency's smallest unit (cents), except for zero-decimal
 * currencies. No dependencies: client components format amounts with it too.
 */

const ZERO_DECIMAL = new Set([
  "bif",
  "clp",
  "djf",
  "gnf",
  "jpy",
  "kmf",
  "krw",
  "mga",
  "pyg",
  "rwf",
  "ugx",
  "vnd",
  "vuv",
  "xaf",
  "xof",
  "xpf",
]);

/** Stripe amounts are in the currency's minor unit; "$120.00" for 12000 usd, in the reader's locale. */
export function formatStripeAmount(amount: number, currency: string, locale: string): string {
  const code = currency.toLowerCase();
  const major = ZERO_DECIMAL.has(code) ? amount : amount / 100;
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency: code.toUpperCase() }).format(major);
  } catch {
    return `${major.toFixed(2)} ${code.toUpperCase()}`;
  }
}
