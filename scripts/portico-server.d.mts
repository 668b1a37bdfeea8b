/** Types for scripts/portico-server.mjs (plain JavaScript: it runs beside server.js without a build step). */
export declare const CLIENT_IP_HEADER: "x-portico-client-ip";
export declare const STAMPED: unique symbol;
export declare function parseTrustedProxyHops(raw: string | undefined): number;
export declare function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  hops: number,
): string;
export declare function installClientIpStamp(hops: number): void;
export declare function start(): void;
