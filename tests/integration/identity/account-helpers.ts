import { expect } from "vitest";
import type { DbHandle } from "@/lib/db/connection";
import { AppClient, uniqueEmail } from "../../support/app-client";
import { hasLinkTo, tokenFrom, waitForMail } from "../../support/mailbox";

/** People of the test's own (signed up through the real flow), so no demo login's password or email ever changes. */

export interface Person {
  client: AppClient;
  email: string;
  password: string;
  userId: string;
  tenantId: string;
  name: string;
}

export async function newOwner(
  db: DbHandle,
  prefix = "owner",
  password = "first-password-1",
): Promise<Person> {
  const email = uniqueEmail(prefix);
  const name = `Test ${prefix}`;
  const client = new AppClient();
  const response = await client.signUp({ name, email, password, businessName: `${prefix} Works` });
  expect(response.status, `sign up ${email}`).toBe(201);
  const row = await db.db
    .selectFrom("user")
    .innerJoin("memberships", "memberships.user_id", "user.id")
    .select(["user.id", "memberships.tenant_id"])
    .where("user.email", "=", email)
    .executeTakeFirstOrThrow();
  return { client, email, password, userId: row.id, tenantId: row.tenant_id, name };
}

/** `owner` invites `member` (already signed up) to their business with `role`; the member accepts by the link. */
export async function addMember(
  db: DbHandle,
  owner: Person,
  member: Person,
  role: "owner" | "staff" | "viewer",
): Promise<string> {
  const since = Date.now() - 1000;
  const invited = await owner.client.request("/api/team/invitations", {
    body: { email: member.email, role },
  });
  expect(invited.status, "invite").toBe(201);
  const mail = await waitForMail(member.email, { since, match: hasLinkTo("/invite") });
  const accepted = await member.client.request("/api/invitations/accept", {
    body: { token: tokenFrom(mail, "/invite") },
  });
  expect(accepted.status, "accept").toBe(200);
  const row = await db.db
    .selectFrom("memberships")
    .select("id")
    .where("user_id", "=", member.userId)
    .where("tenant_id", "=", owner.tenantId)
    .executeTakeFirstOrThrow();
  return row.id;
}

export const errorCode = async (response: Response): Promise<string> =>
  ((await response.json()) as { error: { code: string } }).error.code;

/** A sign-in from a device of its own (its own cookie jar, address and browser). */
export async function signInFrom(email: string, password: string, userAgent: string): Promise<AppClient> {
  const client = new AppClient();
  const response = await client.request("/api/auth/sign-in/email", {
    body: { email, password },
    headers: { "user-agent": userAgent },
  });
  expect(response.status, `sign in ${email}`).toBe(200);
  return client;
}

export const agents = {
  firefoxLinux: "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
  safariIphone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
  chromeWindows:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
};

/** A page's rendered markup without its scripts (which carry every client string of the page, shown or not). */
export async function renderedHtml(response: Response): Promise<string> {
  return (await response.text()).replace(/<script[\s\S]*?<\/script>/g, "").replace(/<!-- -->/g, "");
}
