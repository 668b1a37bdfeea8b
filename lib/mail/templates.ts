import "server-only";
// use-intl/core (what next-intl re-exports) rather than next-intl: command-line scripts render mail too, and
// next-intl's react-server entry pulls in its React provider there.
import { createTranslator } from "use-intl/core";
import en from "../../messages/en.json";
import fr from "../../messages/fr.json";
import { getPlatformConfig, type SupportedLocale } from "../config";

/**
 * Every mail Portico sends, rendered in the recipient's language as text and HTML with the platform's name and
 * colour. The wording lives in messages/{en,fr}.json under `mail`, beside the app's own.
 */
export const mailKinds = [
  "verify_email",
  "signup_existing",
  "reset_password",
  "invitation",
  "owner_invitation",
  "owner_invited_notice",
  "change_email",
  "change_email_taken",
  "email_changed",
  "staff_sign_in",
  "set_password",
  "dispute_created",
  "payout_failed",
  "password_changed",
  "account_deleted",
] as const;
export type MailKind = (typeof mailKinds)[number];

/** Values a mail's wording may use; `url` is the mail's one button, when it has one. */
export type MailValues = Record<string, string | number> & { url?: string };

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const catalogs = { en, fr } as const;

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

export function renderMail(kind: MailKind, locale: SupportedLocale, values: MailValues): RenderedMail {
  const platform = getPlatformConfig();
  const t = createTranslator({ locale, messages: catalogs[locale], namespace: "mail" });
  const all = { platform: platform.name, ...values };
  const subject = t(`${kind}.subject`, all);
  const body = t(`${kind}.body`, all);
  const action = values.url ? t(`${kind}.action`, all) : null;
  const footer = t("footer", { platform: platform.name, support: platform.supportEmail });
  const paragraphs = body.split(/\n{2,}/);

  const text = [
    ...paragraphs,
    ...(action && values.url ? [`${action}: ${values.url}`] : []),
    "—",
    footer,
  ].join("\n\n");

  const color = platform.brandColor;
  const button =
    action && values.url
      ? `<p style="margin:24px 0"><a href="${escapeHtml(values.url)}" style="background:${color};color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600;display:inline-block">${escapeHtml(action)}</a></p>
<p style="font-size:13px;color:#555">${escapeHtml(t("linkFallback"))}<br><a href="${escapeHtml(values.url)}" style="color:${color};word-break:break-all">${escapeHtml(values.url)}</a></p>`
      : "";
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;background:#f4f4f5;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#18181b">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px;border-top:4px solid ${color}">
<tr><td style="padding:28px 28px 8px;font-size:18px;font-weight:700">${escapeHtml(platform.name)}</td></tr>
<tr><td style="padding:0 28px 24px;font-size:15px;line-height:1.5">
${paragraphs.map((p) => `<p style="margin:16px 0">${escapeHtml(p).replace(/\n/g, "<br>")}</p>`).join("\n")}
${button}
</td></tr>
<tr><td style="padding:16px 28px 24px;font-size:12px;color:#71717a;border-top:1px solid #e4e4e7">${escapeHtml(footer)}</td></tr>
</table></td></tr></table></body></html>`;
  return { subject, text, html };
}
