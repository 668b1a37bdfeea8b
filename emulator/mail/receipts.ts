import { createTransport } from "nodemailer";
import type { StripeEvent } from "../objects";
import type { State } from "../state";

/** A receipt as Stripe mails it: from the business the customer paid, with what was paid and how. */
export interface Receipt {
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  html: string;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Minor units as Stripe shows them (a zero-decimal currency such as JPY has no minor unit). */
export function formatAmount(minor: number, currency: string): string {
  const format = new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

/**
 * The receipt for a `payment_intent.succeeded` whose PaymentIntent has a `receipt_email` (Stripe sends it in live
 * mode; the sandbox does in its inbox, so the flow can be seen end to end). Gives the charge its receipt number.
 * Null for any other event.
 */
export function receiptFor(state: State, event: StripeEvent): Receipt | null {
  if (event.type !== "payment_intent.succeeded") return null;
  const accountId = event.account ?? state.platform.id;
  const object = event.data.object;
  const intentId = object && typeof object === "object" && !Array.isArray(object) ? object.id : undefined;
  if (typeof intentId !== "string") return null;
  const data = state.dataFor(accountId);
  const intent = data.paymentIntents.get(intentId);
  if (!intent?.receipt_email) return null;
  const charge = intent.latest_charge ? data.charges.get(intent.latest_charge) : undefined;
  const account = state.account(accountId);
  const profileName = account?.business_profile.name;
  const business =
    typeof profileName === "string" && profileName.trim() ? profileName.trim() : "Portico sandbox";
  const receiptNumber =
    charge?.receipt_number ??
    `${String(1000 + Math.floor(Math.random() * 9000))}-${String(1000 + Math.floor(Math.random() * 9000))}`;
  if (charge) charge.receipt_number = receiptNumber;
  const amount = formatAmount(intent.amount_received || intent.amount, intent.currency);
  const card = charge?.payment_method_details?.card;
  const method =
    card && typeof card === "object" && !Array.isArray(card) && typeof card.last4 === "string"
      ? `${typeof card.brand === "string" ? card.brand.toUpperCase() : "CARD"} – ${card.last4}`
      : null;
  const paidAt = new Date((charge?.created ?? intent.created) * 1000).toUTCString();
  const lines = [
    `Receipt from ${business}`,
    `Receipt #${receiptNumber}`,
    "",
    `Amount paid: ${amount}`,
    `Currency: ${intent.currency.toUpperCase()}`,
    `Date paid: ${paidAt}`,
    ...(method ? [`Payment method: ${method}`] : []),
    ...(intent.description ? [`Description: ${intent.description}`] : []),
    "",
    `Questions? Contact ${business}.`,
    "Sent by the Portico Stripe sandbox on behalf of the business (Stripe sends receipts in live mode).",
  ];
  const rows = [
    ["Amount paid", amount],
    ["Currency", intent.currency.toUpperCase()],
    ["Date paid", paidAt],
    ...(method ? [["Payment method", method]] : []),
  ]
    .map(([k, v]) => `<tr><th align="left">${escapeHtml(k ?? "")}</th><td>${escapeHtml(v ?? "")}</td></tr>`)
    .join("");
  return {
    from: { name: business, address: `receipts+${accountId}@stripe.com` },
    to: intent.receipt_email,
    subject: `Your receipt from ${business} #${receiptNumber}`,
    text: lines.join("\n"),
    html: `<h1>Receipt from ${escapeHtml(business)}</h1><p>Receipt #${escapeHtml(receiptNumber)}</p><table>${rows}</table><p>Questions? Contact ${escapeHtml(business)}.</p>`,
  };
}

/** Mails receipts through the sandbox's own mail catcher, as Stripe's mail servers would. */
export function receiptMailer(
  smtpUrl: string,
  onError: (error: unknown) => void,
): (receipt: Receipt) => void {
  const transport = createTransport(smtpUrl);
  return (receipt) => {
    transport
      .sendMail({
        from: receipt.from,
        to: receipt.to,
        subject: receipt.subject,
        text: receipt.text,
        html: receipt.html,
      })
      .catch(onError);
  };
}
