import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import platformConfig from "@/portico.config";
import { planComponents } from "@/lib/access/account-session-plan";
import type { Profile } from "@/lib/access/permissions";
import { getAuth } from "@/lib/auth";
import { AUTH_BASE_PATH, AUTH_ENDPOINTS } from "@/lib/auth/endpoints";
import { parsePlatformConfig } from "@/lib/config/platform-config";
import type { DbHandle } from "@/lib/db/connection";
import { AppClient, uniqueEmail } from "../../support/app-client";
import {
  actors,
  createStaffMember,
  escalateView,
  signInAs,
  signInWithRecoveryCode,
  startView,
  tenantActors,
  viewingActors,
  type NamedActor,
} from "../../support/actors";
import { accountSessionRequests, normalizeParams } from "../../support/emulator-client";
import { openTestDatabase } from "../../support/test-db";

/**
 * The route × actor matrix, enumerated from the built app: every page and route handler in Next's app-paths
 * manifest, every server action in its server-reference manifest, and every endpoint better-auth defines. Each one
 * must have an entry here, with the status every actor gets — and for Account Sessions, the exact components and
 * features Stripe is sent. A new route, action or better-auth endpoint without an entry fails this test.
 *
 * Actors: anonymous; the owner, staff and viewer of Acme Bikes and the owner of another business (Globex), who is
 * shown Acme's ids; platform support and admin in the console; and staff viewing Acme — support, an admin, and an
 * admin who escalated to the owner's view.
 */

const root = path.resolve(__dirname, "../../..");
const config = parsePlatformConfig(platformConfig);

type Expected = number | `307 ${string}`;
type Expectations = Partial<Record<NamedActor, Expected>> & { default: Expected };

interface Probe {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: () => string;
  body?: () => unknown;
  expect: Expectations;
  /**
   * 1: everything; 2: session-ending calls by viewing actors (refused, so the views survive); 3: the views' stop;
   * 4: session-ending calls by everyone else, each from a fresh sign-in (they end every session of that user).
   */
  phase?: (actor: NamedActor) => 1 | 2 | 3 | 4;
  check?: (actor: NamedActor, response: Response) => Promise<void>;
}

const viewers = ["supportViewing", "adminViewing", "adminEscalated"] as const;
const isViewing = (actor: NamedActor) => (viewers as readonly string[]).includes(actor);

const profileOf: Record<Exclude<NamedActor, "anonymous">, Profile> = {
  owner: "owner",
  staff: "staff",
  viewer: "viewer",
  otherOwner: "owner",
  support: "support",
  admin: "admin",
  supportViewing: "support_viewing",
  adminViewing: "admin_viewing",
  adminEscalated: "admin_escalated",
};

// Shorthands for the common shapes.
const dashboardPage = (overrides: Partial<Expectations> = {}): Expectations => ({
  anonymous: "307 /login",
  support: "307 /admin",
  admin: "307 /admin",
  default: 200,
  ...overrides,
});
const consolePage: Expectations = {
  anonymous: 404,
  owner: 404,
  staff: 404,
  viewer: 404,
  otherOwner: 404,
  supportViewing: 403,
  adminViewing: 403,
  adminEscalated: 403,
  default: 200,
};
const tenantsOnly = (allowed: Expected, overrides: Partial<Expectations> = {}): Expectations => ({
  anonymous: 401,
  support: 403,
  admin: 403,
  default: allowed,
  ...overrides,
});
/** Owner-only writes: everyone else of the business and every view gets 403. */
const ownerWrite = (allowed: Expected, otherOwner: Expected = allowed): Expectations => ({
  anonymous: 401,
  owner: allowed,
  otherOwner,
  default: 403,
});
const consoleRoute = (allowed: Partial<Expectations>, viewing: Expected = 403): Expectations => ({
  default: 404,
  supportViewing: viewing,
  adminViewing: viewing,
  adminEscalated: viewing,
  ...allowed,
});

const ownWrite = (allowed: Expected, staff: Expected = allowed): Expectations => ({
  anonymous: 401,
  support: staff,
  admin: staff,
  supportViewing: 403,
  adminViewing: 403,
  adminEscalated: 403,
  default: allowed,
});

let db: DbHandle;
const clients = {} as Record<NamedActor, AppClient>;
const viewingStaff = {} as Record<(typeof viewers)[number], Awaited<ReturnType<typeof createStaffMember>>>;
let acmeAccount = "";
let acmeTenant = "";
let acmePayment = "";
let acmePayout = "";
let staffMembershipId = "";
const facts = new Map<
  string,
  { requirementCollection: string | null; capabilities: Record<string, string> }
>();

const pageEntries: Record<string, { path: () => string; expect: Expectations }> = {
  "/(auth)/login/page": {
    path: () => "/login",
    expect: { anonymous: 200, default: "307 /" },
  },
  "/(auth)/signup/page": { path: () => "/signup", expect: { anonymous: 200, default: "307 /" } },
  // Mailed links: a page for everyone, which says when the link cannot be used (a bad token here).
  "/(auth)/verify-email/page": { path: () => "/verify-email?token=bad", expect: { default: 200 } },
  "/(auth)/forgot-password/page": { path: () => "/forgot-password", expect: { default: 200 } },
  "/(auth)/reset-password/page": { path: () => "/reset-password?token=bad", expect: { default: 200 } },
  "/(auth)/invite/page": { path: () => "/invite?token=bad", expect: { default: 200 } },
  // The second step of signing in: everyone here has given theirs already, so it sends them on.
  "/(auth)/two-factor/page": {
    path: () => "/two-factor",
    expect: {
      anonymous: "307 /login",
      support: "307 /admin",
      admin: "307 /admin",
      supportViewing: "307 /admin",
      adminViewing: "307 /admin",
      adminEscalated: "307 /admin",
      default: "307 /",
    },
  },
  "/(dashboard)/page": { path: () => "/", expect: dashboardPage() },
  "/(dashboard)/payments/page": { path: () => "/payments", expect: dashboardPage() },
  // The page asks Stripe for the payment as the signed-in business: another business's payment is not found for it.
  "/(dashboard)/payments/[id]/page": {
    path: () => `/payments/${acmePayment}`,
    expect: dashboardPage({ otherOwner: 404 }),
  },
  "/(dashboard)/disputes/page": { path: () => "/disputes", expect: dashboardPage() },
  "/(dashboard)/payouts/page": { path: () => "/payouts", expect: dashboardPage() },
  "/(dashboard)/payouts/[id]/page": { path: () => `/payouts/${acmePayout}`, expect: dashboardPage() },
  "/(dashboard)/balances/page": { path: () => "/balances", expect: dashboardPage() },
  "/(dashboard)/account/page": { path: () => "/account", expect: dashboardPage() },
  "/(dashboard)/settings/page": { path: () => "/settings", expect: dashboardPage() },
  // Sensitive: support's view leaves them out; the owner's view shows them.
  "/(dashboard)/reports/page": {
    path: () => "/reports",
    expect: dashboardPage({ supportViewing: 403, adminViewing: 403 }),
  },
  "/(dashboard)/documents/page": {
    path: () => "/documents",
    expect: dashboardPage({ supportViewing: 403, adminViewing: 403 }),
  },
  "/(dashboard)/team/page": {
    path: () => "/team",
    expect: dashboardPage({ supportViewing: 403, adminViewing: 403 }),
  },
  // The tax components are writes only (no read-only mode): owners get them; views of the account get Portico's
  // read-only summary instead; staff and viewers neither.
  "/(dashboard)/tax/page": {
    path: () => "/tax",
    expect: dashboardPage({ staff: 403, viewer: 403 }),
  },
  "/(dashboard)/onboarding/page": {
    path: () => "/onboarding",
    expect: dashboardPage({
      staff: "307 /",
      viewer: "307 /",
      supportViewing: "307 /",
      adminViewing: "307 /",
      adminEscalated: "307 /",
    }),
  },
  // Not offered by this platform's config (issuing and financial accounts are off).
  "/(dashboard)/cards/page": { path: () => "/cards", expect: dashboardPage({ default: 403 }) },
  "/(dashboard)/financial-account/page": {
    path: () => "/financial-account",
    expect: dashboardPage({ default: 403 }),
  },
  // Preview components, all switched off by default (and terminal hardware is off).
  "/(dashboard)/settings/payments/page": {
    path: () => "/settings/payments",
    expect: dashboardPage({ default: 403 }),
  },
  "/(dashboard)/terminal/page": { path: () => "/terminal", expect: dashboardPage({ default: 403 }) },
  "/admin/page": { path: () => "/admin", expect: consolePage },
  "/admin/accounts/page": { path: () => "/admin/accounts", expect: consolePage },
  "/admin/accounts/[id]/page": { path: () => `/admin/accounts/${acmeAccount}`, expect: consolePage },
  "/admin/audit/page": { path: () => "/admin/audit", expect: consolePage },
  "/admin/settings/page": { path: () => "/admin/settings", expect: consolePage },
  // The mailed link of an email change: signed in, the page says what is wrong with a bad link.
  "/(auth)/confirm-email/page": {
    path: () => "/confirm-email?token=bad",
    expect: { anonymous: "307 /login", default: 200 },
  },
  // For someone who belongs to no business: everyone here has a home of their own to be sent to.
  "/profile/page": {
    path: () => "/profile",
    expect: {
      anonymous: "307 /login",
      support: "307 /admin/settings",
      admin: "307 /admin/settings",
      supportViewing: "307 /admin/settings",
      adminViewing: "307 /admin/settings",
      adminEscalated: "307 /admin/settings",
      default: "307 /settings",
    },
  },
  // Admins' only: support finds nothing there either.
  "/admin/staff/page": { path: () => "/admin/staff", expect: { ...consolePage, support: 404 } },
  "/admin/accounts/import/page": {
    path: () => "/admin/accounts/import",
    expect: { ...consolePage, support: 404 },
  },
  // A staff member's set-password link: a page for everyone, which says when the link cannot be used.
  "/(auth)/set-password/page": { path: () => "/set-password?token=bad", expect: { default: 200 } },
  "/pay/[slug]/page": { path: () => "/pay/acme-bikes", expect: { default: 200 } },
  "/_not-found/page": {
    path: () => "/no-such-page-here",
    expect: { anonymous: "307 /login", default: 404 },
  },
  "/icon.svg/route": { path: () => "/icon.svg", expect: { default: 200 } },
};

/** Next's own error page: rendered for a crash, never at a URL of its own. */
const notRoutable = new Set(["/_global-error/page"]);

const settings = { theme: "system", brandColor: null, overlay: "dialog", locale: null };

const routeEntries: Record<string, Probe[]> = {
  "/api/health/route": [{ method: "GET", path: () => "/api/health", expect: { default: 200 } }],
  "/api/me/route": [
    {
      method: "GET",
      path: () => "/api/me",
      expect: { anonymous: 401, default: 200 },
      check: async (actor, response) => {
        if (actor === "anonymous") return;
        expect((await response.json()).profile, actor).toBe(profileOf[actor]);
      },
    },
  ],
  "/api/tenant/route": [{ method: "GET", path: () => "/api/tenant", expect: tenantsOnly(200) }],
  // Acting for one of one's own businesses: Acme's members may pick Acme; to anyone else it is not theirs (404).
  "/api/tenant/active/route": [
    {
      method: "POST",
      path: () => "/api/tenant/active",
      body: () => ({ tenantId: acmeTenant }),
      expect: { ...ownWrite(200, 403), otherOwner: 404 },
    },
  ],
  "/api/account-session/route": [
    {
      method: "POST",
      path: () => "/api/account-session",
      body: () => ({ account: "acct_SomeoneElse0000" }),
      expect: tenantsOnly(200),
      check: checkAccountSession,
    },
  ],
  "/api/account/refresh/route": [
    { method: "POST", path: () => "/api/account/refresh", body: () => ({}), expect: tenantsOnly(200) },
  ],
  // Acme and Globex have no Express dashboard: owners pass the check and hear so (409); nobody else gets that far.
  "/api/account/login-link/route": [
    { method: "POST", path: () => "/api/account/login-link", body: () => ({}), expect: ownerWrite(409) },
  ],
  "/api/account/onboarding-link/route": [
    { method: "POST", path: () => "/api/account/onboarding-link", body: () => ({}), expect: ownerWrite(200) },
  ],
  // Issuing is off in this platform's config: those who may see cards pass the check and hear that it is not
  // offered (403); nobody gets a key for an account a request names.
  "/api/issuing/ephemeral-key/route": [
    {
      method: "POST",
      path: () => "/api/issuing/ephemeral-key",
      body: () => ({ issuingCard: "ic_Sandbox000000", nonce: "nonce_sandbox" }),
      expect: { anonymous: 401, default: 403 },
    },
  ],
  "/api/test-data/route": [
    {
      method: "POST",
      path: () => "/api/test-data",
      body: () => ({ kind: "customer", operationId: crypto.randomUUID() }),
      expect: ownerWrite(201),
    },
  ],
  "/api/settings/route": [
    { method: "GET", path: () => "/api/settings", expect: { anonymous: 401, default: 200 } },
    {
      method: "PUT",
      path: () => "/api/settings",
      body: () => settings,
      expect: { anonymous: 401, supportViewing: 403, adminViewing: 403, adminEscalated: 403, default: 200 },
    },
  ],
  "/api/team/route": [
    {
      method: "GET",
      path: () => "/api/team",
      expect: tenantsOnly(200, { supportViewing: 403, adminViewing: 403 }),
    },
  ],
  // A bad body: those allowed get as far as validation (400); nobody creates an invitation here.
  "/api/team/invitations/route": [
    {
      method: "POST",
      path: () => "/api/team/invitations",
      body: () => ({ email: "not an email", role: "staff" }),
      expect: ownerWrite(400),
    },
  ],
  "/api/team/invitations/[id]/resend/route": [
    {
      method: "POST",
      path: () => "/api/team/invitations/inv_DoesNotExist000/resend",
      body: () => ({}),
      expect: ownerWrite(404),
    },
  ],
  "/api/team/invitations/[id]/route": [
    {
      method: "DELETE",
      path: () => "/api/team/invitations/inv_DoesNotExist000",
      expect: ownerWrite(404),
    },
  ],
  "/api/team/members/[id]/route": [
    // Acme's staff member, to the role they already have: Acme's owner succeeds, Globex's finds no such member.
    {
      method: "PATCH",
      path: () => `/api/team/members/${staffMembershipId}`,
      body: () => ({ role: "staff" }),
      expect: ownerWrite(200, 404),
    },
    { method: "DELETE", path: () => "/api/team/members/mem_DoesNotExist000", expect: ownerWrite(404) },
  ],
  "/api/notices/[id]/dismiss/route": [
    {
      method: "POST",
      path: () => "/api/notices/ntc_DoesNotExist000/dismiss",
      body: () => ({}),
      expect: tenantsOnly(404, { viewer: 403, supportViewing: 403, adminViewing: 403, adminEscalated: 403 }),
    },
  ],
  // Public: the same for everyone (bad bodies here; the flows have their own tests).
  "/api/signup/route": [
    { method: "POST", path: () => "/api/signup", body: () => ({}), expect: { default: 400 } },
  ],
  "/api/signup/verify/route": [
    { method: "POST", path: () => "/api/signup/verify", body: () => ({}), expect: { default: 400 } },
  ],
  "/api/password/forgot/route": [
    { method: "POST", path: () => "/api/password/forgot", body: () => ({}), expect: { default: 400 } },
  ],
  "/api/password/reset/route": [
    { method: "POST", path: () => "/api/password/reset", body: () => ({}), expect: { default: 400 } },
  ],
  "/api/password/set/route": [
    { method: "POST", path: () => "/api/password/set", body: () => ({}), expect: { default: 400 } },
  ],
  "/api/invitations/register/route": [
    { method: "POST", path: () => "/api/invitations/register", body: () => ({}), expect: { default: 400 } },
  ],
  // One's own account: platform staff join no business; a view changes nothing of the viewer's.
  "/api/invitations/accept/route": [
    { method: "POST", path: () => "/api/invitations/accept", body: () => ({}), expect: ownWrite(400, 403) },
  ],
  // Tenants here have no factor yet, so they may start one; the demo staff have theirs.
  "/api/second-factor/enrol/route": [
    { method: "POST", path: () => "/api/second-factor/enrol", body: () => ({}), expect: ownWrite(200, 409) },
  ],
  "/api/second-factor/confirm/route": [
    { method: "POST", path: () => "/api/second-factor/confirm", body: () => ({}), expect: ownWrite(400) },
  ],
  "/api/second-factor/verify/route": [
    { method: "POST", path: () => "/api/second-factor/verify", body: () => ({}), expect: ownWrite(400) },
  ],
  "/api/second-factor/recovery-codes/route": [
    {
      method: "POST",
      path: () => "/api/second-factor/recovery-codes",
      body: () => ({}),
      expect: ownWrite(400),
    },
  ],
  "/api/second-factor/remove/route": [
    { method: "POST", path: () => "/api/second-factor/remove", body: () => ({}), expect: ownWrite(400) },
  ],
  "/api/second-factor/passkey/route": [
    { method: "POST", path: () => "/api/second-factor/passkey", body: () => ({}), expect: ownWrite(400) },
  ],
  // Passkeys: added beside an authenticator app (the demo tenants have none: 409), after a step-up.
  "/api/passkeys/registration-options/route": [
    {
      method: "POST",
      path: () => "/api/passkeys/registration-options",
      body: () => ({}),
      expect: ownWrite(409, 400),
    },
  ],
  "/api/passkeys/route": [
    { method: "POST", path: () => "/api/passkeys", body: () => ({}), expect: ownWrite(400) },
  ],
  "/api/passkeys/[id]/route": [
    { method: "PATCH", path: () => "/api/passkeys/missing", body: () => ({}), expect: ownWrite(400) },
    { method: "DELETE", path: () => "/api/passkeys/missing", expect: ownWrite(404) },
  ],
  "/api/passkeys/options/route": [
    { method: "POST", path: () => "/api/passkeys/options", body: () => ({}), expect: ownWrite(400) },
  ],
  // Single sign-on. Starting is public (an IdP authorization URL for anyone); the callback always redirects (to the
  // sign-in page with what went wrong, here: no flow of this browser's).
  "/api/sso/start/route": [
    { method: "POST", path: () => "/api/sso/start", body: () => ({}), expect: { default: 200 } },
  ],
  "/api/sso/callback/route": [
    { method: "GET", path: () => "/api/sso/callback?code=x&state=y", expect: { default: 303 } },
  ],
  // Linking is staff's here (tenants: false): staff get as far as the step-up (no code: 403); tenants are refused.
  "/api/sso/link/route": [
    { method: "POST", path: () => "/api/sso/link", body: () => ({}), expect: ownWrite(403) },
  ],
  // Nobody here has a linked company account.
  "/api/sso/unlink/route": [
    { method: "POST", path: () => "/api/sso/unlink", body: () => ({}), expect: ownWrite(409) },
  ],
  // A bad body for everyone signed in; the act's own permission is asked once the body is valid.
  "/api/sso/step-up/route": [
    {
      method: "POST",
      path: () => "/api/sso/step-up",
      body: () => ({}),
      expect: { anonymous: 401, default: 400 },
    },
  ],
  // One's own account (lib/profile): bad bodies, an unknown device; the flows have their own tests.
  "/api/profile/route": [
    { method: "GET", path: () => "/api/profile", expect: ownWrite(200) },
    { method: "PATCH", path: () => "/api/profile", body: () => ({}), expect: ownWrite(400) },
  ],
  "/api/profile/password/route": [
    { method: "POST", path: () => "/api/profile/password", body: () => ({}), expect: ownWrite(400) },
  ],
  "/api/profile/email/route": [
    { method: "POST", path: () => "/api/profile/email", body: () => ({}), expect: ownWrite(400) },
    // Nothing pending: cancelling changes nothing.
    { method: "DELETE", path: () => "/api/profile/email", expect: ownWrite(200) },
  ],
  "/api/profile/email/confirm/route": [
    { method: "POST", path: () => "/api/profile/email/confirm", body: () => ({}), expect: ownWrite(400) },
  ],
  "/api/profile/sessions/route": [
    { method: "GET", path: () => "/api/profile/sessions", expect: ownWrite(200) },
    {
      method: "DELETE",
      path: () => "/api/profile/sessions",
      expect: ownWrite(200),
      phase: (actor) => endsSessions(actor),
    },
  ],
  "/api/profile/sessions/[id]/route": [
    { method: "DELETE", path: () => "/api/profile/sessions/ses_DoesNotExist000", expect: ownWrite(404) },
  ],
  "/api/profile/export/route": [{ method: "GET", path: () => "/api/profile/export", expect: ownWrite(200) }],
  // Staff cannot delete themselves (an admin removes them).
  "/api/profile/delete/route": [
    { method: "POST", path: () => "/api/profile/delete", body: () => ({}), expect: ownWrite(400, 403) },
  ],
  "/api/settings/notifications/route": [
    { method: "PUT", path: () => "/api/settings/notifications", body: () => ({}), expect: ownWrite(400) },
  ],
  // Members of a business only; nobody leaves here (the confirmation is missing).
  "/api/team/leave/route": [
    { method: "POST", path: () => "/api/team/leave", body: () => ({}), expect: ownWrite(400, 403) },
  ],
  "/api/pay/[slug]/route": [
    { method: "POST", path: () => "/api/pay/acme-bikes", body: () => ({}), expect: { default: 400 } },
  ],
  "/api/webhooks/stripe/route": [
    { method: "POST", path: () => "/api/webhooks/stripe", body: () => ({}), expect: { default: 400 } },
  ],
  // The thin-event destination: an unsigned delivery is refused for everyone (its signature is its authentication).
  "/api/webhooks/stripe-events/route": [
    { method: "POST", path: () => "/api/webhooks/stripe-events", body: () => ({}), expect: { default: 400 } },
  ],
  // The console's routes: 404 to everyone but staff; closed (403) to staff while they view an account.
  "/api/admin/audit/export/route": [
    {
      method: "GET",
      path: () => "/api/admin/audit/export?action=user.disabled",
      expect: consoleRoute({ admin: 200 }),
    },
  ],
  "/api/admin/users/[id]/status/route": [
    {
      method: "POST",
      path: () => "/api/admin/users/usr_DoesNotExist000/status",
      body: () => ({}),
      expect: consoleRoute({ admin: 400 }),
    },
  ],
  // Staff management and existing accounts' owners: admins only (support gets the console's 404, like everyone else
  // who may not); bad bodies here (no step-up proof either) — the flows and their step-ups have their own tests
  // (tests/integration/console).
  "/api/admin/staff/route": [
    {
      method: "POST",
      path: () => "/api/admin/staff",
      body: () => ({}),
      expect: consoleRoute({ admin: 400 }),
    },
  ],
  "/api/admin/staff/[id]/route": [
    {
      method: "PATCH",
      path: () => "/api/admin/staff/usr_DoesNotExist000",
      body: () => ({}),
      expect: consoleRoute({ admin: 400 }),
    },
  ],
  "/api/admin/staff/[id]/resend/route": [
    {
      method: "POST",
      path: () => "/api/admin/staff/usr_DoesNotExist000/resend",
      body: () => ({}),
      // The step-up's proof is checked before the person is looked up.
      expect: consoleRoute({ admin: 400 }),
    },
  ],
  "/api/admin/staff/[id]/remove/route": [
    {
      method: "POST",
      path: () => "/api/admin/staff/usr_DoesNotExist000/remove",
      body: () => ({}),
      expect: consoleRoute({ admin: 400 }),
    },
  ],
  "/api/admin/staff/[id]/second-factor/reset/route": [
    {
      method: "POST",
      path: () => "/api/admin/staff/usr_DoesNotExist000/second-factor/reset",
      body: () => ({}),
      expect: consoleRoute({ admin: 400 }),
    },
  ],
  "/api/admin/accounts/[id]/owner-invitation/route": [
    {
      method: "POST",
      path: () => `/api/admin/accounts/${acmeAccount}/owner-invitation`,
      body: () => ({}),
      expect: consoleRoute({ admin: 400 }),
    },
  ],
  "/api/admin/accounts/[id]/owner-invitation/approve/route": [
    {
      method: "POST",
      path: () => `/api/admin/accounts/${acmeAccount}/owner-invitation/approve`,
      body: () => ({}),
      expect: consoleRoute({ admin: 400 }),
    },
  ],
  "/api/admin/accounts/[id]/owner-invitation/reject/route": [
    {
      method: "POST",
      path: () => `/api/admin/accounts/${acmeAccount}/owner-invitation/reject`,
      body: () => ({}),
      expect: consoleRoute({ admin: 400 }),
    },
  ],
  "/api/admin/accounts/[id]/owner-invitation/resend/route": [
    {
      method: "POST",
      path: () => `/api/admin/accounts/${acmeAccount}/owner-invitation/resend`,
      body: () => ({}),
      expect: consoleRoute({ admin: 400 }),
    },
  ],
  "/api/admin/accounts/[id]/owner-invitation/revoke/route": [
    {
      method: "POST",
      path: () => `/api/admin/accounts/${acmeAccount}/owner-invitation/revoke`,
      body: () => ({}),
      expect: consoleRoute({ admin: 400 }),
    },
  ],
  // The list is a JSON string beside `dryRun` and the step-up's proof: an empty body is refused.
  "/api/admin/accounts/import/route": [
    {
      method: "POST",
      path: () => "/api/admin/accounts/import",
      body: () => ({}),
      expect: consoleRoute({ admin: 400 }),
    },
  ],
  "/api/admin/impersonation/route": [
    {
      method: "POST",
      path: () => "/api/admin/impersonation",
      body: () => ({}),
      expect: consoleRoute({ support: 400, admin: 400 }),
    },
  ],
  "/api/admin/impersonation/escalate/route": [
    {
      method: "POST",
      path: () => "/api/admin/impersonation/escalate",
      body: () => ({}),
      expect: consoleRoute({
        support: 409,
        admin: 409,
        supportViewing: 403,
        adminViewing: 400,
        adminEscalated: 403,
      }),
    },
  ],
  "/api/admin/impersonation/stop/route": [
    {
      method: "POST",
      path: () => "/api/admin/impersonation/stop",
      body: () => ({}),
      expect: consoleRoute({ support: 409, admin: 409 }, 200),
      phase: () => 3,
    },
  ],
};

/** Session-ending calls run late: a view's are refused (phase 2), everyone else's from a fresh sign-in (phase 4). */
const endsSessions = (actor: NamedActor) => (isViewing(actor) ? 2 : 4);

/** better-auth's endpoints that Portico serves (lib/auth/endpoints.ts), with what each actor gets. */
const authProbes: Record<string, Probe[]> = {
  "/sign-in/email": [
    {
      method: "POST",
      path: () => `${AUTH_BASE_PATH}/sign-in/email`,
      body: () => ({ email: uniqueEmail("nobody"), password: "not-a-password" }),
      expect: { default: 401 },
    },
  ],
  "/sign-out": [
    {
      method: "POST",
      path: () => `${AUTH_BASE_PATH}/sign-out`,
      body: () => ({}),
      expect: { default: 200 },
      phase: () => 4,
    },
  ],
  "/ok": [{ method: "GET", path: () => `${AUTH_BASE_PATH}/ok`, expect: { default: 200 } }],
};

async function checkAccountSession(actor: NamedActor, response: Response): Promise<void> {
  if (response.status !== 200 || actor === "anonymous") return;
  const sent = (await accountSessionRequests()).at(-1);
  const account = actor === "otherOwner" ? String(sent?.params.account) : acmeAccount;
  expect(sent?.params.account, `${actor}: the session is for the actor's own business`).toBe(account);
  if (actor !== "otherOwner") expect(account).toBe(acmeAccount);
  else expect(account).not.toBe(acmeAccount);
  const accountFacts = facts.get(account);
  expect(accountFacts, account).toBeDefined();
  const expected = planComponents(
    profileOf[actor],
    accountFacts ?? { requirementCollection: null, capabilities: {} },
    config.embeddedComponents,
  );
  expect(normalizeParams(sent?.params.components), `${actor}: components and features`).toEqual(expected);
}

function statusOf(expectations: Expectations, actor: NamedActor): Expected {
  return expectations[actor] ?? expectations.default;
}

async function probeOnce(probe: Probe, actor: NamedActor, client: AppClient): Promise<void> {
  const response = await client.request(probe.path(), {
    method: probe.method,
    ...(probe.body ? { body: probe.body() } : {}),
    // A client-side navigation's fetch: the dashboard layout mints no Account Session for it.
    headers: probe.method === "GET" ? { "sec-fetch-dest": "empty" } : {},
  });
  const expected = statusOf(probe.expect, actor);
  const label = `${actor} ${probe.method} ${probe.path()}`;
  if (typeof expected === "number") {
    expect(response.status, label).toBe(expected);
  } else {
    const [status, target] = expected.split(" ");
    expect(response.status, label).toBe(Number(status));
    expect(new URL(response.headers.get("location") ?? "", client.baseUrl).pathname, label).toBe(target);
  }
  await probe.check?.(actor, response);
}

async function freshClient(actor: NamedActor): Promise<AppClient> {
  if (actor === "anonymous") return new AppClient();
  // A viewer's staff member again, on a new device: the password and a recovery code (no authenticator code spent).
  if (isViewing(actor)) return signInWithRecoveryCode(viewingStaff[actor as (typeof viewers)[number]]);
  return signInAs(actor);
}

async function runPhases(probes: Probe[]): Promise<void> {
  for (const phase of [1, 2, 3, 4] as const) {
    for (const probe of probes) {
      for (const actor of actors) {
        if ((probe.phase?.(actor) ?? 1) !== phase) continue;
        const client = phase === 4 ? await freshClient(actor) : clients[actor];
        await probeOnce(probe, actor, client);
      }
    }
  }
}

beforeAll(async () => {
  db = openTestDatabase();
  const acme = await db.db
    .selectFrom("tenants")
    .select(["id", "stripe_account_id"])
    .where("slug", "=", "acme-bikes")
    .executeTakeFirstOrThrow();
  acmeAccount = String(acme.stripe_account_id);
  acmeTenant = acme.id;
  for (const row of await db.db
    .selectFrom("stripe_accounts")
    .select(["id", "requirement_collection", "capabilities"])
    .execute()) {
    facts.set(row.id, {
      requirementCollection: row.requirement_collection,
      capabilities: JSON.parse(row.capabilities) as Record<string, string>,
    });
  }
  const staff = await db.db
    .selectFrom("memberships")
    .innerJoin("user", "user.id", "memberships.user_id")
    .select("memberships.id")
    .where("user.email", "=", tenantActors.staff)
    .where("memberships.tenant_id", "=", acme.id)
    .executeTakeFirstOrThrow();
  staffMembershipId = staff.id;
  const { emulatorUrl } = await import("../../support/emulator-client");
  const list = async (resource: string) => {
    const response = await fetch(`${emulatorUrl()}/v1/${resource}?limit=1`, {
      headers: { authorization: "Bearer sk_test_portico_sandbox", "stripe-account": acmeAccount },
    });
    const body = (await response.json()) as { data: { id: string }[] };
    return body.data[0]?.id ?? "";
  };
  acmePayment = await list("payment_intents");
  // The page checks the id's shape only; the component asks Stripe (for the viewer's own account) for the rest.
  acmePayout = (await list("payouts")) || "po_DoesNotExist000";
  expect(acmePayment).toMatch(/^pi_/);

  // Each view needs a staff member of its own (one view at a time), viewing from the session that enrolled them:
  // the enrolment, the view and the escalation take one authenticator code each, none waits for the next.
  for (const actor of actors) {
    if (!isViewing(actor)) {
      clients[actor] = await signInAs(actor);
      continue;
    }
    const staff = await createStaffMember(actor === "supportViewing" ? "support" : "admin");
    viewingStaff[actor as (typeof viewers)[number]] = staff;
    await startView(staff.client, acmeAccount, staff.email, staff.totpSecret);
    if (viewingActors[actor as (typeof viewers)[number]].escalate) {
      await escalateView(staff.client, staff.email, staff.totpSecret);
    }
    clients[actor] = staff.client;
  }
}, 120_000);

afterAll(async () => {
  await db?.close();
});

describe("route × actor matrix", () => {
  it("lists every page and route handler of the built app, and nothing that is not one", () => {
    const manifest = JSON.parse(
      readFileSync(path.join(root, ".next/server/app-paths-manifest.json"), "utf8"),
    ) as Record<string, string>;
    const built = Object.keys(manifest).filter((key) => !notRoutable.has(key));
    const listed = [...Object.keys(pageEntries), ...Object.keys(routeEntries), "/api/auth/[...all]/route"];
    expect([...built].sort()).toEqual([...listed].sort());
  });

  it("has no server action it does not list (there are none)", () => {
    const manifest = JSON.parse(
      readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8"),
    ) as {
      node: Record<string, unknown>;
      edge: Record<string, unknown>;
    };
    expect(Object.keys(manifest.node)).toEqual([]);
    expect(Object.keys(manifest.edge)).toEqual([]);
  });

  it("serves no better-auth endpoint it does not list; every other one is a 404 for everyone", async () => {
    const defined = Object.values(getAuth().api)
      .map((endpoint) => ("path" in endpoint ? endpoint.path : undefined))
      .filter((p): p is string => typeof p === "string");
    expect(defined.length).toBeGreaterThan(20);
    for (const served of Object.keys(AUTH_ENDPOINTS)) expect(defined, served).toContain(served);
    expect(Object.keys(authProbes).sort()).toEqual(Object.keys(AUTH_ENDPOINTS).sort());
    const unserved = defined.filter((p) => !(p in AUTH_ENDPOINTS));
    // The admin plugin's endpoints are not even defined any more; they are 404 like everything unserved.
    const sideDoors = [
      "/admin/impersonate-user",
      "/admin/set-role",
      "/admin/set-user-password",
      "/admin/ban-user",
      "/admin/list-users",
    ];
    for (const endpoint of [...unserved, ...sideDoors]) {
      const url = `${AUTH_BASE_PATH}${endpoint.replace(/:[a-zA-Z]+/g, "x")}`;
      for (const actor of ["anonymous", "owner", "admin"] as const) {
        for (const method of ["GET", "POST"] as const) {
          const response = await clients[actor].request(url, {
            method,
            ...(method === "POST" ? { body: {} } : {}),
          });
          expect(response.status, `${actor} ${method} ${url}`).toBe(404);
        }
      }
    }
  });

  it("answers 405 to every method a route does not export", async () => {
    const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
    const anonymous = new AppClient();
    for (const [key, probes] of Object.entries(routeEntries)) {
      const exported = new Set(probes.map((p) => p.method));
      const first = probes[0];
      if (!first) throw new Error(`${key} has no probe`);
      for (const method of methods) {
        if (exported.has(method)) continue;
        const response = await anonymous.request(first.path(), {
          method,
          ...(method === "GET" ? {} : { body: {} }),
        });
        expect(response.status, `${method} ${first.path()}`).toBe(405);
      }
    }
    for (const method of ["PUT", "PATCH", "DELETE"] as const) {
      expect((await anonymous.request(`${AUTH_BASE_PATH}/ok`, { method, body: {} })).status).toBe(405);
    }
  });

  it("gives every actor the expected answer on every page", async () => {
    for (const [key, entry] of Object.entries(pageEntries)) {
      await runPhases([{ method: "GET", path: entry.path, expect: entry.expect }]).catch((error: unknown) => {
        throw new Error(`${key}: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
  });

  it("gives every actor the expected answer on every route handler and better-auth endpoint", async () => {
    await runPhases([...Object.values(routeEntries).flat(), ...Object.values(authProbes).flat()]);
  });
});
