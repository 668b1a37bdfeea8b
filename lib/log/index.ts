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
  return deferredChild(log, { requestId, ...bindings });
}

const LEVELS = new Set(["fatal", "error", "warn", "info", "debug", "trace"]);
const noop = () => undefined;

/**
 * `parent.child(bindings)`, built only when something is logged through it: pino serializes (and redacts) a
 * child's bindings when it is created, which every request paid even when its level writes nothing. Calls below the
 * level are no-ops; `child()` without options stays deferred, merging its bindings.
 */
export function deferredChild(parent: Logger, bindings: Record<string, unknown>): Logger {
  let built: Logger | undefined;
  const real = () => (built ??= parent.child(bindings));
  return new Proxy(parent, {
    get(_target, property) {
      if (!built) {
        if (property === "child") {
          return (more: Record<string, unknown>, options?: Parameters<Logger["child"]>[1]) =>
            options ? real().child(more, options) : deferredChild(parent, { ...bindings, ...more });
        }
        if (typeof property === "string" && LEVELS.has(property) && !parent.isLevelEnabled(property)) {
          return noop;
        }
      }
      const logger = real();
      const value: unknown = Reflect.get(logger, property, logger);
      return typeof value === "function" ? value.bind(logger) : value;
    },
    set(_target, property, value) {
      return Reflect.set(real(), property, value);
    },
  });
}
