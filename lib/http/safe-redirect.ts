/** Only same-site relative paths may be redirect targets (no open redirects through ?next=). */
export function safeNextPath(value: string | null | undefined, fallback = "/"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (value.startsWith("/api/") || value.startsWith("/login") || value.startsWith("/signup")) return fallback;
  return value;
}
