import type { Permission } from "../access/permissions";

/**
 * The better-auth endpoints Portico serves at /api/auth/*, and nothing else: every other endpoint better-auth defines
 * (social sign-in, sign-up, password reset without mail, email verification, account linking, tokens, deletion,
 * the password oracle `/verify-password`, and `/get-session` and `/list-sessions`, which hand raw session tokens to
 * scripts…) answers 404 before better-auth sees the request. A permission, when given, is asked of lib/access
 * first — so a staff member viewing an account changes no credentials.
 *
 * A person's own account is changed through Portico's routes under /api/profile instead (name, password, email,
 * devices): they count wrong passwords toward the lockout, end "view as" sessions on the record, mail the person and
 * audit every change — so better-auth's `/update-user`, `/change-password`, `/revoke-sessions` and
 * `/revoke-other-sessions`, which do none of that, are closed too.
 */
export interface AuthEndpoint {
  methods: readonly ("GET" | "POST")[];
  /** Signed in with this permission; absent for the endpoints that work without a session. */
  permission?: Permission;
}

export const AUTH_ENDPOINTS: Readonly<Record<string, AuthEndpoint>> = {
  "/sign-in/email": { methods: ["POST"] },
  "/sign-out": { methods: ["POST"] },
  "/ok": { methods: ["GET"] },
};

export const AUTH_BASE_PATH = "/api/auth";

/** The endpoint a request is for, or null when Portico does not serve it. */
export function authEndpointOf(pathname: string, method: string): AuthEndpoint | null {
  if (!pathname.startsWith(`${AUTH_BASE_PATH}/`)) return null;
  const endpoint = AUTH_ENDPOINTS[pathname.slice(AUTH_BASE_PATH.length)];
  if (!endpoint) return null;
  return (endpoint.methods as readonly string[]).includes(method.toUpperCase()) ? endpoint : null;
}
