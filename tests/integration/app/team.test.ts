import { describe, expect, it } from "vitest";
import { AppClient, uniqueEmail } from "../../support/app-client";
import { hasLinkTo, tokenFrom, waitForMail } from "../../support/mailbox";

const password = "team-password-123";

async function newOwner(): Promise<AppClient> {
  const client = new AppClient();
  const response = await client.signUp({
    name: "Olga Owner",
    email: uniqueEmail("team-owner"),
    password,
    businessName: "Team Co",
  });
  expect(response.status).toBe(201);
  return client;
}

/** The invitee opens the mailed link and creates their account from it. */
async function joinFromMail(
  client: AppClient,
  email: string,
  since: number,
  name: string,
): Promise<Response> {
  const token = tokenFrom(await waitForMail(email, { since, match: hasLinkTo("/invite") }), "/invite");
  return client.request("/api/invitations/register", { body: { token, name, password } });
}

async function team(client: AppClient) {
  return (await client.request("/api/me")).json();
}

describe("team management", () => {
  it("lets an owner invite someone, who joins from the mailed link without creating a business", async () => {
    const owner = await newOwner();
    const email = uniqueEmail("invitee");
    const since = Date.now() - 1000;
    const invite = await owner.request("/api/team/invitations", { body: { email, role: "staff" } });
    expect(invite.status).toBe(201);
    expect((await owner.request("/api/team/invitations", { body: { email, role: "staff" } })).status).toBe(
      409,
    );

    const invitee = new AppClient();
    const joined = await joinFromMail(invitee, email, since, "Ivan Invitee");
    expect(joined.status).toBe(201);
    const me = await team(invitee);
    expect(me.memberships).toEqual([
      { tenant: { name: "Team Co", slug: expect.stringMatching(/^team-co/) }, role: "staff" },
    ]);
  });

  it("adds an invited existing user when they accept with the link, signed in with the invited address", async () => {
    const owner = await newOwner();
    const existing = new AppClient();
    const email = uniqueEmail("existing");
    await existing.signUp({ name: "Erin Existing", email, password, businessName: "Erin's Shop" });
    const since = Date.now() - 1000;
    expect((await owner.request("/api/team/invitations", { body: { email, role: "viewer" } })).status).toBe(
      201,
    );
    // Signing in alone joins nothing: the link is needed.
    const again = new AppClient();
    expect((await again.signIn(email, password)).status).toBe(200);
    expect((await team(again)).memberships).toHaveLength(1);
    const token = tokenFrom(await waitForMail(email, { since, match: hasLinkTo("/invite") }), "/invite");
    expect((await again.request("/api/invitations/accept", { body: { token } })).status).toBe(200);
    const roles = (await team(again)).memberships.map((m: { role: string }) => m.role).sort();
    expect(roles).toEqual(["owner", "viewer"]);
  });

  it("refuses team changes by staff and viewers, and validates input", async () => {
    expect(
      (await new AppClient().request("/api/team/invitations", { body: { email: "a@b.test", role: "staff" } }))
        .status,
    ).toBe(401);
    const staff = new AppClient();
    await staff.signIn("staff@acme.test");
    expect(
      (await staff.request("/api/team/invitations", { body: { email: uniqueEmail(), role: "staff" } }))
        .status,
    ).toBe(403);
    const viewer = new AppClient();
    await viewer.signIn("viewer@acme.test");
    expect((await viewer.request("/api/team/members/mem_whatever", { method: "DELETE" })).status).toBe(403);
    const owner = await newOwner();
    expect(
      (await owner.request("/api/team/invitations", { body: { email: "not-an-email", role: "staff" } }))
        .status,
    ).toBe(400);
    expect(
      (await owner.request("/api/team/invitations", { body: { email: uniqueEmail(), role: "admin" } }))
        .status,
    ).toBe(400);
  });

  it("never leaves a business without an owner, and an owner cannot touch another business's members", async () => {
    const owner = await newOwner();
    const { members } = await (await owner.request("/api/team")).json();
    const self = members[0].membershipId;
    const demote = await owner.request(`/api/team/members/${self}`, {
      method: "PATCH",
      body: { role: "staff" },
    });
    expect(demote.status).toBe(409);
    expect((await demote.json()).error.code).toBe("last_owner");
    expect((await owner.request(`/api/team/members/${self}`, { method: "DELETE" })).status).toBe(409);

    // With a second owner, the first may step down.
    const email = uniqueEmail("second-owner");
    const since = Date.now() - 1000;
    await owner.request("/api/team/invitations", { body: { email, role: "owner" } });
    expect((await joinFromMail(new AppClient(), email, since, "Second")).status).toBe(201);
    expect(
      (await owner.request(`/api/team/members/${self}`, { method: "PATCH", body: { role: "viewer" } }))
        .status,
    ).toBe(200);

    // Acme's owner cannot change a member of this business by id.
    const acme = new AppClient();
    await acme.signIn("owner@acme.test");
    const other = (await (await owner.request("/api/team")).json()).members.find(
      (m: { email: string }) => m.email === email,
    ).membershipId;
    expect((await acme.request(`/api/team/members/${other}`, { method: "DELETE" })).status).toBe(404);
    expect((await owner.request("/api/team")).status).toBe(200);
  });
});
