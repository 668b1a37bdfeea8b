/** Labels in en-US and fr-FR (fallback English); every amount and date goes through Intl. */

const EN = {
  sandbox: "Sandbox",
  sandboxTitle: "Rendered by Portico's offline sandbox, not by Stripe",
  loading: "Loading…",
  retry: "Try again",
  close: "Close",
  cancel: "Cancel",
  save: "Save",
  edit: "Edit",
  back: "Back",
  next: "Continue",
  done: "Done",
  submit: "Submit",
  loadMore: "Load more",
  errorTitle: "Something went wrong",
  notEnabledTitle: "Component not enabled",
  notEnabled: "The {component} component is not enabled for this account session.",
  sessionEndedTitle: "Session ended",
  sessionEnded: "You have been signed out. Reload to continue.",
  empty: "Nothing to show yet.",
  amount: "Amount",
  status: "Status",
  customer: "Customer",
  date: "Date",
  created: "Created",
  paymentMethod: "Payment method",
  description: "Description",
  id: "ID",
  type: "Type",
  net: "Net",
  fee: "Fees",
  gross: "Gross",
  count: "Count",
  total: "Total",
  payments: "Payments",
  paymentsEmpty: "No payments match these filters.",
  filterAll: "All",
  filterSucceeded: "Succeeded",
  filterRefunded: "Refunded",
  filterDisputed: "Disputed",
  filterUncaptured: "Uncaptured",
  filterFailed: "Failed",
  filterPill: "{name}: {value}",
  activeFilters: "Applied filters",
  removeFilter: "Remove filter {filter}",
  clearFilters: "Clear filters",
  moreFilters: "Filter by date, amount, payment method",
  dateFrom: "From",
  dateTo: "To",
  amountMin: "Minimum amount",
  amountMax: "Maximum amount",
  anyMethod: "Any",
  applyFilters: "Apply filters",
  pagination: "Pages",
  previous: "Previous",
  nextPage: "Next",
  rangeOfMany: "{from}–{to} of many",
  rangeOfTotal: "{from}–{to} of {total}",
  paymentDetails: "Payment details",
  refund: "Refund",
  refundPayment: "Refund payment",
  refundAmount: "Refund amount",
  refundReason: "Reason",
  reasonRequested: "Requested by customer",
  reasonDuplicate: "Duplicate",
  reasonFraudulent: "Fraudulent",
  refundSubmit: "Refund",
  refundDone: "Refund created.",
  refundAmountHint: "Up to {max}",
  refundAmountInvalid: "Enter an amount up to {max}.",
  refundConfirmTitle: "Confirm the refund",
  refundConfirmBody:
    "Refund {amount} to the customer? Refunds can't be canceled and take 5–10 business days to reach the customer.",
  refundConfirm: "Confirm refund",
  capture: "Capture",
  capturePayment: "Capture payment",
  captureDone: "Payment captured.",
  refunds: "Refunds",
  refunded: "Refunded",
  disputes: "Disputes",
  dispute: "Dispute",
  disputesEmpty: "No disputes.",
  disputeReason: "Reason",
  respondBy: "Respond by",
  respond: "Respond to dispute",
  evidence: "Evidence for the card issuer",
  evidencePlaceholder: "Explain why this payment is legitimate (receipts, tracking, correspondence).",
  submitEvidence: "Submit evidence",
  acceptDispute: "Accept dispute",
  disputeUpdated: "Dispute updated.",
  timeline: "Timeline",
  paymentCreated: "Payment created",
  balanceTransaction: "Balance transaction",
  payouts: "Payouts",
  payoutsEmpty: "No payouts yet.",
  payoutDetails: "Payout details",
  arrivalDate: "Expected arrival",
  destination: "Destination",
  method: "Method",
  methodStandard: "Standard",
  methodInstant: "Instant",
  transactions: "Transactions",
  balances: "Balances",
  available: "Available",
  pending: "Pending",
  instantAvailable: "Available for instant payout",
  payOut: "Pay out",
  payOutNow: "Pay out now",
  instantPayout: "Instant payout",
  payoutAmount: "Payout amount",
  payoutCreated: "Payout created.",
  nothingToPayOut: "No available balance to pay out.",
  schedule: "Payout schedule",
  scheduleEdit: "Edit schedule",
  interval: "Frequency",
  intervalManual: "Manual",
  intervalDaily: "Daily",
  intervalWeekly: "Weekly",
  intervalMonthly: "Monthly",
  weeklyAnchor: "Day of the week",
  monthlyAnchor: "Day of the month",
  delayDays: "Delay (days)",
  scheduleSaved: "Payout schedule updated.",
  bankAccount: "Bank account",
  bankAccountNone: "No bank account on file.",
  bankAccountAdd: "Add bank account",
  bankAccountChange: "Change bank account",
  accountHolder: "Account holder name",
  routingNumber: "Routing number",
  accountNumber: "Account number",
  country: "Country",
  currency: "Currency",
  bankSaved: "Bank account saved.",
  promoTitle: "Get paid in minutes",
  promoBody:
    "Instant payouts send your available balance to your debit card or bank account in about 30 minutes.",
  promoAction: "Pay out {amount} instantly",
  onboarding: "Account setup",
  stepBusinessType: "Business type",
  stepBusinessDetails: "Business details",
  stepPersonalDetails: "Personal details",
  stepRepresentative: "Representative",
  stepExternalAccount: "Payout bank account",
  stepTos: "Terms of service",
  stepSummary: "Review",
  stepOf: "Step {n} of {total}",
  businessTypeQuestion: "What type of business do you run?",
  btIndividual: "Individual / sole proprietor",
  btCompany: "Company",
  btNonProfit: "Non-profit",
  btGovernment: "Government entity",
  tosText: "By clicking Agree and submit, you agree to the {link} and the {privacy}.",
  tosLink: "Stripe Connected Account Agreement",
  privacyLink: "privacy policy",
  tosAccept: "Agree and submit",
  allSet: "You're all set",
  allSetBody: "Your account details are complete. Payments and payouts are enabled.",
  pendingReview: "Thanks! Your information has been submitted.",
  saveAndContinue: "Save and continue",
  exit: "Exit",
  required: "This field is required.",
  invalidValue: "Enter a valid value.",
  emailInvalid: "Enter a valid email address, such as name@example.com.",
  dobInvalid: "Enter a valid date of birth.",
  dobTooYoung: "The person must be at least 13 years old.",
  ssnLast4: "Enter the last 4 digits of the Social Security number.",
  urlInvalid: "Enter a valid website address, such as https://example.com.",
  routingLength: "Enter a 9-digit routing number.",
  routingChecksum: "This routing number isn't valid. Check it with your bank.",
  accountNumberInvalid: "Enter an account number of 5 to 17 digits.",
  accountManagement: "Account details",
  businessDetails: "Business details",
  personalDetails: "Personal details",
  businessName: "Business name",
  website: "Website",
  supportEmail: "Support email",
  supportPhone: "Support phone",
  productDescription: "Product description",
  address: "Address",
  email: "Email",
  phone: "Phone",
  saved: "Saved.",
  notSet: "Not provided",
  notifTitleOne: "{n} action required",
  notifTitleMany: "{n} actions required",
  notifPastDue: "Your account is missing required information. Payouts may be paused until you provide it.",
  notifCurrentlyDue: "Provide the following information to keep your account in good standing.",
  notifEventuallyDue: "More information will be needed soon.",
  notifAction: "Update information",
  documents: "Documents",
  documentsEmpty: "No documents available.",
  period: "Period",
  taxSettings: "Tax settings",
  headOffice: "Head office country",
  postalCode: "Postal code",
  taxCode: "Default product tax code",
  taxBehavior: "Default tax behavior",
  taxInclusive: "Inclusive",
  taxExclusive: "Exclusive",
  taxInferred: "Inferred by currency",
  taxStatus: "Status",
  taxRegistrations: "Tax registrations",
  taxRegistrationsEmpty: "No tax registrations yet.",
  addRegistration: "Add registration",
  activeFrom: "Active from",
  expiresAt: "Expires",
  expire: "Expire",
  registrationAdded: "Registration added.",
  registrationExpired: "Registration expired.",
  balanceReport: "Balance report",
  payoutReconciliation: "Payout reconciliation",
  reportEmpty: "No balance activity in this period.",
  reportUnavailable: "No payouts to reconcile yet.",
  category: "Category",
  startingBalance: "Starting balance",
  endingBalance: "Ending balance",
  activity: "Activity",
  notAvailableTitle: "Not available in the sandbox",
  notAvailableBody:
    "{component} needs Stripe's live infrastructure and cannot be shown offline. It renders normally in live mode.",
  issuingCard: "Issuing card",
  issuingCardsList: "Issuing cards",
  financialAccount: "Financial account",
  financialAccountTransactions: "Financial account transactions",
  paymentMethodSettings: "Payment method settings",
  netVolume: "Net volume",
  grossVolume: "Gross volume",
  last30Days: "Last 30 days",
  chartEmpty: "No sales in this period.",
  terminalHardwareOrders: "Terminal hardware orders",
  terminalHardwareShop: "Terminal hardware shop",
  statusSucceeded: "Succeeded",
  statusSuccessful: "Succeeded",
  statusRefunded: "Refunded",
  statusPartiallyRefunded: "Partially refunded",
  statusRefundPending: "Refund pending",
  statusDisputed: "Disputed",
  statusEarlyFraudWarning: "Fraud warning",
  statusFailed: "Failed",
  statusBlocked: "Blocked",
  statusCanceled: "Canceled",
  statusIncomplete: "Incomplete",
  statusPending: "Pending",
  statusUncaptured: "Uncaptured",
  statusPaid: "Paid",
  statusInTransit: "In transit",
  statusNeedsResponse: "Needs response",
  statusUnderReview: "Under review",
  statusWon: "Won",
  statusLost: "Lost",
  statusActive: "Active",
  statusExpired: "Expired",
  statusScheduled: "Scheduled",
  statusAvailable: "Available",
  statusEnabled: "Enabled",
  statusRestricted: "Restricted",
  guest: "Guest",
} as const;

export type LabelKey = keyof typeof EN;

const FR: Record<LabelKey, string> = {
  sandbox: "Bac à sable",
  sandboxTitle: "Affiché par le bac à sable hors ligne de Portico, et non par Stripe",
  loading: "Chargement…",
  retry: "Réessayer",
  close: "Fermer",
  cancel: "Annuler",
  save: "Enregistrer",
  edit: "Modifier",
  back: "Retour",
  next: "Continuer",
  done: "Terminé",
  submit: "Envoyer",
  loadMore: "Afficher plus",
  errorTitle: "Une erreur s'est produite",
  notEnabledTitle: "Composant non activé",
  notEnabled: "Le composant « {component} » n'est pas activé pour cette session.",
  sessionEndedTitle: "Session terminée",
  sessionEnded: "Vous avez été déconnecté. Rechargez la page pour continuer.",
  empty: "Rien à afficher pour le moment.",
  amount: "Montant",
  status: "Statut",
  customer: "Client",
  date: "Date",
  created: "Créé le",
  paymentMethod: "Moyen de paiement",
  description: "Description",
  id: "ID",
  type: "Type",
  net: "Net",
  fee: "Frais",
  gross: "Brut",
  count: "Nombre",
  total: "Total",
  payments: "Paiements",
  paymentsEmpty: "Aucun paiement ne correspond à ces filtres.",
  filterAll: "Tous",
  filterSucceeded: "Réussis",
  filterRefunded: "Remboursés",
  filterDisputed: "Contestés",
  filterUncaptured: "Non capturés",
  filterFailed: "Échoués",
  filterPill: "{name}\u00a0: {value}",
  activeFilters: "Filtres appliqués",
  removeFilter: "Retirer le filtre {filter}",
  clearFilters: "Effacer les filtres",
  moreFilters: "Filtrer par date, montant, moyen de paiement",
  dateFrom: "Du",
  dateTo: "Au",
  amountMin: "Montant minimum",
  amountMax: "Montant maximum",
  anyMethod: "Tous",
  applyFilters: "Appliquer les filtres",
  pagination: "Pages",
  previous: "Précédent",
  nextPage: "Suivant",
  rangeOfMany: "{from}–{to} sur plus de {to}",
  rangeOfTotal: "{from}–{to} sur {total}",
  paymentDetails: "Détails du paiement",
  refund: "Rembourser",
  refundPayment: "Rembourser le paiement",
  refundAmount: "Montant du remboursement",
  refundReason: "Motif",
  reasonRequested: "Demandé par le client",
  reasonDuplicate: "Doublon",
  reasonFraudulent: "Frauduleux",
  refundSubmit: "Rembourser",
  refundDone: "Remboursement créé.",
  refundAmountHint: "Jusqu'à {max}",
  refundAmountInvalid: "Saisissez un montant inférieur ou égal à {max}.",
  refundConfirmTitle: "Confirmer le remboursement",
  refundConfirmBody:
    "Rembourser {amount} au client ? Un remboursement ne peut pas être annulé et met 5 à 10 jours ouvrés à parvenir au client.",
  refundConfirm: "Confirmer le remboursement",
  capture: "Capturer",
  capturePayment: "Capturer le paiement",
  captureDone: "Paiement capturé.",
  refunds: "Remboursements",
  refunded: "Remboursé",
  disputes: "Litiges",
  dispute: "Litige",
  disputesEmpty: "Aucun litige.",
  disputeReason: "Motif",
  respondBy: "À traiter avant le",
  respond: "Répondre au litige",
  evidence: "Justificatifs destinés à la banque émettrice",
  evidencePlaceholder: "Expliquez pourquoi ce paiement est légitime (reçus, suivi, échanges).",
  submitEvidence: "Envoyer les justificatifs",
  acceptDispute: "Accepter le litige",
  disputeUpdated: "Litige mis à jour.",
  timeline: "Historique",
  paymentCreated: "Paiement créé",
  balanceTransaction: "Transaction de solde",
  payouts: "Virements",
  payoutsEmpty: "Aucun virement pour le moment.",
  payoutDetails: "Détails du virement",
  arrivalDate: "Arrivée prévue",
  destination: "Destination",
  method: "Mode de virement",
  methodStandard: "Standard",
  methodInstant: "Instantané",
  transactions: "Transactions",
  balances: "Soldes",
  available: "Disponible",
  pending: "En attente",
  instantAvailable: "Disponible pour un virement instantané",
  payOut: "Effectuer un virement",
  payOutNow: "Effectuer un virement maintenant",
  instantPayout: "Virement instantané",
  payoutAmount: "Montant du virement",
  payoutCreated: "Virement créé.",
  nothingToPayOut: "Aucun solde disponible à virer.",
  schedule: "Calendrier des virements",
  scheduleEdit: "Modifier le calendrier",
  interval: "Fréquence",
  intervalManual: "Manuel",
  intervalDaily: "Quotidien",
  intervalWeekly: "Hebdomadaire",
  intervalMonthly: "Mensuel",
  weeklyAnchor: "Jour de la semaine",
  monthlyAnchor: "Jour du mois",
  delayDays: "Délai (jours)",
  scheduleSaved: "Calendrier des virements mis à jour.",
  bankAccount: "Compte bancaire",
  bankAccountNone: "Aucun compte bancaire enregistré.",
  bankAccountAdd: "Ajouter un compte bancaire",
  bankAccountChange: "Changer de compte bancaire",
  accountHolder: "Titulaire du compte",
  routingNumber: "Numéro de routage (ABA)",
  accountNumber: "Numéro de compte",
  country: "Pays",
  currency: "Devise",
  bankSaved: "Compte bancaire enregistré.",
  promoTitle: "Soyez payé en quelques minutes",
  promoBody:
    "Les virements instantanés envoient votre solde disponible sur votre carte ou votre compte en 30 minutes environ.",
  promoAction: "Virer {amount} instantanément",
  onboarding: "Configuration du compte",
  stepBusinessType: "Type d'entreprise",
  stepBusinessDetails: "Informations sur l'entreprise",
  stepPersonalDetails: "Informations personnelles",
  stepRepresentative: "Représentant",
  stepExternalAccount: "Compte bancaire de virement",
  stepTos: "Conditions d'utilisation",
  stepSummary: "Récapitulatif",
  stepOf: "Étape {n} sur {total}",
  businessTypeQuestion: "Quel type d'activité exercez-vous ?",
  btIndividual: "Particulier / entrepreneur individuel",
  btCompany: "Société",
  btNonProfit: "Association à but non lucratif",
  btGovernment: "Entité publique",
  tosText: "En cliquant sur « Accepter et envoyer », vous acceptez le {link} et la {privacy}.",
  tosLink: "Contrat de compte connecté Stripe",
  privacyLink: "politique de confidentialité",
  tosAccept: "Accepter et envoyer",
  allSet: "Tout est prêt",
  allSetBody: "Les informations de votre compte sont complètes. Les paiements et les virements sont activés.",
  pendingReview: "Merci ! Vos informations ont été envoyées.",
  saveAndContinue: "Enregistrer et continuer",
  exit: "Quitter",
  required: "Ce champ est obligatoire.",
  invalidValue: "Saisissez une valeur valide.",
  emailInvalid: "Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.",
  dobInvalid: "Saisissez une date de naissance valide.",
  dobTooYoung: "La personne doit avoir au moins 13 ans.",
  ssnLast4: "Saisissez les 4 derniers chiffres du numéro de sécurité sociale.",
  urlInvalid: "Saisissez une adresse de site web valide, par exemple https://exemple.fr.",
  routingLength: "Saisissez un numéro de routage à 9 chiffres.",
  routingChecksum: "Ce numéro de routage n'est pas valide. Vérifiez-le auprès de votre banque.",
  accountNumberInvalid: "Saisissez un numéro de compte de 5 à 17 chiffres.",
  accountManagement: "Informations du compte",
  businessDetails: "Informations sur l'entreprise",
  personalDetails: "Informations personnelles",
  businessName: "Nom de l'entreprise",
  website: "Site web",
  supportEmail: "E-mail d'assistance",
  supportPhone: "Téléphone d'assistance",
  productDescription: "Description des produits",
  address: "Adresse",
  email: "E-mail",
  phone: "Téléphone",
  saved: "Enregistré.",
  notSet: "Non renseigné",
  notifTitleOne: "{n} action requise",
  notifTitleMany: "{n} actions requises",
  notifPastDue:
    "Des informations obligatoires manquent sur votre compte. Les virements peuvent être suspendus.",
  notifCurrentlyDue: "Fournissez les informations suivantes pour que votre compte reste en règle.",
  notifEventuallyDue: "D'autres informations seront bientôt nécessaires.",
  notifAction: "Mettre à jour les informations",
  documents: "Documents",
  documentsEmpty: "Aucun document disponible.",
  period: "Période",
  taxSettings: "Paramètres fiscaux",
  headOffice: "Pays du siège",
  postalCode: "Code postal",
  taxCode: "Code fiscal produit par défaut",
  taxBehavior: "Comportement fiscal par défaut",
  taxInclusive: "TTC",
  taxExclusive: "HT",
  taxInferred: "Déduit de la devise",
  taxStatus: "Statut",
  taxRegistrations: "Immatriculations fiscales",
  taxRegistrationsEmpty: "Aucune immatriculation fiscale.",
  addRegistration: "Ajouter une immatriculation",
  activeFrom: "Active depuis",
  expiresAt: "Expire le",
  expire: "Faire expirer",
  registrationAdded: "Immatriculation ajoutée.",
  registrationExpired: "Immatriculation expirée.",
  balanceReport: "Rapport de solde",
  payoutReconciliation: "Rapprochement des virements",
  reportEmpty: "Aucune activité sur cette période.",
  reportUnavailable: "Aucun virement à rapprocher pour le moment.",
  category: "Catégorie",
  startingBalance: "Solde initial",
  endingBalance: "Solde final",
  activity: "Activité",
  notAvailableTitle: "Non disponible dans le sandbox",
  notAvailableBody:
    "{component} nécessite l'infrastructure de Stripe et ne peut pas être affiché hors ligne. Il s'affiche normalement en mode live.",
  issuingCard: "Carte Issuing",
  issuingCardsList: "Cartes Issuing",
  financialAccount: "Compte financier",
  financialAccountTransactions: "Transactions du compte financier",
  paymentMethodSettings: "Paramètres des moyens de paiement",
  netVolume: "Volume net",
  grossVolume: "Volume brut",
  last30Days: "30 derniers jours",
  chartEmpty: "Aucune vente sur cette période.",
  terminalHardwareOrders: "Commandes de matériel Terminal",
  terminalHardwareShop: "Boutique de matériel Terminal",
  statusSucceeded: "Réussi",
  statusSuccessful: "Réussi",
  statusRefunded: "Remboursé",
  statusPartiallyRefunded: "Partiellement remboursé",
  statusRefundPending: "Remboursement en attente",
  statusDisputed: "Contesté",
  statusEarlyFraudWarning: "Alerte de fraude",
  statusFailed: "Échoué",
  statusBlocked: "Bloqué",
  statusCanceled: "Annulé",
  statusIncomplete: "Incomplet",
  statusPending: "En attente",
  statusUncaptured: "Non capturé",
  statusPaid: "Payé",
  statusInTransit: "En transit",
  statusNeedsResponse: "Réponse requise",
  statusUnderReview: "En cours d'examen",
  statusWon: "Gagné",
  statusLost: "Perdu",
  statusActive: "Actif",
  statusExpired: "Expiré",
  statusScheduled: "Planifié",
  statusAvailable: "Disponible",
  statusEnabled: "Activé",
  statusRestricted: "Restreint",
  guest: "Invité",
};

const DICTS: Record<string, Record<LabelKey, string>> = { en: EN, fr: FR };

// Building an Intl formatter costs about a millisecond on a slow machine and a payments table formats hundreds of
// cells, so each (locale, options) pair is built once per page.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** The formatter cached for this (locale, options) pair, built by `create` the first time. */
function cachedFormat<F>(cache: Map<string, F>, locale: string, options: object, create: () => F): F {
  const key = `${locale}|${JSON.stringify(options)}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const format = create();
  cache.set(key, format);
  return format;
}

/** A cached `Intl.NumberFormat` (throws, and caches nothing, for an unknown currency). */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return cachedFormat(numberFormats, locale, options, () => new Intl.NumberFormat(locale, options));
}

/** A cached `Intl.DateTimeFormat`. */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cachedFormat(dateTimeFormats, locale, options, () => new Intl.DateTimeFormat(locale, options));
}

/** Locale-bound translation and formatting. */
export class I18n {
  readonly locale: string;
  private readonly dict: Record<LabelKey, string>;

  constructor(locale: string | undefined) {
    let resolved = "en-US";
    if (locale) {
      try {
        resolved = Intl.getCanonicalLocales(locale)[0] ?? "en-US";
      } catch {
        resolved = "en-US";
      }
    }
    this.locale = resolved;
    const lang = resolved.split("-")[0]?.toLowerCase() ?? "en";
    this.dict = DICTS[lang] ?? EN;
  }

  get lang(): string {
    return this.locale.split("-")[0] ?? "en";
  }

  t(key: LabelKey, vars?: Record<string, string | number>): string {
    let text: string = this.dict[key] ?? EN[key];
    if (vars) for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, String(v));
    return text;
  }

  /** Builds the formatters a first render needs (see ConnectElement.start). */
  prime(): void {
    this.money(0, "usd");
    I18n.minorFactor("usd");
    this.date(0);
    this.date(0, true);
  }

  /** Minor units → localized currency string. */
  money(amount: number | undefined, currency: string | undefined): string {
    const cur = (currency ?? "usd").toUpperCase();
    const value = amount ?? 0;
    try {
      const fmt = numberFormat(this.locale, { style: "currency", currency: cur });
      const digits = fmt.resolvedOptions().maximumFractionDigits ?? 2;
      return fmt.format(value / 10 ** digits);
    } catch {
      return `${(value / 100).toFixed(2)} ${cur}`;
    }
  }

  /** Minor units per major unit of a currency. */
  static minorFactor(currency: string | undefined): number {
    try {
      const fmt = numberFormat("en-US", { style: "currency", currency: (currency ?? "usd").toUpperCase() });
      return 10 ** (fmt.resolvedOptions().maximumFractionDigits ?? 2);
    } catch {
      return 100;
    }
  }

  date(unixSeconds: number | undefined, withTime = false): string {
    if (unixSeconds === undefined) return "—";
    const options: Intl.DateTimeFormatOptions = withTime
      ? { dateStyle: "medium", timeStyle: "short" }
      : { dateStyle: "medium" };
    return dateTimeFormat(this.locale, options).format(new Date(unixSeconds * 1000));
  }

  number(value: number): string {
    return numberFormat(this.locale).format(value);
  }

  country(code: string | undefined): string {
    if (!code) return "—";
    try {
      return new Intl.DisplayNames([this.locale], { type: "region" }).of(code.toUpperCase()) ?? code;
    } catch {
      return code;
    }
  }

  weekday(name: string): string {
    const days = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
    const index = days.indexOf(name);
    if (index < 0) return name;
    // 2023-01-01 was a Sunday.
    return dateTimeFormat(this.locale, { weekday: "long" }).format(
      new Date(Date.UTC(2023, 0, 1 + index, 12)),
    );
  }
}

/** "account_onboarding" / "payment_intent" → "Account onboarding". */
export function humanize(value: string): string {
  const text = value.replace(/[._]/g, " ").trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Stripe enum values shown to users (dispute reasons, balance transaction types), en/fr, humanized otherwise. */
const TERMS: Record<string, [string, string]> = {
  fraudulent: ["Fraudulent", "Frauduleux"],
  duplicate: ["Duplicate", "Doublon"],
  product_not_received: ["Product not received", "Produit non reçu"],
  product_unacceptable: ["Product unacceptable", "Produit non conforme"],
  subscription_canceled: ["Subscription canceled", "Abonnement annulé"],
  unrecognized: ["Unrecognized", "Non reconnu"],
  credit_not_processed: ["Credit not processed", "Remboursement non traité"],
  general: ["General", "Général"],
  charge: ["Charge", "Paiement"],
  payment: ["Payment", "Paiement"],
  refund: ["Refund", "Remboursement"],
  payout: ["Payout", "Virement"],
  dispute: ["Dispute", "Litige"],
  adjustment: ["Adjustment", "Ajustement"],
  application_fee: ["Application fee", "Frais de plateforme"],
  stripe_fee: ["Stripe fee", "Frais Stripe"],
  transfer: ["Transfer", "Transfert"],
  payout_failure: ["Payout failure", "Échec de virement"],
  monthly_statement: ["Monthly statement", "Relevé mensuel"],
};

export function term(i18n: I18n, value: string): string {
  const entry = TERMS[value];
  if (!entry) return humanize(value);
  return i18n.lang === "fr" ? entry[1] : entry[0];
}
