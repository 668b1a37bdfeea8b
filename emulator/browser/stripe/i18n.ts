/** Payment Element labels and Stripe.js's client-side validation messages (en, fr). */

const EN = {
  number: "Card number",
  expiry: "Expiration date",
  cvc: "Security code",
  postal: "ZIP code",
  postalIntl: "Postal code",
  card: "Card",
  sandbox: "Sandbox",
  testHint: "Test mode: use 4242 4242 4242 4242, any future date and any CVC.",
  incomplete_number: "Your card number is incomplete.",
  invalid_number: "Your card number is invalid.",
  incomplete_expiry: "Your card's expiration date is incomplete.",
  invalid_expiry_month: "Your card's expiration date is invalid.",
  invalid_expiry_year_past: "Your card's expiration year is in the past.",
  incomplete_cvc: "Your card's security code is incomplete.",
  incomplete_zip: "Your postal code is incomplete.",
} as const;

export type PeKey = keyof typeof EN;

const FR: Record<PeKey, string> = {
  number: "Numéro de carte",
  expiry: "Date d'expiration",
  cvc: "Code de sécurité",
  postal: "Code postal",
  postalIntl: "Code postal",
  card: "Carte",
  sandbox: "Sandbox",
  testHint: "Mode test : utilisez 4242 4242 4242 4242, une date future et n'importe quel CVC.",
  incomplete_number: "Le numéro de votre carte est incomplet.",
  invalid_number: "Le numéro de votre carte est invalide.",
  incomplete_expiry: "La date d'expiration de votre carte est incomplète.",
  invalid_expiry_month: "La date d'expiration de votre carte n'est pas valide.",
  invalid_expiry_year_past: "L'année d'expiration de votre carte est déjà passée.",
  incomplete_cvc: "Le code de sécurité de votre carte est incomplet.",
  incomplete_zip: "Votre code postal est incomplet.",
};

export function label(locale: string | undefined, key: PeKey): string {
  const lang = (locale && locale !== "auto" ? locale : navigator.language).split("-")[0]?.toLowerCase();
  return lang === "fr" ? FR[key] : EN[key];
}
