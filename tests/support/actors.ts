import { randomInt } from "node:crypto";
import { expect } from "vitest";
import { DEMO_PASSWORD, staffActors, tenantActors, viewingActors, type Actor } from "./actor-directory";
import { AppClient } from "./app-client";
import { openTestDatabase } from "./test-db";

/**
 * Who a test acts as, and how it gets there: `signInAs(actor)` signs a fresh client in (its own client address, so
 * per-address limits stay per test) and, for the viewing actors, opens the view of Acme Bikes with a reason and the
 * step-up (and, for the escalated admin, the owner's view). The one place tests sign in: when sign-in grows a second
 * factor, it grows here.
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

export async function signInWith(email: string, password = DEMO_PASSWORD): Promise<AppClient> {
  const client = new AppClient();
  const response = await client.signIn(email, password);
  expect(response.status, `sign in as ${email}`).toBe(200);
  return client;
}

/** Opens a view of `accountId` for a signed-in staff client (reason, confirmation, step-up). */
export async function startView(
  client: AppClient,
  accountId: string,
  password = DEMO_PASSWORD,
): Promise<string> {
  const response = await client.request("/api/admin/impersonation", {
    body: { accountId, reason: VIEW_REASON, confirm: true, password },
  });
  expect(response.status, "start viewing").toBe(201);
  return ((await response.json()) as { impersonation: { id: string } }).impersonation.id;
}

export async function escalateView(client: AppClient, password = DEMO_PASSWORD): Promise<void> {
  const response = await client.request("/api/admin/impersonation/escalate", {
    body: { reason: ESCALATION_REASON, confirm: true, password },
  });
  expect(response.status, "escalate the view").toBe(200);
}

/**
 * A platform staff member of the test's own (signed up, then given the role, with no business), for tests that
 * need several staff at once — a staff member has one view at a time — or that lock an account out.
 */
export async function createStaffMember(
  role: "admin" | "support",
  password = DEMO_PASSWORD,
): Promise<{ email: string; userId: string; password: string }> {
  const email = `${role}-${Date.now().toString(36)}-${randomInt(1e9).toString(36)}@portico.test`;
  const signup = await new AppClient().signUp({
    name: `Test ${role}`,
    email,
    password,
    businessName: "Staff Co",
  });
  expect(signup.status, "staff sign-up").toBe(201);
  const db = openTestDatabase();
  try {
    const user = await db.db
      .selectFrom("user")
      .select("id")
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    await db.db.updateTable("user").set({ role }).where("id", "=", user.id).execute();
    await db.db.deleteFrom("memberships").where("user_id", "=", user.id).execute();
    return { email, userId: user.id, password };
  } finally {
    await db.close();
  }
}

export async function signInAs(
  actor: Actor,
  options: { viewAccountId?: string; staffEmail?: string } = {},
): Promise<AppClient> {
  if (actor === "anonymous") return new AppClient();
  if (typeof actor === "object") return signInWith(actor.email, actor.password);
  if (actor in tenantActors) return signInWith(tenantActors[actor as keyof typeof tenantActors]);
  if (actor in staffActors) return signInWith(staffActors[actor as keyof typeof staffActors]);
  const view = viewingActors[actor as keyof typeof viewingActors];
  if (!options.viewAccountId) throw new Error(`${actor} needs the account to view (viewAccountId)`);
  const client = await signInWith(options.staffEmail ?? view.email);
  await startView(client, options.viewAccountId);
  if (view.escalate) await escalateView(client);
  return client;
}
