import "server-only";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthEndpoint } from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";
import { z } from "zod";

/**
 * The one thing single sign-on needs from better-auth: a normal session (same table, same signed cookie, same hooks
 * — a disabled user gets none) for a user Portico's SSO callback has already authenticated. Server-only: the
 * endpoint has no URL, so nothing outside Portico's own code can ask for a session this way.
 */
export function singleSignOnSessions() {
  return {
    id: "portico-single-sign-on",
    endpoints: {
      createSsoSession: createAuthEndpoint.serverOnly(
        { method: "POST", body: z.object({ userId: z.string().min(1).max(100) }) },
        async (ctx) => {
          const user = await ctx.context.internalAdapter.findUserById(ctx.body.userId);
          if (!user) throw new APIError("NOT_FOUND", { message: "No such user.", code: "USER_NOT_FOUND" });
          const session = await ctx.context.internalAdapter.createSession(user.id);
          if (!session) {
            throw new APIError("INTERNAL_SERVER_ERROR", {
              message: "The session could not be created.",
              code: "FAILED_TO_CREATE_SESSION",
            });
          }
          await setSessionCookie(ctx, { session, user });
          return ctx.json({ sessionId: session.id });
        },
      ),
    },
  } satisfies BetterAuthPlugin;
}
