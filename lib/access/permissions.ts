/**
 * The one permission table. Every authorization decision in Portico — route wrappers, page guards, the navigation,
 * what the console shows and the Account Session plan (lib/access/account-session-plan.ts) — asks it, and nothing
 * else. Pure data and functions: server code and client components read the same table.
 *
 * A signed-in request acts as one *profile*: a tenant role (owner, staff, viewer), a platform role in the console
 * (support, admin), a staff member viewing an account ("view as"), or "user" (signed in, nothing else). The viewing profiles are not granted by hand: they are
 * the owner's permissions with every write removed (and, for the support view, the sensitive reads too), plus the
 * permissions that end or change the view itself. Impersonation can only take permissions away.
 */

import { platformRoleOf, platformRoles, type PlatformRole } from "../auth/platform-role";
import type { TenantRole } from "../db/schema";

export type { TenantRole };
export const tenantRoles = ["owner", "staff", "viewer"] as const satisfies readonly TenantRole[];

export { platformRoles, platformRoleOf, type PlatformRole };

/** The two shapes of "view as": support's reduced view, and the owner's view an admin escalates to. */
export const viewProfiles = ["support", "owner"] as const;
export type ViewProfile = (typeof viewProfiles)[number];

export const profiles = [
  /** Signed in, but neither a member of a business nor platform staff. */
  "user",
  ...tenantRoles,
  ...platformRoles,
  "support_viewing",
  "admin_viewing",
  "admin_escalated",
  /** Signed in with a first factor only while a second one is due: may only give (or, for staff, set up) it. */
  "second_factor_pending",
] as const;
export type Profile = (typeof profiles)[number];

interface PermissionSpec {
  /** A read changes nothing; a write changes the account, its money, the team, or one's own settings. */
  kind: "read" | "write";
  /** Whose thing it is: the tenant's, the person's own, the platform console's, or the current "view as". */
  area: "tenant" | "own" | "console" | "view";
  /** Personal or bulk data that support's view leaves out; the owner's view (a fresh step-up away) shows it. */
  sensitive?: true;
}

/** Every permission, with what it is; the comment says what holding it allows. */
export const permissionSpecs = {
  // The tenant dashboard.
  /** Open the dashboard of the tenant acted for. */
  "dashboard.view": { kind: "read", area: "tenant" },
  /** See payments, payment details and disputes. */
  "payments.view": { kind: "read", area: "tenant" },
  /** Refund payments (Stripe's `refund_management`). */
  "payments.refund": { kind: "write", area: "tenant" },
  /** Capture and cancel uncaptured payments (`capture_payments`). */
  "payments.capture": { kind: "write", area: "tenant" },
  /** Respond to and accept disputes (`dispute_management`, `smart_disputes_management`). */
  "disputes.respond": { kind: "write", area: "tenant" },
  /** See payouts and balances. */
  "payouts.view": { kind: "read", area: "tenant" },
  /** Pay out, instant payouts and the payout schedule (`standard_payouts`, `instant_payouts`, `edit_payout_schedule`). */
  "payouts.manage": { kind: "write", area: "tenant" },
  /** Add and change bank accounts and cards for payouts (`external_account_collection`). */
  "bank_accounts.manage": { kind: "write", area: "tenant" },
  /** See the account's tax forms and statements (documents component). */
  "documents.view": { kind: "read", area: "tenant", sensitive: true },
  /** See and download balance and payout reconciliation reports. */
  "reports.view": { kind: "read", area: "tenant", sensitive: true },
  /** See the account's details and requirements (Portico's read-only Account page, from the mirror). */
  "account.view": { kind: "read", area: "tenant" },
  /** Change the account's details (account management, the notification banner's actions, the Express dashboard). */
  "account.manage": { kind: "write", area: "tenant" },
  /** Submit onboarding information (account onboarding, the hosted onboarding link). */
  "onboarding.complete": { kind: "write", area: "tenant" },
  /** Re-read the account from Stripe into Portico's mirror. Changes nothing at Stripe. */
  "account.refresh": { kind: "read", area: "tenant" },
  /** See the account's tax settings and registrations (Portico's read-only summary, for views of the account). */
  "tax.view": { kind: "read", area: "tenant" },
  /** Change tax settings and registrations (the tax components have no read-only mode). */
  "tax.manage": { kind: "write", area: "tenant" },
  /** See issued cards. */
  "issuing.view": { kind: "read", area: "tenant", sensitive: true },
  /** Manage issued cards, cardholders and spending controls. */
  "issuing.manage": { kind: "write", area: "tenant" },
  /** See the financial account and its transactions. */
  "treasury.view": { kind: "read", area: "tenant", sensitive: true },
  /** Send money and move balances from the financial account. */
  "treasury.manage": { kind: "write", area: "tenant" },
  /** See the team: members, their emails and roles, pending invitations. */
  "team.view": { kind: "read", area: "tenant", sensitive: true },
  /** Invite, re-role and remove members. */
  "team.manage": { kind: "write", area: "tenant" },
  /** Dismiss a notice for the whole business. */
  "notices.dismiss": { kind: "write", area: "tenant" },
  /** Create test-mode payments, customers and payouts on the account. */
  "test_data.create": { kind: "write", area: "tenant" },

  // The signed-in person's own things.
  /** Change one's own theme, colour, overlay and language. */
  "profile.settings": { kind: "write", area: "own" },
  /** Change one's own password, email, name and sessions. */
  "profile.credentials": { kind: "write", area: "own" },
  /** Download everything Portico keeps about oneself. */
  "profile.export": { kind: "read", area: "own" },
  /** Delete one's own account (an owner hands the business over first). */
  "profile.delete": { kind: "write", area: "own" },
  /** Join a team with an invitation mailed to one's own verified address. */
  "invitations.accept": { kind: "write", area: "own" },
  /** Set up, confirm and use one's own second factor (TOTP and recovery codes). */
  "second_factor.manage": { kind: "write", area: "own" },
  /** Leave the business one acts for (its last owner cannot: they make someone else owner first). */
  "membership.leave": { kind: "write", area: "own" },
  /** Act for another of one's own businesses (the active-tenant cookie of this device). */
  "membership.switch": { kind: "write", area: "own" },

  // The platform console.
  /** Open the console: overview, connected accounts, an account's page. */
  "console.view": { kind: "read", area: "console" },
  /** Read the audit log. */
  "audit.view": { kind: "read", area: "console" },
  /** Read other staff members' reasons, IP addresses and browsers in the audit log. */
  "audit.view_sensitive": { kind: "read", area: "console" },
  /** Export the audit log as CSV. */
  "audit.export": { kind: "read", area: "console" },
  /** Start viewing an account ("view as"), after a reason and a step-up. */
  "view_as.start": { kind: "write", area: "console" },
  /** Disable and re-enable users, ending their sessions. */
  "users.disable": { kind: "write", area: "console" },
  /** Invite, re-role, disable and remove platform staff. */
  "staff.manage": { kind: "write", area: "console" },
  /** Give an existing connected account a tenant: invite its owner, import a list, approve another admin's invite. */
  "tenants.link": { kind: "write", area: "console" },

  // Inside a view.
  /** Stop the current view. */
  "view_as.stop": { kind: "read", area: "view" },
  /** Take the owner's view of the account being viewed (admins), after its own reason and a fresh step-up. */
  "view_as.escalate": { kind: "read", area: "view" },
} as const satisfies Record<string, PermissionSpec>;

export type Permission = keyof typeof permissionSpecs;
export const permissions = Object.keys(permissionSpecs) as Permission[];

const specOf = (permission: Permission): PermissionSpec => permissionSpecs[permission];

const ownProfile: Permission[] = [
  "profile.settings",
  "profile.credentials",
  "profile.export",
  "second_factor.manage",
];
/** What a person who is not platform staff may also do with their own account. */
const ownTenantProfile: Permission[] = [
  ...ownProfile,
  "profile.delete",
  "invitations.accept",
  "membership.leave",
  "membership.switch",
];

const owner: Permission[] = [
  "dashboard.view",
  "payments.view",
  "payments.refund",
  "payments.capture",
  "disputes.respond",
  "payouts.view",
  "payouts.manage",
  "bank_accounts.manage",
  "documents.view",
  "reports.view",
  "account.view",
  "account.manage",
  "onboarding.complete",
  "account.refresh",
  "tax.view",
  "tax.manage",
  "issuing.view",
  "issuing.manage",
  "treasury.view",
  "treasury.manage",
  "team.view",
  "team.manage",
  "notices.dismiss",
  "test_data.create",
  ...ownTenantProfile,
];

const support: Permission[] = ["console.view", "audit.view", "view_as.start", ...ownProfile];

/** The owner's permissions as a view keeps them: no writes, and for support's view no sensitive reads. */
function viewOf(base: readonly Permission[], options: { sensitive: boolean }): Permission[] {
  return base.filter(
    (p) =>
      specOf(p).kind === "read" && specOf(p).area === "tenant" && (options.sensitive || !specOf(p).sensitive),
  );
}

const supportView = viewOf(owner, { sensitive: false });

export const PROFILE_PERMISSIONS: Record<Profile, readonly Permission[]> = {
  user: ownTenantProfile,
  owner,
  staff: [
    "dashboard.view",
    "payments.view",
    "payments.refund",
    "payments.capture",
    "disputes.respond",
    "payouts.view",
    "documents.view",
    "reports.view",
    "account.view",
    "account.refresh",
    "issuing.view",
    "treasury.view",
    "team.view",
    "notices.dismiss",
    ...ownTenantProfile,
  ],
  viewer: [
    "dashboard.view",
    "payments.view",
    "payouts.view",
    "documents.view",
    "reports.view",
    "account.view",
    "account.refresh",
    "issuing.view",
    "treasury.view",
    "team.view",
    ...ownTenantProfile,
  ],
  support,
  admin: [
    ...support,
    "audit.view_sensitive",
    "audit.export",
    "users.disable",
    "staff.manage",
    "tenants.link",
  ],
  support_viewing: [...supportView, "view_as.stop"],
  admin_viewing: [...supportView, "view_as.stop", "view_as.escalate"],
  admin_escalated: [...viewOf(owner, { sensitive: true }), "view_as.stop"],
  second_factor_pending: ["second_factor.manage"],
};

const permissionSets = new Map<Profile, ReadonlySet<Permission>>(
  profiles.map((profile) => [profile, new Set<Permission>(PROFILE_PERMISSIONS[profile])]),
);
const none: ReadonlySet<Permission> = new Set();

export function permissionsOf(profile: Profile): ReadonlySet<Permission> {
  return permissionSets.get(profile) ?? none;
}

export function can(profile: Profile | null, permission: Permission): boolean {
  return profile !== null && permissionsOf(profile).has(permission);
}

export function isViewingProfile(profile: Profile): boolean {
  return profile === "support_viewing" || profile === "admin_viewing" || profile === "admin_escalated";
}

/** The profile of a staff member viewing an account. */
export function viewingProfile(platformRole: PlatformRole, view: ViewProfile): Profile {
  if (view === "owner") return platformRole === "admin" ? "admin_escalated" : "support_viewing";
  return platformRole === "admin" ? "admin_viewing" : "support_viewing";
}

export function permissionSpec(permission: Permission): PermissionSpec {
  return specOf(permission);
}

export function isTenantRole(value: unknown): value is TenantRole {
  return typeof value === "string" && (tenantRoles as readonly string[]).includes(value);
}
