import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerError, type SMTPServerSession } from "smtp-server";

/** A caught message (plain JSON, so the control API can answer it as is). */
export type MailMessage = {
  id: string;
  /** Envelope sender (MAIL FROM), lowercased; the From header's address when the envelope has none. */
  from: string;
  /** Envelope recipients (RCPT TO), lowercased. */
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Every http(s) URL of the text part and of the HTML part's `href`s: decoded, de-duplicated, in order. */
  links: string[];
  /** `message-id`, and `list-unsubscribe` / `list-unsubscribe-post` when present. */
  headers: Record<string, string>;
  /** Unix milliseconds. */
  receivedAt: number;
};

export interface MailFilter {
  /** Case-insensitive exact match against any recipient. */
  to?: string;
  /** Only messages received at or after this time (Unix ms). */
  since?: number;
}

export interface MailCatcherOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Loopback only: anything but `127.0.0.1` throws. */
  host?: string;
}

export interface MailCatcher {
  port: number;
  /** `smtp://127.0.0.1:PORT`, for `nodemailer.createTransport`. */
  smtpUrl: string;
  /** Caught messages, newest first. */
  messages(filter?: MailFilter): MailMessage[];
  get(id: string): MailMessage | undefined;
  /** Drops every message; returns how many there were. */
  clear(): number;
  /** While down, every transaction gets a 421 (temporary) so senders see a retryable failure. */
  setOutage(down: boolean): void;
  readonly down: boolean;
  stop(): Promise<void>;
}

const MAX_MESSAGES = 1000;
const MAX_SIZE = 2 * 1024 * 1024;
const LOOPBACK = "127.0.0.1";

function smtpError(responseCode: number, message: string): SMTPServerError {
  const err: SMTPServerError = new Error(message);
  err.responseCode = responseCode;
  return err;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** Decodes the HTML character references that appear in attribute values (`&amp;`, `&#38;`, `&#x26;`, …). */
export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref.startsWith("#")) {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** Trims what usually follows a URL in prose ("see https://x.test/a." or "(https://x.test/a)"). */
function trimUrl(url: string): string {
  let u = url.replace(/[.,;:!?'"]+$/, "");
  while (u.endsWith(")") && (u.match(/\(/g) ?? []).length < (u.match(/\)/g) ?? []).length) {
    u = u.slice(0, -1).replace(/[.,;:!?'"]+$/, "");
  }
  return u;
}

/** Links a test wants to follow: URLs in the text part, then `href`s of the HTML part. */
export function extractLinks(text: string, html: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/https?:\/\/[^\s<>"'`[\]{}]+/gi)) found.push(trimUrl(m[0]));
  for (const m of html.matchAll(/\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi)) {
    const href = decodeEntities(m[1] ?? m[2] ?? m[3] ?? "").trim();
    if (/^https?:\/\//i.test(href)) found.push(href);
  }
  return [...new Set(found.filter((u) => u.length > 0))];
}

/** The raw value of a header (unfolded), from the parser's header lines. */
function rawHeader(parsed: ParsedMail, name: string): string | undefined {
  const line = parsed.headerLines.find((h) => h.key === name)?.line;
  if (line === undefined) return undefined;
  const colon = line.indexOf(":");
  return line
    .slice(colon + 1)
    .replace(/\r?\n[ \t]+/g, " ")
    .trim();
}

function toMessage(id: string, parsed: ParsedMail, session: SMTPServerSession): MailMessage {
  const text = parsed.text ?? "";
  const html = typeof parsed.html === "string" ? parsed.html : "";
  const headers: Record<string, string> = {};
  if (parsed.messageId) headers["message-id"] = parsed.messageId;
  for (const name of ["list-unsubscribe", "list-unsubscribe-post"]) {
    const value = rawHeader(parsed, name);
    if (value !== undefined) headers[name] = value;
  }
  const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
  return {
    id,
    from: (envelopeFrom || parsed.from?.value[0]?.address || "").toLowerCase(),
    to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
    subject: parsed.subject ?? "",
    text,
    html,
    links: extractLinks(text, html),
    headers,
    receivedAt: Date.now(),
  };
}

/**
 * A local SMTP server that keeps what it receives in memory, so sandbox runs and tests can read the mail the app
 * sends (sign-in links, invitations) without any real mail provider.
 */
export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcher> {
  const host = options.host ?? LOOPBACK;
  // No auth and no TLS: safe only while nothing but this machine can reach it.
  if (host !== LOOPBACK) throw new Error(`The mail catcher binds ${LOOPBACK} only (got "${host}").`);

  let store: MailMessage[] = [];
  let down = false;
  let seq = 0;
  const outageError = () => smtpError(421, "Mail catcher outage (simulated), try again later");

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    size: MAX_SIZE,
    rejectOversized: true,
    disableReverseLookup: true,
    logger: false,
    // stop() should not wait the default 30 s for idle pooled senders.
    closeTimeout: 500,
    onConnect(_session, callback) {
      callback(down ? outageError() : null);
    },
    // Checked again per transaction: a pooled connection may outlive the moment the outage starts.
    onMailFrom(_address, _session, callback) {
      callback(down ? outageError() : null);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", (err: Error) => callback(err));
      stream.on("end", () => {
        if (stream.sizeExceeded) {
          callback(smtpError(552, "Message exceeds the fixed maximum message size"));
          return;
        }
        if (down) {
          callback(outageError());
          return;
        }
        simpleParser(Buffer.concat(chunks))
          .then((parsed) => {
            seq += 1;
            const id = `msg_${seq.toString(36).padStart(4, "0")}${randomBytes(4).toString("hex")}`;
            store.push(toMessage(id, parsed, session));
            if (store.length > MAX_MESSAGES) store = store.slice(store.length - MAX_MESSAGES);
            callback(null, `Message queued as ${id}`);
          })
          .catch((err: unknown) => {
            callback(
              smtpError(554, `Could not parse message: ${err instanceof Error ? err.message : String(err)}`),
            );
          });
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  // Client-side socket errors (resets, timeouts) surface here; an unhandled 'error' event would crash the process.
  server.on("error", () => undefined);

  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    smtpUrl: `smtp://${LOOPBACK}:${port}`,
    messages(filter = {}) {
      const to = filter.to?.trim().toLowerCase();
      const since = filter.since;
      return store
        .filter((m) => (!to || m.to.includes(to)) && (since === undefined || m.receivedAt >= since))
        .reverse();
    },
    get(id) {
      return store.find((m) => m.id === id);
    },
    clear() {
      const n = store.length;
      store = [];
      return n;
    },
    setOutage(value) {
      down = value;
    },
    get down() {
      return down;
    },
    stop() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
