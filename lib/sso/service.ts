import "server-only";
import { getAuth } from "../auth";
import { isDisabled } from "../auth/disabled";
import { platformRoleOf, type PlatformRole } from "../auth/platform-role";
import { recordAssurance } from "../auth/second-factor";
import { resolveSession } from "../auth/session";
import type { SessionUser } from "../auth/types";
import { findUserIdByEmail } from "../auth/users";
import { recordAudit, type AuditInput } from "../audit";
import { getDbHandle } from "../db";
import { authBool, authDate } from "../db/values";
import { getEnv } from "../env";
import { clientIp } from "../http/client-ip";
import { safeNextPath } from "../http/safe-redirect";
import { newId } from "../ids";
import { endImpersonationsOfSession, type RequestMeta } from "../impersonation";
import { log } from "../log";
import { afterSignIn } from "../auth/activity";
import { hitThrottle } from "../throttle";
import { authorizationUrl, exchangeCode, type VerifiedIdentity } from "./client";
import { SsoError } from "./errors";
import { consumeFlow, createFlow, type SsoFlow } from "./flows";
import { findIdentity, identityOfUser, insertIdentity, touchIdentity } from "./identities";
import {
  decideSignIn,
  groupsOf,
  idpDidMfa,
  linkProblem,
  reauthenticatedSince,
  staffRoleFromGroups,
  type LinkedUser,
} from "./rules";
import { getSsoSettings, SSO_CALLBACK_PATH, type SsoSettings } from "./settings";
import { issueStepUpGrant, type StepUpPurpose } from "./step-up";

/**
 * Single sign-on's three flows through the IdP — signing in, linking a company account to the signed-in user, and
 * the step-up by IdP re-authentication — from the authorization request to what the callback does with a verified
 * identity. Each flow returns the browser to where it started, with what happened in the address (a code, never
 * a secret; a step-up's grant travels in the fragment).
 */

const STARTS_PER_MINUTE = 20;

function settingsOrThrow(): SsoSettings {
  const settings = getSsoSettings();
  if (!settings) throw new SsoError("not_configured");
  return settings;
}

async function limitStarts(headers: Headers): Promise<void> {
  const ip = clientIp(headers);
  if (!ip) return;
  const hit = await hitThrottle(`sso-start:${ip}`, STARTS_PER_MINUTE, 60_000);
  if (!hit.allowed) throw new SsoError("too_many_requests", { retryAfterSeconds: hit.retryAfterSeconds });
}

/** Sign-in: the IdP's authorization URL for this browser. `next` is where to go afterwards (a path on this site). */
export async function startSignIn(input: {
  next: string | null;
  binding: string;
  headers: Headers;
}): Promise<URL> {
  const settings = settingsOrThrow();
  await limitStarts(input.headers);
  const flow = await createFlow({
    intent: "sign_in",
    binding: input.binding,
    returnTo: safeNextPath(input.next, "").split("#", 1)[0] ?? "",
  });
  return authorizationUrl(settings, { ...flow, fresh: false });
}

/** A path on this site without a fragment (the step-up's answer travels in the fragment). */
function returnPath(value: string): string {
  return safeNextPath(value, "/").split("#", 1)[0] ?? "/";
}

/** Whether this user may link a company account now; checked before their step-up is asked for, and again at start. */
export async function ensureLinkable(user: SessionUser): Promise<void> {
  const settings = settingsOrThrow();
  if (await identityOfUser(user.id, settings.issuerKey)) throw new SsoError("already_linked");
  if (user.platformRole ? !settings.staff : !settings.tenants) {
    throw new SsoError(user.platformRole ? "staff_disabled" : "tenants_disabled");
  }
}

/** Unlinking needs a linked identity (checked before the step-up is asked for). */
export async function ensureUnlinkable(user: SessionUser): Promise<void> {
  const settings = settingsOrThrow();
  if (!(await identityOfUser(user.id, settings.issuerKey))) throw new SsoError("not_linked");
}

/** Linking: a signed-in user (who just stepped up) signs in at the IdP afresh; the callback links that identity. */
export async function startLink(input: {
  user: SessionUser;
  sessionId: string;
  binding: string;
  returnTo: string;
  headers: Headers;
}): Promise<URL> {
  const settings = settingsOrThrow();
  await limitStarts(input.headers);
  await ensureLinkable(input.user);
  const flow = await createFlow({
    intent: "link",
    binding: input.binding,
    returnTo: returnPath(input.returnTo),
    userId: input.user.id,
    sessionId: input.sessionId,
  });
  return authorizationUrl(settings, { ...flow, fresh: true });
}

/** Step-up: a linked user signs in at the IdP afresh (max_age=0, prompt=login) to earn a grant for one act. */
export async function startStepUp(input: {
  user: SessionUser;
  sessionId: string;
  purpose: StepUpPurpose;
  binding: string;
  returnTo: string;
  headers: Headers;
}): Promise<URL> {
  const settings = settingsOrThrow();
  await limitStarts(input.headers);
  if (!(await identityOfUser(input.user.id, settings.issuerKey))) throw new SsoError("not_linked");
  const flow = await createFlow({
    intent: "step_up",
    binding: input.binding,
    returnTo: returnPath(input.returnTo),
    userId: input.user.id,
    sessionId: input.sessionId,
    purpose: input.purpose,
  });
  return authorizationUrl(settings, { ...flow, fresh: true });
}

export interface CallbackOutcome {
  location: string;
  /** Set-Cookie values to send (the new session's). */
  cookies: string[];
}

/**
 * The IdP's callback: the flow this browser started (consumed), the code exchanged and the ID token verified, then
 * what the flow was for. Every refusal becomes a redirect that says why — to the sign-in page, or back to the page a
 * link or step-up started from.
 */
export async function handleCallback(input: {
  search: URLSearchParams;
  binding: string | null;
  headers: Headers;
}): Promise<CallbackOutcome> {
  const meta: RequestMeta = { ip: clientIp(input.headers), userAgent: input.headers.get("user-agent") };
  let flow: SsoFlow | null = null;
  try {
    const settings = settingsOrThrow();
    flow = await consumeFlow(input.search.get("state"), input.binding);
    const callbackUrl = new URL(SSO_CALLBACK_PATH, getEnv().appUrl.origin);
    for (const [key, value] of input.search) callbackUrl.searchParams.append(key, value);
    const identity = await exchangeCode(settings, callbackUrl, {
      state: flow.state,
      nonce: flow.nonce,
      codeVerifier: flow.code_verifier,
    });
    if (flow.intent === "link") return await completeLink(settings, flow, identity, input.headers, meta);
    if (flow.intent === "step_up") return await completeStepUp(settings, flow, identity, input.headers, meta);
    return await completeSignIn(settings, flow, identity, input.headers, meta);
  } catch (error) {
    if (!(error instanceof SsoError)) throw error;
    log.warn(
      { event: "auth.sso.failed", intent: flow?.intent ?? null, reason: error.failure, ip: meta.ip },
      "single sign-on refused",
    );
    if (flow?.intent === "step_up") {
      return { location: `${flow.return_to}#sso-error=${error.failure}`, cookies: [] };
    }
    if (flow?.intent === "link")
      return { location: withParam(flow.return_to, "sso_error", error.failure), cookies: [] };
    const next: Record<string, string> = flow?.return_to ? { next: flow.return_to } : {};
    return { location: withParam("/login", "sso_error", error.failure, next), cookies: [] };
  }
}

function withParam(path: string, key: string, value: string, extra: Record<string, string> = {}): string {
  const url = new URL(path, "https://portico.invalid");
  url.searchParams.set(key, value);
  for (const [k, v] of Object.entries(extra)) url.searchParams.set(k, v);
  return `${url.pathname}${url.search}`;
}

interface UserRow {
  id: string;
  email: string;
  role: string | null;
  banned: unknown;
  banExpires: unknown;
}

async function loadLinkedUser(userId: string): Promise<{ row: UserRow; linked: LinkedUser } | null> {
  const { db } = getDbHandle();
  const row = await db
    .selectFrom("user")
    .select(["id", "email", "role", "banned", "banExpires"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!row) return null;
  const membership = await db
    .selectFrom("memberships")
    .select("id")
    .where("user_id", "=", userId)
    .limit(1)
    .executeTakeFirst();
  return {
    row,
    linked: {
      id: row.id,
      platformRole: platformRoleOf(row.role),
      disabled: isDisabled(row),
      hasMemberships: membership !== undefined,
    },
  };
}

async function completeSignIn(
  settings: SsoSettings,
  flow: SsoFlow,
  identity: VerifiedIdentity,
  headers: Headers,
  meta: RequestMeta,
): Promise<CallbackOutcome> {
  const { db, dialect } = getDbHandle();
  const derivedRole = staffRole(settings, identity);
  const existing = await findIdentity(identity.issuer, identity.subject);
  const loaded = existing ? await loadLinkedUser(existing.user_id) : null;
  const emailInUse =
    !loaded && identity.email !== null ? (await findUserIdByEmail(db, identity.email)) !== null : false;
  const decision = decideSignIn({
    mapping: settings,
    derivedRole,
    linked: loaded?.linked ?? null,
    emailInUse,
    email: identity.email,
  });

  if (decision.kind === "refuse") {
    if (decision.revokeStaff && loaded) await revokeStaffAccess(loaded.row, identity, meta);
    throw new SsoError(decision.reason);
  }

  let userId: string;
  let email: string;
  let role: PlatformRole | null;
  if (decision.kind === "create") {
    const created = await createStaffUser(identity, decision.role, meta).catch((error: unknown) => {
      // Two first sign-ins at once, or the address taken meanwhile: the unique constraints decide.
      if (isUniqueViolation(error)) throw new SsoError("email_taken");
      throw error;
    });
    userId = created;
    email = identity.email ?? "";
    role = decision.role;
  } else {
    if (!loaded || !existing) throw new SsoError("invalid_response");
    userId = loaded.row.id;
    email = loaded.row.email;
    role = loaded.linked.platformRole;
    if (decision.role !== undefined) {
      const to = decision.role === "user" ? null : decision.role;
      await db
        .updateTable("user")
        .set({ role: decision.role, updatedAt: authDate(dialect, new Date()) })
        .where("id", "=", userId)
        .execute();
      await audit("sso.role_changed", { userId, email, role: decision.role }, meta, {
        from: role,
        to,
        issuer: identity.issuer,
        groups: groupsOf(identity.groupsClaim).slice(0, 20),
      });
      role = to;
    }
    await touchIdentity(existing.id, identity.email);
  }

  const response = await getAuth().api.createSsoSession({ body: { userId }, headers, asResponse: true });
  if (!response.ok) {
    // The session hook refuses a disabled user whatever the path; anything else is unexpected.
    if (response.status === 403) throw new SsoError("account_disabled");
    throw new Error(`creating the session failed with ${response.status}`);
  }
  const { sessionId } = (await response.json()) as { sessionId: string };
  const mfa = idpDidMfa(identity.amr, settings);
  if (mfa) await recordAssurance(sessionId, userId, "idp_mfa");
  await afterSignIn({
    userId,
    email,
    isStaff: role !== null,
    sessionId,
    userAgent: meta.userAgent,
    ip: meta.ip,
  });
  log.info(
    { event: "auth.sign_in.succeeded", method: "sso", email, ip: meta.ip, idpMfa: mfa },
    "sign-in succeeded",
  );
  const home = role ? "/admin" : "/";
  const location = role && !mfa ? "/two-factor" : flow.return_to || home;
  return { location, cookies: response.headers.getSetCookie() };
}

function staffRole(settings: SsoSettings, identity: VerifiedIdentity): PlatformRole | null {
  return staffRoleFromGroups(groupsOf(identity.groupsClaim), settings);
}

async function createStaffUser(
  identity: VerifiedIdentity,
  role: PlatformRole,
  meta: RequestMeta,
): Promise<string> {
  const { db, dialect } = getDbHandle();
  const email = identity.email ?? "";
  const userId = newId("usr");
  const now = new Date();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("user")
      .values({
        id: userId,
        name: identity.name ?? email.split("@")[0] ?? email,
        email,
        // Only what the IdP vouches for: an unverified address stays unverified.
        emailVerified: authBool(dialect, identity.emailVerified),
        image: null,
        createdAt: authDate(dialect, now),
        updatedAt: authDate(dialect, now),
        role,
        banned: authBool(dialect, false),
        banReason: null,
        banExpires: null,
      })
      .execute();
    const identityId = await insertIdentity(
      { userId, issuer: identity.issuer, subject: identity.subject, email },
      trx,
    );
    await trx
      .updateTable("sso_identities")
      .set({ last_sign_in_at: Date.now() })
      .where("id", "=", identityId)
      .execute();
    await audit(
      "sso.user_provisioned",
      { userId, email, role },
      meta,
      { role, issuer: identity.issuer, emailVerified: identity.emailVerified },
      trx,
    );
  });
  return userId;
}

/**
 * The IdP no longer puts a linked staff member in a mapped group: their platform role goes, and every session they
 * have ends (any view of an account first, audited as stopped) — none stays a staff session.
 */
async function revokeStaffAccess(
  user: UserRow,
  identity: VerifiedIdentity,
  meta: RequestMeta,
): Promise<void> {
  const { db, dialect } = getDbHandle();
  const sessions = await db.selectFrom("session").select("id").where("userId", "=", user.id).execute();
  for (const session of sessions) await endImpersonationsOfSession(session.id, meta);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("user")
      .set({ role: "user", updatedAt: authDate(dialect, new Date()) })
      .where("id", "=", user.id)
      .execute();
    await trx.deleteFrom("session").where("userId", "=", user.id).execute();
    await audit(
      "sso.role_changed",
      { userId: user.id, email: user.email, role: platformRoleOf(user.role) ?? "user" },
      meta,
      { from: platformRoleOf(user.role), to: null, issuer: identity.issuer, sessionsEnded: sessions.length },
      trx,
    );
  });
}

async function currentSessionFor(flow: SsoFlow, headers: Headers) {
  const session = await resolveSession(headers);
  if (!session || session.sessionId !== flow.session_id || session.user.id !== flow.user_id) {
    throw new SsoError("session_changed");
  }
  return session;
}

async function completeLink(
  settings: SsoSettings,
  flow: SsoFlow,
  identity: VerifiedIdentity,
  headers: Headers,
  meta: RequestMeta,
): Promise<CallbackOutcome> {
  const session = await currentSessionFor(flow, headers);
  if (!reauthenticatedSince(identity.authTime, Number(flow.created_at))) throw new SsoError("step_up_stale");
  const existing = await findIdentity(identity.issuer, identity.subject);
  if (existing)
    throw new SsoError(existing.user_id === session.user.id ? "already_linked" : "linked_elsewhere");
  if (await identityOfUser(session.user.id, identity.issuer)) throw new SsoError("already_linked");
  const problem = linkProblem({
    mapping: settings,
    userRole: session.user.platformRole,
    derivedRole: staffRole(settings, identity),
  });
  if (problem) throw new SsoError(problem);
  const { db } = getDbHandle();
  try {
    await db.transaction().execute(async (trx) => {
      await insertIdentity(
        {
          userId: session.user.id,
          issuer: identity.issuer,
          subject: identity.subject,
          email: identity.email,
        },
        trx,
      );
      await audit(
        "sso.identity_linked",
        { userId: session.user.id, email: session.user.email, role: session.user.platformRole ?? "user" },
        meta,
        { issuer: identity.issuer, idpEmail: identity.email },
        trx,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new SsoError("linked_elsewhere");
    throw error;
  }
  log.info({ event: "sso.identity_linked", userId: session.user.id }, "company account linked");
  return { location: withParam(flow.return_to, "sso", "linked"), cookies: [] };
}

async function completeStepUp(
  settings: SsoSettings,
  flow: SsoFlow,
  identity: VerifiedIdentity,
  headers: Headers,
  meta: RequestMeta,
): Promise<CallbackOutcome> {
  const session = await currentSessionFor(flow, headers);
  try {
    const linked = await identityOfUser(session.user.id, settings.issuerKey);
    if (!linked || linked.issuer !== identity.issuer || linked.subject !== identity.subject) {
      throw new SsoError("step_up_wrong_identity");
    }
    if (!reauthenticatedSince(identity.authTime, Number(flow.created_at)))
      throw new SsoError("step_up_stale");
    // A step-up is never a password alone: the IdP must have done a second factor this time.
    if (!idpDidMfa(identity.amr, settings)) throw new SsoError("step_up_no_mfa");
    const token = await issueStepUpGrant({
      sessionId: session.sessionId,
      userId: session.user.id,
      identityId: linked.id,
      purpose: (flow.purpose ?? "") as StepUpPurpose,
      authTimeSeconds: identity.authTime ?? 0,
    });
    log.info({ event: "auth.step_up.idp", purpose: flow.purpose }, "step-up by IdP re-authentication");
    return { location: `${flow.return_to}#sso-grant=${token}`, cookies: [] };
  } catch (error) {
    if (error instanceof SsoError) {
      await recordAudit({
        action: "auth.step_up_failed",
        actor: {
          userId: session.user.id,
          email: session.user.email,
          role: session.user.platformRole ?? "user",
        },
        ip: meta.ip,
        userAgent: meta.userAgent,
        details: { purpose: flow.purpose, method: "idp", reason: error.failure },
      });
    }
    throw error;
  }
}

/** Unlinks the user's company account (after their step-up). Refused when it is their only way to sign in. */
export async function unlinkIdentity(user: SessionUser, meta: RequestMeta): Promise<void> {
  const settings = settingsOrThrow();
  const { db } = getDbHandle();
  const identity = await identityOfUser(user.id, settings.issuerKey);
  if (!identity) throw new SsoError("not_linked");
  const credential = await db
    .selectFrom("account")
    .select("id")
    .where("userId", "=", user.id)
    .where("providerId", "=", "credential")
    .where("password", "is not", null)
    .executeTakeFirst();
  if (!credential) throw new SsoError("needs_password");
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("sso_step_up_grants").where("identity_id", "=", identity.id).execute();
    await trx.deleteFrom("sso_identities").where("id", "=", identity.id).execute();
    await audit(
      "sso.identity_unlinked",
      { userId: user.id, email: user.email, role: user.platformRole ?? "user" },
      meta,
      { issuer: identity.issuer, idpEmail: identity.email },
      trx,
    );
  });
}

/** What the settings section shows: the linked identity at the configured IdP, if any. */
export async function linkedIdentity(
  userId: string,
): Promise<{ email: string | null; linkedAt: number; lastSignInAt: number | null } | null> {
  const settings = getSsoSettings();
  if (!settings) return null;
  const identity = await identityOfUser(userId, settings.issuerKey);
  return identity
    ? {
        email: identity.email,
        linkedAt: Number(identity.created_at),
        lastSignInAt: identity.last_sign_in_at === null ? null : Number(identity.last_sign_in_at),
      }
    : null;
}

async function audit(
  action: Extract<AuditInput["action"], `sso.${string}`>,
  actor: { userId: string; email: string; role: string },
  meta: RequestMeta,
  details: Record<string, unknown>,
  db?: Parameters<typeof recordAudit>[1],
): Promise<void> {
  await recordAudit({ action, actor, ip: meta.ip, userAgent: meta.userAgent, details }, db);
}

function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = "code" in error ? String(error.code) : "";
  return code === "23505" || code.startsWith("SQLITE_CONSTRAINT") || /unique/i.test(error.message);
}

/** The IdP's name when this user may step up by re-authenticating there (linked to the configured IdP), else null. */
export async function idpStepUpProvider(user: SessionUser): Promise<string | null> {
  const settings = getSsoSettings();
  if (!settings || user.platformRole === null || !settings.staff) return null;
  return (await identityOfUser(user.id, settings.issuerKey)) ? settings.providerName : null;
}
