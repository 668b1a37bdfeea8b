import { randomInt } from "node:crypto";
import { expect } from "vitest";
import { DEMO_PASSWORD, staffActors, tenantActors, viewingActors, type Actor } from "./actor-directory";
import { AppClient } from "./app-client";
import { openTestDatabase } from "./test-db";
import { freshTotpCode, withTotpCode } from "./totp-codes";

/**
 * Who a test acts as, and how it gets there: `signInAs(actor)` signs a fresh client in (its own client address, so
 * per-address limits stay per test) and, for the viewing actors, opens the view of Acme Bikes with a reason and the
 * step-up (and, for the escalated admin, the owner's view). The one place tests sign in: staff (and anyone with a
 * TOTP secret) give their second factor here, computed from their secret.
 */
export {
  actors,
  DEMO_PASSWORD,
  staffActors,
  tenantActors,
  viewingActors,
  type Actor,
  type NamedActor,
} from "./actor-directory";

export const VIEW_REASON = "Ticket 4821: customer cannot see payouts";
export const ESCALATION_REASON = "Owner asked us to check order 1182";

export async function signInWith(
  email: string,
  password = DEMO_PASSWORD,
  totpSecret?: string,
): Promise<AppClient> {
  if (totpSecret) AppClient.totpSecrets.set(email.toLowerCase(), totpSecret);
  const client = new AppClient();
  const response = await client.signIn(email, password);
  expect(response.status, `sign in as ${email}`).toBe(200);
  return client;
}

function secretOf(email: string, secret = AppClient.totpSecrets.get(email.toLowerCase())): string {
  if (!secret) throw new Error(`no TOTP secret known for ${email}`);
  return secret;
}

/** A step-up code of the staff member that this test process has not used yet (each code works once). */
export async function stepUpCode(email: string = staffActors.admin, secret?: string): Promise<string> {
  return freshTotpCode(secretOf(email, secret));
}

/** Sends a request that needs the staff member's step-up code, with a fresh one (again if it was already used). */
export async function withStepUp(
  email: string,
  send: (code: string) => Promise<Response>,
  secret?: string,
): Promise<Response> {
  return withTotpCode(secretOf(email, secret), send);
}

/** Opens a view of `accountId` for a signed-in staff client (reason, confirmation, step-up with a TOTP code). */
export async function startView(
  client: AppClient,
  accountId: string,
  email: string = staffActors.admin,
  secret?: string,
): Promise<string> {
  const response = await withStepUp(
    email,
    (code) =>
      client.request("/api/admin/impersonation", {
        body: { accountId, reason: VIEW_REASON, confirm: true, code },
      }),
    secret,
  );
  expect(response.status, "start viewing").toBe(201);
  return ((await response.json()) as { impersonation: { id: string } }).impersonation.id;
}

export async function escalateView(
  client: AppClient,
  email: string = staffActors.admin,
  secret?: string,
): Promise<void> {
  const response = await withStepUp(
    email,
    (code) =>
      client.request("/api/admin/impersonation/escalate", {
        body: { reason: ESCALATION_REASON, confirm: true, code },
      }),
    secret,
  );
  expect(response.status, "escalate the view").toBe(200);
}

/**
 * A platform staff member of the test's own (signed up, then given the role, with no business), for tests that
 * need several staff at once — a staff member has one view at a time — or that lock an account out.
 */
export async function createStaffMember(
  role: "admin" | "support",
  password = DEMO_PASSWORD,
): Promise<{
  email: string;
  userId: string;
  password: string;
  totpSecret: string;
  /** Ten single-use codes: another device signs in with one without spending a TOTP code. */
  recoveryCodes: string[];
  client: AppClient;
}> {
  const email = `${role}-${Date.now().toString(36)}-${randomInt(1e9).toString(36)}@portico.test`;
  const signup = await new AppClient().signUp({
    name: `Test ${role}`,
    email,
    password,
    businessName: "Staff Co",
  });
  expect(signup.status, "staff sign-up").toBe(201);
  const db = openTestDatabase();
  let userId: string;
  try {
    const user = await db.db
      .selectFrom("user")
      .select("id")
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    await db.db.updateTable("user").set({ role }).where("id", "=", user.id).execute();
    await db.db.deleteFrom("memberships").where("user_id", "=", user.id).execute();
    userId = user.id;
  } finally {
    await db.close();
  }
  // Staff sign in to a partial session and set up their second factor before anything else, as a person would.
  const client = new AppClient();
  expect((await client.signInPasswordOnly(email, password)).status, "staff first sign-in").toBe(200);
  const enrol = await client.request("/api/second-factor/enrol", { body: {} });
  expect(enrol.status, "start TOTP enrolment").toBe(200);
  const { secret } = (await enrol.json()) as { secret: string };
  const confirm = await withTotpCode(secret, (code) =>
    client.request("/api/second-factor/confirm", { body: { code } }),
  );
  expect(confirm.status, "confirm TOTP enrolment").toBe(200);
  const { recoveryCodes } = (await confirm.json()) as { recoveryCodes: string[] };
  AppClient.totpSecrets.set(email.toLowerCase(), secret);
  // The enrolment's code counted for that session: it is fully signed in.
  return { email, userId, password, totpSecret: secret, recoveryCodes, client };
}

/** Another device of a staff member made by `createStaffMember`: the password, then one of their recovery codes. */
export async function signInWithRecoveryCode(staff: {
  email: string;
  password: string;
  recoveryCodes: string[];
}): Promise<AppClient> {
  const code = staff.recoveryCodes.shift();
  if (!code) throw new Error(`no recovery code left for ${staff.email}`);
  const client = new AppClient();
  expect((await client.signInPasswordOnly(staff.email, staff.password)).status).toBe(200);
  const verified = await client.request("/api/second-factor/verify", { body: { code } });
  expect(verified.status, "recovery code").toBe(200);
  return client;
}

export async function signInAs(
  actor: Actor,
  options: { viewAccountId?: string; staffEmail?: string; staffSecret?: string } = {},
): Promise<AppClient> {
  if (actor === "anonymous") return new AppClient();
  if (typeof actor === "object") return signInWith(actor.email, actor.password, actor.totpSecret);
  if (actor in tenantActors) return signInWith(tenantActors[actor as keyof typeof tenantActors]);
  if (actor in staffActors) return signInWith(staffActors[actor as keyof typeof staffActors]);
  const view = viewingActors[actor as keyof typeof viewingActors];
  if (!options.viewAccountId) throw new Error(`${actor} needs the account to view (viewAccountId)`);
  const email = options.staffEmail ?? view.email;
  const secret = options.staffSecret ?? AppClient.totpSecrets.get(email.toLowerCase());
  const client = await signInWith(email, DEMO_PASSWORD, secret);
  await startView(client, options.viewAccountId, email, secret);
  if (view.escalate) await escalateView(client, email, secret);
  return client;
}
