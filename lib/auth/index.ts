import "server-only";
import { betterAuth } from "better-auth";
import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { admin } from "better-auth/plugins";
import { getDbHandle } from "../db";
import { getAuthSecret, getEnv } from "../env";
import { log } from "../log";
import { endImpersonationsOfSession, sessionIsImpersonating } from "../impersonation";
import { acceptInvitations } from "../tenancy/team";
import { hitThrottle, peekThrottle, resetThrottle } from "../throttle";
import { hashPassword, verifyPassword } from "./password";

/** Failed sign-ins allowed per email address in the window, whatever the IP (per-IP limits are better-auth's). */
export const SIGN_IN_FAILURES_PER_ACCOUNT = 5;
export const SIGN_IN_FAILURE_WINDOW_MS = 15 * 60 * 1000;

/** better-auth endpoints that change credentials or the account, refused while staff view an account. */
const CREDENTIAL_PATHS = new Set([
  "/change-password",
  "/change-email",
  "/set-password",
  "/update-user",
  "/delete-user",
  "/revoke-sessions",
  "/revoke-other-sessions",
  "/revoke-session",
]);

export function signInThrottleKey(email: string): string {
  return `sign-in-failures:${email.trim().toLowerCase()}`;
}

function emailFromBody(body: unknown): string | null {
  if (typeof body !== "object" || body === null || !("email" in body)) return null;
  return typeof body.email === "string" ? body.email : null;
}

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
      minPasswordLength: 8,
      maxPasswordLength: 128,
      password: { hash: hashPassword, verify: verifyPassword },
    },
    session: {
      // Sliding expiry = the idle timeout; the absolute lifetime is enforced in lib/auth/session.ts.
      expiresIn: idleSeconds,
      updateAge: Math.min(300, Math.floor(idleSeconds / 4)),
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
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === "/sign-out" || CREDENTIAL_PATHS.has(ctx.path)) {
          const current = await getSessionFromCtx(ctx).catch(() => null);
          if (!current) return;
          if (ctx.path === "/sign-out") {
            // Signing out ends any "view as" of this session (audited as a stop).
            await endImpersonationsOfSession(current.session.id, {
              ip: ctx.request?.headers.get("x-forwarded-for") ?? null,
              userAgent: ctx.request?.headers.get("user-agent") ?? null,
            });
          } else if (await sessionIsImpersonating(current.session.id)) {
            throw new APIError("FORBIDDEN", {
              message: "Credentials cannot be changed while viewing an account.",
              code: "IMPERSONATION_READ_ONLY",
            });
          }
          return;
        }
        if (ctx.path !== "/sign-in/email") return;
        const email = emailFromBody(ctx.body);
        if (!email) return;
        const state = await peekThrottle(
          signInThrottleKey(email),
          SIGN_IN_FAILURES_PER_ACCOUNT,
          SIGN_IN_FAILURE_WINDOW_MS,
        );
        if (!state.allowed) {
          log.warn(
            { event: "auth.sign_in.locked", email },
            "sign-in refused: too many failures for this account",
          );
          throw new APIError("TOO_MANY_REQUESTS", {
            message: "Too many failed sign-in attempts. Try again later.",
            code: "TOO_MANY_ATTEMPTS",
          });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const email = emailFromBody(ctx.body);
        if (!email) return;
        const returned = ctx.context.returned;
        const ip = ctx.request?.headers.get("x-forwarded-for") ?? null;
        if (returned instanceof APIError) {
          await hitThrottle(signInThrottleKey(email), Number.MAX_SAFE_INTEGER, SIGN_IN_FAILURE_WINDOW_MS);
          log.warn(
            { event: "auth.sign_in.failed", email, ip, status: returned.statusCode },
            "sign-in failed",
          );
        } else {
          await resetThrottle(signInThrottleKey(email));
          const signedIn = ctx.context.newSession?.user;
          // Invitations sent to this email since the user last signed in become memberships now.
          if (signedIn) await acceptInvitations(signedIn.id, signedIn.email);
          log.info({ event: "auth.sign_in.succeeded", email, ip }, "sign-in succeeded");
        }
      }),
    },
    plugins: [
      admin({ defaultRole: "user", adminRoles: ["admin"] }),
      // Must stay last: lets server actions set cookies.
      nextCookies(),
    ],
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
