import "server-only";
import pino, { type Logger } from "pino";

/**
 * Structured JSON logs. Anything that could carry a secret is redacted by path, so a careless
 * `log.info({ headers })` or `log.info({ body })` cannot leak a key, a client secret, a cookie or a password.
 */
export const redactPaths = [
  "password",
  "*.password",
  "*.*.password",
  "newPassword",
  "*.newPassword",
  "secret",
  "*.secret",
  "client_secret",
  "*.client_secret",
  "*.*.client_secret",
  "clientSecret",
  "*.clientSecret",
  "*.*.clientSecret",
  "apiKey",
  "*.apiKey",
  "secretKey",
  "*.secretKey",
  "authorization",
  "*.authorization",
  "*.Authorization",
  "headers.cookie",
  "*.headers.cookie",
  "headers['set-cookie']",
  "*.headers['set-cookie']",
  "cookie",
  "*.cookie",
  "token",
  "*.token",
];

function createLogger(): Logger {
  const level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info");
  return pino({
    level,
    base: { service: "portico" },
    redact: { paths: redactPaths, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

declare global {
  var porticoLogger: Logger | undefined;
}

export const log: Logger = (globalThis.porticoLogger ??= createLogger());

/** A child logger bound to one request, so every line it writes carries the request id. */
export function requestLogger(requestId: string, bindings: Record<string, unknown> = {}): Logger {
  return log.child({ requestId, ...bindings });
}
