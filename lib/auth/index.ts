import "server-only";
import { betterAuth } from "better-auth";
import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { getDb, getDbHandle } from "../db";
import { getAuthSecret, getEnv } from "../env";
import { AppError } from "../errors";
import { CLIENT_IP_HEADER, clientIpStamped } from "../http/client-ip";
import { endImpersonationsOfSession } from "../impersonation";
import { log } from "../log";
import { afterSignIn } from "./activity";
import { isDisabled } from "./disabled";
import { platformRoleOf } from "./platform-role";
import { lockoutKey, reservePasswordAttempt } from "./lockout";
import { hashPassword, verifyPassword } from "./password";
import { releaseThrottle } from "../throttle";
import { singleSignOnSessions } from "./sso-session";

function emailFromBody(body: unknown): string | null {
  if (typeof body !== "object" || body === null || !("email" in body)) return null;
  return typeof body.email === "string" ? body.email : null;
}

function ipOf(headers: Headers | undefined): string | null {
  return clientIpStamped() ? (headers?.get(CLIENT_IP_HEADER) ?? null) : null;
}

export const ACCOUNT_DISABLED_MESSAGE =
  "This account has been disabled by the platform. Contact the platform's support if you think this is a mistake.";

/**
 * better-auth with email and password only. No plugin beyond Next's cookie helper and single sign-on's server-only
 * session endpoint (lib/auth/sso-session.ts): the admin plugin's endpoints
 * (impersonation, roles, bans, passwords of others) are exactly the side doors Portico must not have — the console
 * does those things itself, on the record. The fields Portico keeps on users are plain fields nobody can set
 * through better-auth's API (`input: false`).
 */
function createAuth() {
  const env = getEnv();
  const { db, dialect } = getDbHandle();
  const idleSeconds = env.sessionIdleMinutes * 60;
  return betterAuth({
    appName: "Portico",
    baseURL: env.appUrl.origin,
    secret: getAuthSecret(),
    trustedOrigins: [env.appUrl.origin],
    telemetry: { enabled: false },
    database: { db, type: dialect },
    emailAndPassword: {
      enabled: true,
      // Sign-up goes through /api/signup, which creates the user, tenant and membership in one transaction.
      disableSignUp: true,
      // Every account's address is proven (a confirmed sign-up link, an invitation link, a set-password link).
      requireEmailVerification: true,
      minPasswordLength: 8,
      maxPasswordLength: 128,
      password: { hash: hashPassword, verify: verifyPassword },
    },
    user: {
      additionalFields: {
        // "admin" or "support" for platform staff, "user" for everyone else. Set by Portico only.
        role: { type: "string", required: false, defaultValue: "user", input: false },
        banned: { type: "boolean", required: false, defaultValue: false, input: false },
        banReason: { type: "string", required: false, input: false },
        banExpires: { type: "date", required: false, input: false },
      },
    },
    session: {
      // Sliding expiry = the idle timeout; the absolute lifetime is enforced in lib/auth/session.ts.
      expiresIn: idleSeconds,
      updateAge: Math.min(300, Math.floor(idleSeconds / 4)),
    },
    databaseHooks: {
      session: {
        create: {
          // A disabled user gets no session, however they authenticate.
          before: async (session) => {
            const user = await getDb()
              .selectFrom("user")
              .select(["banned", "banExpires"])
              .where("id", "=", session.userId)
              .executeTakeFirst();
            if (user && isDisabled(user)) {
              throw new APIError("FORBIDDEN", {
                message: ACCOUNT_DISABLED_MESSAGE,
                code: "ACCOUNT_DISABLED",
              });
            }
          },
        },
      },
    },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 10,
      max: 100,
    },
    advanced: {
      cookiePrefix: "portico",
      useSecureCookies: env.appUrl.protocol === "https:",
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      // Per-IP limits key on the address Portico's entrypoint stamped from the socket, never a client's header.
      // Without the entrypoint (next dev) there is no trustworthy address, so there is no per-IP limit either.
      ipAddress: clientIpStamped() ? { ipAddressHeaders: [CLIENT_IP_HEADER] } : { disableIpTracking: true },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === "/sign-out") {
          const current = await getSessionFromCtx(ctx).catch(() => null);
          // Signing out ends any "view as" of this session (audited as a stop).
          if (current) {
            await endImpersonationsOfSession(current.session.id, {
              ip: ipOf(ctx.request?.headers),
              userAgent: ctx.request?.headers.get("user-agent") ?? null,
            });
          }
          return;
        }
        if (ctx.path !== "/sign-in/email") return;
        const email = emailFromBody(ctx.body);
        if (!email) return;
        try {
          // Counted before the password is checked; given back only if it turns out right.
          await reservePasswordAttempt(email);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          log.warn(
            { event: "auth.sign_in.locked", email, ip: ipOf(ctx.request?.headers) },
            "sign-in refused: this account is locked",
          );
          const retryAfter = error.details.retryAfterSeconds ?? 60;
          throw new APIError(
            "TOO_MANY_REQUESTS",
            { message: error.message, code: "ACCOUNT_LOCKED", retryAfterSeconds: retryAfter },
            { "retry-after": String(retryAfter) },
          );
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const email = emailFromBody(ctx.body);
        if (!email) return;
        const returned = ctx.context.returned;
        const ip = ipOf(ctx.request?.headers);
        if (returned instanceof APIError) {
          if (returned.body?.code === "ACCOUNT_LOCKED") return;
          log.warn(
            {
              event: "auth.sign_in.failed",
              email,
              ip,
              status: returned.statusCode,
              code: returned.body?.code,
            },
            "sign-in failed",
          );
          return;
        }
        await releaseThrottle(lockoutKey(email));
        const signedIn = ctx.context.newSession;
        if (signedIn) {
          await afterSignIn({
            userId: signedIn.user.id,
            email: signedIn.user.email,
            isStaff:
              platformRoleOf(typeof signedIn.user.role === "string" ? signedIn.user.role : null) !== null,
            sessionId: signedIn.session.id,
            userAgent: ctx.request?.headers.get("user-agent") ?? null,
            ip,
          });
        }
        log.info({ event: "auth.sign_in.succeeded", email, ip }, "sign-in succeeded");
      }),
    },
    // nextCookies must stay last: lets server actions set cookies. The SSO plugin only adds a server-only endpoint.
    plugins: [singleSignOnSessions(), nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

declare global {
  var porticoAuth: Auth | undefined;
}

/** better-auth, created on first use (never at build time). */
export function getAuth(): Auth {
  globalThis.porticoAuth ??= createAuth();
  return globalThis.porticoAuth;
}
