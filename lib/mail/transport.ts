import "server-only";
import { createTransport, type Transporter } from "nodemailer";
import { getPlatformConfig } from "../config";
import { getEnv } from "../env";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per outbox row, so a retried send is recognisable as the same message. */
  messageId: string;
}

declare global {
  var porticoMailTransport: Transporter | undefined;
}

/** Whether mail can leave this instance; without SMTP_URL (development only) mail waits in the outbox. */
export function mailConfigured(): boolean {
  return getEnv().mail.smtpUrl !== null;
}

function transport(): Transporter {
  const url = getEnv().mail.smtpUrl;
  if (!url) throw new Error("SMTP_URL is not set");
  // Options ride in SMTP_URL's query string, as nodemailer reads them; pooled unless it says otherwise, so a burst
  // of mail reuses a few connections instead of a handshake per mail.
  const withPool = new URL(url);
  if (!withPool.searchParams.has("pool")) withPool.searchParams.set("pool", "true");
  globalThis.porticoMailTransport ??= createTransport(withPool.toString());
  return globalThis.porticoMailTransport;
}

export function mailFrom(): string {
  const env = getEnv();
  if (env.mail.from) return env.mail.from;
  const name = getPlatformConfig().name.replace(/["\\\r\n]/g, "");
  return `"${name}" <no-reply@${env.appUrl.hostname}>`;
}

export async function sendMail(mail: OutgoingMail): Promise<void> {
  await transport().sendMail({
    from: mailFrom(),
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
  });
}
