import type { PlatformRole } from "../auth/platform-role";

/**
 * The rules of single sign-on, pure so they can be read and tested on their own. The IdP decides who is platform
 * staff (its groups, re-read at every sign-in); Portico decides everything else. An IdP identity is its
 * (issuer, subject) and nothing else: an email address never links anyone.
 */

export interface RoleMapping {
  staff: boolean;
  tenants: boolean;
  adminGroups: readonly string[];
  supportGroups: readonly string[];
  mfaAmrValues: readonly string[];
}

/** The claim's groups: a list of strings, or one string (some IdPs send a single group that way). */
export function groupsOf(value: unknown): string[] {
  if (typeof value === "string") return value ? [value] : [];
  if (!Array.isArray(value)) return [];
  return value.filter((g): g is string => typeof g === "string").slice(0, 500);
}

/** The platform role the IdP's groups give: admin over support; none without a mapped group or with staff SSO off. */
export function staffRoleFromGroups(groups: readonly string[], mapping: RoleMapping): PlatformRole | null {
  if (!mapping.staff) return null;
  if (groups.some((g) => mapping.adminGroups.includes(g))) return "admin";
  if (groups.some((g) => mapping.supportGroups.includes(g))) return "support";
  return null;
}

/** Whether the IdP says it did multi-factor authentication (one of the configured `amr` values). */
export function idpDidMfa(amr: unknown, mapping: Pick<RoleMapping, "mfaAmrValues">): boolean {
  if (!Array.isArray(amr)) return false;
  return amr.some((value) => typeof value === "string" && mapping.mfaAmrValues.includes(value));
}

/** Why a sign-in, a link or a step-up through the IdP was refused (the wire code; messages in lib/sso/errors.ts). */
export const ssoFailures = [
  "not_configured",
  "idp_unavailable",
  "idp_error",
  "cancelled",
  "flow_expired",
  "invalid_response",
  "account_disabled",
  "email_taken",
  "no_access",
  "no_staff_group",
  "staff_disabled",
  "tenants_disabled",
  "business_member",
  "no_email",
  "session_changed",
  "already_linked",
  "linked_elsewhere",
  "link_role_mismatch",
  "not_linked",
  "needs_password",
  "step_up_stale",
  "step_up_wrong_identity",
  "step_up_no_mfa",
  "too_many_requests",
] as const;
export type SsoFailure = (typeof ssoFailures)[number];

export function isSsoFailure(value: unknown): value is SsoFailure {
  return typeof value === "string" && (ssoFailures as readonly string[]).includes(value);
}

/** The Portico user an IdP identity is linked to, as the sign-in decision needs it. */
export interface LinkedUser {
  id: string;
  platformRole: PlatformRole | null;
  disabled: boolean;
  /** Member of at least one business. */
  hasMemberships: boolean;
}

export type SignInDecision =
  /** Sign in as this user; `role` is the platform role to store first ("user" when none), or undefined to keep it. */
  | { kind: "sign_in"; userId: string; role: PlatformRole | "user" | undefined }
  /** A new staff member: create the user with this role, link the identity, sign in. */
  | { kind: "create"; role: PlatformRole }
  /**
   * Refused. `revokeStaff`: the IdP no longer puts this staff member in a mapped group, so their platform role is
   * taken away and every session they have ends (none of them stays a staff session).
   */
  | { kind: "refuse"; reason: SsoFailure; revokeStaff?: true };

/**
 * What a verified IdP sign-in becomes.
 *
 * - Linked to a user: staff get the role their groups give now (admin, support — or, with no mapped group, no role
 *   and no sessions left); a user who is not staff signs in as themselves only when tenants may use SSO, and never
 *   turns into staff while they belong to a business.
 * - Not linked: refused when the address belongs to a Portico user (they link it themselves, signed in); a new
 *   staff member when a group maps to a role; refused otherwise (no business is ever created through the IdP).
 */
export function decideSignIn(input: {
  mapping: RoleMapping;
  derivedRole: PlatformRole | null;
  linked: LinkedUser | null;
  /** A Portico user already has the IdP's email address. */
  emailInUse: boolean;
  email: string | null;
}): SignInDecision {
  const { mapping, derivedRole, linked } = input;
  if (linked) {
    if (linked.disabled) return { kind: "refuse", reason: "account_disabled" };
    if (linked.platformRole !== null) {
      if (!mapping.staff) return { kind: "refuse", reason: "staff_disabled" };
      if (derivedRole === null) return { kind: "refuse", reason: "no_staff_group", revokeStaff: true };
      return {
        kind: "sign_in",
        userId: linked.id,
        role: derivedRole === linked.platformRole ? undefined : derivedRole,
      };
    }
    if (derivedRole !== null) {
      // Admin power never mixes with a business's identity.
      if (linked.hasMemberships) return { kind: "refuse", reason: "business_member" };
      return { kind: "sign_in", userId: linked.id, role: derivedRole };
    }
    if (!mapping.tenants) return { kind: "refuse", reason: "tenants_disabled" };
    return { kind: "sign_in", userId: linked.id, role: undefined };
  }
  if (input.emailInUse) return { kind: "refuse", reason: "email_taken" };
  if (derivedRole === null) return { kind: "refuse", reason: "no_access" };
  if (!input.email) return { kind: "refuse", reason: "no_email" };
  return { kind: "create", role: derivedRole };
}

/**
 * Whether a signed-in user may link this IdP identity: staff link an identity whose groups map to a staff role,
 * others (when tenants may use SSO) one that maps to none — so the next sign-in through it is not refused.
 */
export function linkProblem(input: {
  mapping: RoleMapping;
  userRole: PlatformRole | null;
  derivedRole: PlatformRole | null;
}): SsoFailure | null {
  if (input.userRole !== null) {
    if (!input.mapping.staff) return "staff_disabled";
    return input.derivedRole === null ? "link_role_mismatch" : null;
  }
  if (!input.mapping.tenants) return "tenants_disabled";
  return input.derivedRole === null ? null : "link_role_mismatch";
}

/** An IdP re-authentication counts from the second the step-up started (auth_time has one-second resolution). */
export function reauthenticatedSince(authTimeSeconds: unknown, startedAtMs: number): boolean {
  return typeof authTimeSeconds === "number" && authTimeSeconds >= Math.floor(startedAtMs / 1000);
}
