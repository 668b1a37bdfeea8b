// Portico's one server entrypoint: `npm start`, the Docker image, the tests, the benchmarks and the sandbox all run
// Next's standalone server through this file (copied beside server.js by scripts/prepare-standalone.ts).
//
// It stamps every request with the client's address before Next sees it: `x-portico-client-ip`, taken from the TCP
// socket, or — behind TRUSTED_PROXY_HOPS reverse proxies that each append to X-Forwarded-For — the address the
// outermost of them saw. Whatever a client sent in that header is replaced, and a client-chosen X-Forwarded-For can
// only ever move its own bucket when no trusted proxy is declared. better-auth and Portico read only this header.
import http from "node:http";
import { createRequire } from "node:module";
import { isIP } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const CLIENT_IP_HEADER = "x-portico-client-ip";
export const STAMPED = Symbol.for("portico.clientIpStamped");
const MAX_HOPS = 10;

/** TRUSTED_PROXY_HOPS: how many reverse proxies in front of Portico append to X-Forwarded-For (0 = none). */
export function parseTrustedProxyHops(raw) {
  if (raw === undefined || raw === "") return 0;
  const hops = Number(raw);
  if (!Number.isInteger(hops) || hops < 0 || hops > MAX_HOPS) {
    throw new Error(
      `TRUSTED_PROXY_HOPS must be a whole number from 0 to ${MAX_HOPS} (got "${raw}"): the number of reverse proxies in front of Portico that append to X-Forwarded-For. Unset it when clients connect directly.`,
    );
  }
  return hops;
}

function normalize(address) {
  if (typeof address !== "string") return null;
  const trimmed = address.trim().replace(/^\[(.*)\]$/, "$1");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  const ip = mapped?.[1] ?? trimmed;
  return isIP(ip) ? ip.toLowerCase() : null;
}

/** The client's address: the socket's, or the entry `hops` places before it in X-Forwarded-For. */
export function clientAddress(socketAddress, forwardedFor, hops) {
  const socket = normalize(socketAddress) ?? "unknown";
  if (hops === 0) return socket;
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [...forwarded, socket];
  return normalize(chain[Math.max(0, chain.length - 1 - hops)]) ?? socket;
}

export function installClientIpStamp(hops) {
  const createServer = http.createServer;
  http.createServer = function portico(...args) {
    const index = args.findIndex((arg) => typeof arg === "function");
    if (index >= 0) {
      const listener = args[index];
      args[index] = function stamped(req, res) {
        req.headers[CLIENT_IP_HEADER] = clientAddress(
          req.socket.remoteAddress,
          req.headers["x-forwarded-for"],
          hops,
        );
        return listener.call(this, req, res);
      };
    }
    return createServer.apply(this, args);
  };
  globalThis[STAMPED] = true;
}

/** Stamps client addresses, then runs Next's standalone server (server.js beside this file). */
export function start() {
  let hops;
  try {
    hops = parseTrustedProxyHops(process.env.TRUSTED_PROXY_HOPS);
  } catch (error) {
    console.error(`\nPortico cannot start: ${error instanceof Error ? error.message : error}\n`);
    process.exit(1);
  }
  installClientIpStamp(hops);
  createRequire(import.meta.url)(path.join(path.dirname(fileURLToPath(import.meta.url)), "server.js"));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) start();
