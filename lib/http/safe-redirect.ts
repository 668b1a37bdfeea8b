/**
 * Only same-site paths may be redirect targets (no open redirects through ?next=). Browsers forgive a lot in a URL —
 * they drop tabs and newlines, read `\` as `/`, and treat `//host` (or `/\t/host`) as another site — so anything
 * with a control character, a backslash or an encoded one of those is refused outright, and what remains must
 * resolve to this site's own origin. Never throws: a bad value is just the fallback.
 */
const BASE = "https://portico.invalid";

function decodedOnce(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

export function safeNextPath(value: string | null | undefined, fallback = "/"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return fallback;
  const decoded = decodedOnce(value);
  if (decoded === null) return fallback;
  for (const candidate of [value, decoded]) {
    // Control characters (tab, newline, NUL…), backslashes and protocol-relative starts.
    if (/[\u0000-\u001f\u007f\\]/.test(candidate)) return fallback;
    if (!candidate.startsWith("/") || candidate.startsWith("//")) return fallback;
  }
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (path.startsWith("//")) return fallback;
  if (path.startsWith("/api/") || path.startsWith("/login") || path.startsWith("/signup")) return fallback;
  return path;
}
