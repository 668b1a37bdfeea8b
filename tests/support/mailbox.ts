import { emulatorUrl } from "./emulator-client";

/** The test stack's mail catcher (the emulator's `/_emulator/mail`): what the app mailed, and the links in it. */
export interface CaughtMail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  links: string[];
  receivedAt: number;
}

/** `base`: another emulator's URL than the test stack's (a cluster's, a standalone server's). */
export async function listMail(to: string, since = 0, base: string = emulatorUrl()): Promise<CaughtMail[]> {
  const url = new URL("/_emulator/mail", base);
  url.searchParams.set("to", to);
  if (since > 0) url.searchParams.set("since", String(since));
  const response = await fetch(url);
  if (!response.ok) throw new Error(`mail catcher: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { data: CaughtMail[] }).data;
}

/**
 * The newest mail to `to` received since `since` that matches, waiting for the outbox to deliver it (it leaves
 * within moments of being queued; after an outage, on the sweeper's next round).
 */
export async function waitForMail(
  to: string,
  options: { since?: number; match?: (mail: CaughtMail) => boolean; timeoutMs?: number; base?: string } = {},
): Promise<CaughtMail> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  const since = options.since ?? 0;
  for (;;) {
    const found = (await listMail(to, since, options.base)).find((mail) => options.match?.(mail) ?? true);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail to ${to} arrived in time`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The mail's link to `pathname` (e.g. "/verify-email"), if it has one. */
export function linkTo(mail: CaughtMail, pathname: string): URL | null {
  for (const link of mail.links) {
    const url = new URL(link);
    if (url.pathname === pathname) return url;
  }
  return null;
}

/** The token of the mail's link to `pathname`; throws when the mail has no such link. */
export function tokenFrom(mail: CaughtMail, pathname: string): string {
  const token = linkTo(mail, pathname)?.searchParams.get("token");
  if (!token) throw new Error(`the mail "${mail.subject}" has no ${pathname} link`);
  return token;
}

export const hasLinkTo = (pathname: string) => (mail: CaughtMail) => linkTo(mail, pathname) !== null;
