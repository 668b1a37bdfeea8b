import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/connection";
import { AppClient, uniqueEmail } from "../../support/app-client";
import { hasLinkTo, listMail, tokenFrom, waitForMail } from "../../support/mailbox";
import { openTestDatabase } from "../../support/test-db";
import { signInAs, signInWith } from "../../support/actors";

/** Password reset by mailed link, and invitations that need the link and the invited, verified address. */

let db: DbHandle;
beforeAll(() => {
  db = openTestDatabase();
});
afterAll(async () => {
  await db.close();
});

async function newOwner(): Promise<{ client: AppClient; email: string; password: string }> {
  const email = uniqueEmail("owner");
  const password = "first-password-1";
  const client = new AppClient();
  const response = await client.signUp({ name: "Rita Reset", email, password, businessName: "Rita's Rugs" });
  expect(response.status).toBe(201);
  return { client, email, password };
}

const codeOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string } }).error.code;

describe("password reset", () => {
  it("mails a single-use link that sets a new password, signs in here and out everywhere else", async () => {
    const { client: other, email, password } = await newOwner();
    const since = Date.now() - 1000;
    const asked = await new AppClient().request("/api/password/forgot", { body: { email } });
    expect(asked.status).toBe(202);
    const mail = await waitForMail(email, { since, match: hasLinkTo("/reset-password") });
    const token = tokenFrom(mail, "/reset-password");

    const browser = new AppClient();
    const reset = await browser.request("/api/password/reset", {
      body: { token, password: "second-password-2" },
    });
    expect(reset.status).toBe(200);
    expect(((await reset.json()) as { signedIn: boolean }).signedIn).toBe(true);
    expect((await browser.request("/api/me")).status).toBe(200);
    // The session that existed before is over; the old password no longer works, the new one does.
    expect((await other.request("/api/me")).status).toBe(401);
    expect((await new AppClient().signIn(email, password)).status).toBe(401);
    expect((await new AppClient().signIn(email, "second-password-2")).status).toBe(200);
    // Once only.
    const again = await new AppClient().request("/api/password/reset", {
      body: { token, password: "third-password-3" },
    });
    expect(again.status).toBe(400);
    expect(await codeOf(again)).toBe("token_used");
  });

  it("answers every address alike and mails only real accounts", async () => {
    const unknown = uniqueEmail("nobody");
    const since = Date.now() - 1000;
    const a = await new AppClient().request("/api/password/forgot", { body: { email: unknown } });
    const { email } = await newOwner();
    const b = await new AppClient().request("/api/password/forgot", { body: { email } });
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(await a.json()).toEqual(await b.json());
    await waitForMail(email, { since, match: hasLinkTo("/reset-password") });
    expect(await listMail(unknown, since)).toHaveLength(0);
  });

  it("refuses a new password that breaks the rule, keeping the link usable", async () => {
    const { email } = await newOwner();
    const since = Date.now() - 1000;
    await new AppClient().request("/api/password/forgot", { body: { email } });
    const token = tokenFrom(
      await waitForMail(email, { since, match: hasLinkTo("/reset-password") }),
      "/reset-password",
    );
    const short = await new AppClient().request("/api/password/reset", {
      body: { token, password: "short" },
    });
    expect(short.status).toBe(400);
    const ok = await new AppClient().request("/api/password/reset", {
      body: { token, password: "long-enough-now" },
    });
    expect(ok.status).toBe(200);
  });
});

describe("invitations", () => {
  async function invite(
    owner: AppClient,
    email: string,
    role = "staff",
  ): Promise<{ id: string; token: string }> {
    const since = Date.now() - 1000;
    const response = await owner.request("/api/team/invitations", { body: { email, role } });
    expect(response.status).toBe(201);
    const { invitation } = (await response.json()) as { invitation: { id: string } };
    const mail = await waitForMail(email, { since, match: hasLinkTo("/invite") });
    expect(mail.subject).toContain("invited you to");
    return { id: invitation.id, token: tokenFrom(mail, "/invite") };
  }

  it("lets the invitee create an account from the link and join; the link works once", async () => {
    const { client: owner } = await newOwner();
    const invitee = uniqueEmail("invitee");
    const { token } = await invite(owner, invitee);
    const page = await new AppClient().request(`/invite?token=${encodeURIComponent(token)}`);
    expect(await page.text()).toContain(invitee);

    const client = new AppClient();
    const joined = await client.request("/api/invitations/register", {
      body: { token, name: "Ivy Invitee", password: "ivy-password-1" },
    });
    expect(joined.status).toBe(201);
    const team = (await (await client.request("/api/tenant")).json()) as {
      tenant: { name: string };
      role: string;
    };
    expect(team.tenant.name).toBe("Rita's Rugs");
    const user = await db.db
      .selectFrom("user")
      .select("emailVerified")
      .where("email", "=", invitee)
      .executeTakeFirstOrThrow();
    expect(Boolean(user.emailVerified)).toBe(true);
    const again = await new AppClient().request("/api/invitations/register", {
      body: { token, name: "Someone Else", password: "other-password-1" },
    });
    expect(again.status).toBe(400);
  });

  it("is not taken over by someone else's account holding the link, nor by signing up with the address", async () => {
    const { client: owner } = await newOwner();
    const invitee = uniqueEmail("target");
    const { token } = await invite(owner, invitee, "owner");

    // An attacker with an account of their own opens the forwarded link: refused, and the invitation stays.
    const attacker = await newOwner();
    const taken = await attacker.client.request("/api/invitations/accept", { body: { token } });
    expect(taken.status).toBe(403);
    expect(await codeOf(taken)).toBe("invitation_wrong_user");

    // Signing up with the invitee's address mails the invitee, not the attacker: no account, no membership.
    const signup = await new AppClient().request("/api/signup", {
      body: { name: "Mallory", email: invitee, password: "mallory-pass-1", businessName: "Mallory Co" },
    });
    expect(signup.status).toBe(202);
    expect(
      await db.db.selectFrom("user").select("id").where("email", "=", invitee).executeTakeFirst(),
    ).toBeUndefined();

    // The real invitee still joins with the link.
    const real = new AppClient();
    const joined = await real.request("/api/invitations/register", {
      body: { token, name: "Tara Target", password: "tara-password-1" },
    });
    expect(joined.status).toBe(201);
  });

  it("an existing member accepts by signing in with the invited address; staff cannot join", async () => {
    const { client: owner } = await newOwner();
    const { client: member, email } = await newOwner();
    const { token } = await invite(owner, email, "viewer");
    const staff = await signInAs("support");
    const refused = await staff.request("/api/invitations/accept", { body: { token } });
    expect(refused.status).toBe(403);
    const accepted = await member.request("/api/invitations/accept", { body: { token } });
    expect(accepted.status).toBe(200);
    const memberships = await db.db
      .selectFrom("memberships")
      .innerJoin("user", "user.id", "memberships.user_id")
      .select("memberships.role")
      .where("user.email", "=", email)
      .execute();
    expect(memberships.map((m) => m.role).sort()).toEqual(["owner", "viewer"]);
  });

  it("resending replaces the link and revoking ends it", async () => {
    const { client: owner } = await newOwner();
    const email = uniqueEmail("resend");
    const first = await invite(owner, email);
    const since = Date.now() - 1000;
    const resent = await owner.request(`/api/team/invitations/${first.id}/resend`, { body: {} });
    expect(resent.status).toBe(200);
    const second = tokenFrom(
      await waitForMail(email, {
        since,
        match: (m) => hasLinkTo("/invite")(m) && !m.links.some((l) => l.includes(first.token.slice(0, 22))),
      }),
      "/invite",
    );
    expect(second).not.toBe(first.token);
    const old = await new AppClient().request("/api/invitations/register", {
      body: { token: first.token, name: "Old Link", password: "old-link-pass" },
    });
    expect(old.status).toBe(400);
    expect(await codeOf(old)).toBe("token_used");

    const revoked = await owner.request(`/api/team/invitations/${first.id}`, { method: "DELETE" });
    expect(revoked.status).toBe(200);
    const late = await new AppClient().request("/api/invitations/register", {
      body: { token: second, name: "Too Late", password: "too-late-pass" },
    });
    expect(late.status).toBe(400);
  });

  it("another business's owner cannot resend this business's invitation", async () => {
    const { client: owner } = await newOwner();
    const { id } = await invite(owner, uniqueEmail("mine"));
    const other = await signInWith("owner@globex.test");
    expect((await other.request(`/api/team/invitations/${id}/resend`, { body: {} })).status).toBe(404);
  });
});
