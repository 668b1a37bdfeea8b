/**
 * The client's address, as Portico's entrypoint (scripts/portico-server.mjs) stamped it on the request from the socket
 * and TRUSTED_PROXY_HOPS — never a header the client chose. Per-IP limits, better-auth and the audit log read only
 * this. Without the entrypoint (e.g. `next dev`) nothing is stamped and every request shares one "unknown" address,
 * which keeps limits strict rather than letting a client pick its own.
 */
export const CLIENT_IP_HEADER = "x-portico-client-ip";

const STAMPED = Symbol.for("portico.clientIpStamped");

export function clientIpStamped(): boolean {
  return (globalThis as Record<symbol, unknown>)[STAMPED] === true;
}

export function clientIp(headers: Headers): string | null {
  if (!clientIpStamped()) return null;
  return headers.get(CLIENT_IP_HEADER) || null;
}

/** The key a per-IP throttle counts under. */
export function clientIpKey(headers: Headers): string {
  return clientIp(headers) ?? "unknown";
}
