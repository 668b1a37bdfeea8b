import { createHash } from "node:crypto";
import type { MailMessage } from "./catcher";
import { totpCode, totpSecondsLeft } from "./totp";

export interface TotpSecret {
  label: string;
  /** Base32, as an authenticator app would be given it. */
  secret: string;
}

export interface InboxPageInput {
  /** Newest first, as `MailCatcher.messages()` returns them; `null` when the catcher is off. */
  messages: MailMessage[] | null;
  smtpUrl: string | null;
  totp?: readonly TotpSecret[];
  now?: number;
}

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/*
 * Reloads every 5 s (new mail, fresh sign-in codes) but keeps expanded messages open across the reload, which a
 * plain meta refresh would collapse. Allowed by its hash in the CSP; no other script runs on the page.
 */
const REFRESH_SCRIPT = `(function () {
  var key = "portico-inbox-open";
  try {
    JSON.parse(sessionStorage.getItem(key) || "[]").forEach(function (id) {
      var d = document.getElementById(id);
      if (d) d.open = true;
    });
  } catch (e) {}
  setInterval(function () {
    var ids = Array.prototype.map.call(document.querySelectorAll("details[open]"), function (d) { return d.id; });
    try { sessionStorage.setItem(key, JSON.stringify(ids)); } catch (e) {}
    location.reload();
  }, 5000);
})();`;

const SCRIPT_HASH = createHash("sha256").update(REFRESH_SCRIPT).digest("base64");

/**
 * CSP of the inbox page. The HTML parts render in `srcdoc` iframes, which inherit this policy: inline styles and
 * data: images only, no scripts (the iframes are sandboxed too), no remote loads.
 */
export const INBOX_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  `script-src 'sha256-${SCRIPT_HASH}'`,
  "img-src data:",
  "frame-src 'self' about:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const STYLE = `
:root { color-scheme: light dark; --bg: #f6f7f9; --card: #fff; --fg: #1b1f24; --muted: #5d6670; --line: #dde1e6;
  --accent: #2554c7; --code-bg: #eef1f5; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #111418; --card: #1a1f25; --fg: #e6e9ed; --muted: #9aa4af; --line: #2c333b; --accent: #86a8ff;
    --code-bg: #232a32; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.45 system-ui, -apple-system, "Segoe UI",
  Roboto, sans-serif; }
main { max-width: 56rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.35rem; margin: .5rem 0 .25rem; }
h2 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
p.meta { color: var(--muted); margin: 0 0 1rem; font-size: .9rem; overflow-wrap: anywhere; }
code { background: var(--code-bg); padding: .05rem .3rem; border-radius: 4px; }
a { color: var(--accent); overflow-wrap: anywhere; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; margin: 0 0 .5rem; }
details > summary { cursor: pointer; padding: .6rem .8rem; display: grid; gap: .1rem .75rem;
  grid-template-columns: 1fr auto; list-style: none; }
details > summary::-webkit-details-marker { display: none; }
details[open] > summary { border-bottom: 1px solid var(--line); }
.subject { font-weight: 600; overflow-wrap: anywhere; }
.to, .time { color: var(--muted); font-size: .85rem; overflow-wrap: anywhere; }
.time { text-align: right; white-space: nowrap; }
.body { padding: .6rem .8rem .8rem; }
.body h3 { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: .75rem 0 .3rem; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo,
  monospace; background: var(--code-bg); padding: .6rem; border-radius: 6px; }
ul.links { margin: 0; padding-left: 1.1rem; }
iframe { width: 100%; height: 24rem; border: 1px solid var(--line); border-radius: 6px; background: #fff; resize: vertical; }
.empty { color: var(--muted); padding: 1rem 0; }
table.codes { border-collapse: collapse; width: 100%; background: var(--card); border: 1px solid var(--line);
  border-radius: 8px; }
table.codes td, table.codes th { padding: .5rem .8rem; border-bottom: 1px solid var(--line); text-align: left; }
table.codes th { color: var(--muted); font-weight: 500; font-size: .85rem; }
.code { font: 600 1.15rem ui-monospace, SFMono-Regular, Menlo, monospace; letter-spacing: .08em; }
@media (max-width: 32rem) {
  details > summary { grid-template-columns: 1fr; }
  .time { text-align: left; }
}
`;

function formatTime(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, " UTC");
}

function renderMessage(m: MailMessage): string {
  const links =
    m.links.length > 0
      ? `<h3>Links</h3><ul class="links">${m.links
          .map(
            (l) =>
              `<li><a href="${escapeHtml(l)}" rel="noopener noreferrer" target="_blank">${escapeHtml(l)}</a></li>`,
          )
          .join("")}</ul>`
      : "";
  const text = m.text ? `<h3>Text</h3><pre>${escapeHtml(m.text)}</pre>` : "";
  // srcdoc gets the raw HTML part; escaping it for the attribute is all it needs, the sandbox keeps scripts off.
  const html = m.html
    ? `<h3>HTML</h3><iframe sandbox="" referrerpolicy="no-referrer" title="HTML part of ${escapeHtml(m.subject)}" srcdoc="${escapeHtml(m.html)}"></iframe>`
    : "";
  return `<details class="card" id="${escapeHtml(m.id)}">
<summary><span class="subject">${escapeHtml(m.subject || "(no subject)")}</span><span class="time">${escapeHtml(
    formatTime(m.receivedAt),
  )}</span><span class="to">to ${escapeHtml(m.to.join(", "))} · from ${escapeHtml(m.from || "(none)")}</span></summary>
<div class="body">${links}${text}${html}</div>
</details>`;
}

function renderTotp(secrets: readonly TotpSecret[], now: number): string {
  if (secrets.length === 0) return "";
  const left = totpSecondsLeft(now);
  const rows = secrets
    .map((s) => {
      let code: string;
      let next: string;
      try {
        code = totpCode(s.secret, now);
        next = totpCode(s.secret, now + 30_000);
      } catch {
        code = next = "invalid secret";
      }
      return `<tr><td>${escapeHtml(s.label)}</td><td class="code">${escapeHtml(code)}</td><td>${left} s</td><td class="code">${escapeHtml(next)}</td></tr>`;
    })
    .join("");
  // Portico takes each code once, and the next one early: signing in and then stepping up need two codes.
  return `<section aria-labelledby="totp"><h2 id="totp">Demo staff sign-in codes</h2>
<p class="meta">Each code works once. To sign in and then open a view right away, use the current code, then the next one.</p>
<table class="codes"><thead><tr><th>Who</th><th>Code</th><th>Seconds left</th><th>Next code</th></tr></thead><tbody>${rows}</tbody></table>
</section>`;
}

/** The sandbox's inbox: one self-contained page (no external resources), refreshed every few seconds. */
export function renderInboxPage(input: InboxPageInput): string {
  const now = input.now ?? Date.now();
  const messages = input.messages;
  const list =
    messages === null
      ? `<p class="empty">The mail catcher is off for this emulator.</p>`
      : messages.length === 0
        ? `<p class="empty">No mail yet. Mail sent to <code>${escapeHtml(input.smtpUrl ?? "")}</code> shows up here.</p>`
        : messages.map(renderMessage).join("\n");
  const count = messages === null ? "" : ` (${messages.length})`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Sandbox inbox${escapeHtml(count)}</title>
<noscript><meta http-equiv="refresh" content="5"></noscript>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Sandbox inbox</h1>
<p class="meta">Mail the app sent through the local mail catcher${
    input.smtpUrl ? ` (<code>${escapeHtml(input.smtpUrl)}</code>)` : ""
  }. Nothing here left this machine. Refreshes every 5 s.</p>
${renderTotp(input.totp ?? [], now)}
<h2>Messages${escapeHtml(count)}</h2>
${list}
</main>
<script>${REFRESH_SCRIPT}</script>
</body>
</html>
`;
}
