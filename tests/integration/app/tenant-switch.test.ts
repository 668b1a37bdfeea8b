import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/connection";
import { AppClient, uniqueEmail } from "../../support/app-client";
import { accountSessionRequests } from "../../support/emulator-client";
import { hasLinkTo, tokenFrom, waitForMail } from "../../support/mailbox";
import { openTestDatabase } from "../../support/test-db";

const password = "switch-password-123";

let db: DbHandle;

beforeAll(() => {
  db = openTestDatabase();
});

afterAll(async () => {
  await db?.close();
});

async function newBusiness(businessName: string): Promise<AppClient> {
  const owner = new AppClient();
  const response = await owner.signUp({
    name: "Owen Owner",
    email: uniqueEmail("switch-owner"),
    password,
    businessName,
  });
  expect(response.status).toBe(201);
  return owner;
}

async function tenantOf(slugPrefix: string): Promise<{ id: string; account: string }> {
  const row = await db.db
    .selectFrom("tenants")
    .select(["id", "stripe_account_id"])
    .where("slug", "like", `${slugPrefix}%`)
    .orderBy("created_at", "desc")
    .executeTakeFirstOrThrow();
  return { id: row.id, account: String(row.stripe_account_id) };
}

async function actingFor(client: AppClient): Promise<{ name: string; role: string }> {
  const body = (await (await client.request("/api/tenant")).json()) as {
    tenant: { name: string };
    role: string;
  };
  return { name: body.tenant.name, role: body.role };
}

describe("switching between one's own businesses", () => {
  it("acts for the business chosen, mints its Account Session and audits the switch; refuses any other", async () => {
    const suffix = Date.now().toString(36);
    const alpha = await newBusiness(`Alpha ${suffix}`);
    const beta = await newBusiness(`Beta ${suffix}`);
    const alphaTenant = await tenantOf(`alpha-${suffix}`);
    const betaTenant = await tenantOf(`beta-${suffix}`);

    // Pat joins Alpha from its invitation (a new account), then Beta with the link, signed in.
    const email = uniqueEmail("pat");
    let since = Date.now() - 1000;
    expect((await alpha.request("/api/team/invitations", { body: { email, role: "staff" } })).status).toBe(
      201,
    );
    const pat = new AppClient();
    const alphaMail = await waitForMail(email, {
      since,
      match: (mail) => hasLinkTo("/invite")(mail) && mail.text.includes(`Alpha ${suffix}`),
    });
    const alphaToken = tokenFrom(alphaMail, "/invite");
    expect(
      (await pat.request("/api/invitations/register", { body: { token: alphaToken, name: "Pat", password } }))
        .status,
    ).toBe(201);
    since = Date.now() - 1000;
    expect((await beta.request("/api/team/invitations", { body: { email, role: "viewer" } })).status).toBe(
      201,
    );
    const betaMail = await waitForMail(email, {
      since,
      match: (mail) => hasLinkTo("/invite")(mail) && mail.text.includes(`Beta ${suffix}`),
    });
    const betaToken = tokenFrom(betaMail, "/invite");
    expect((await pat.request("/api/invitations/accept", { body: { token: betaToken } })).status).toBe(200);
    // Joining a business makes it the one acted for.
    expect(await actingFor(pat)).toEqual({ name: `Beta ${suffix}`, role: "viewer" });

    const switched = await pat.request("/api/tenant/active", { body: { tenantId: alphaTenant.id } });
    expect(switched.status).toBe(200);
    expect(switched.headers.get("set-cookie")).toMatch(/^portico_tenant=.*HttpOnly; SameSite=Lax/);
    expect(await actingFor(pat)).toEqual({ name: `Alpha ${suffix}`, role: "staff" });

    // The next Account Session is for Alpha's account, whatever the request body says.
    const minted = await pat.request("/api/account-session", { body: { account: betaTenant.account } });
    expect(minted.status).toBe(200);
    expect((await accountSessionRequests()).at(-1)?.params.account).toBe(alphaTenant.account);

    const user = await db.db
      .selectFrom("user")
      .select("id")
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    const audited = await db.db
      .selectFrom("audit_log")
      .select(["tenant_id", "account_id", "details"])
      .where("action", "=", "tenant.switched")
      .where("actor_user_id", "=", user.id)
      .execute();
    expect(audited).toHaveLength(1);
    expect(audited[0]?.tenant_id).toBe(alphaTenant.id);
    expect(audited[0]?.account_id).toBe(alphaTenant.account);
    expect(JSON.parse(String(audited[0]?.details))).toMatchObject({
      from: { tenantId: betaTenant.id },
      to: { name: `Alpha ${suffix}` },
    });

    // A business Pat is not a member of, by its real id or a made-up one: 404, and nothing changes.
    const acme = await db.db
      .selectFrom("tenants")
      .select("id")
      .where("slug", "=", "acme-bikes")
      .executeTakeFirstOrThrow();
    for (const tenantId of [acme.id, "ten_DoesNotExist0000"]) {
      const refused = await pat.request("/api/tenant/active", { body: { tenantId } });
      expect(refused.status, tenantId).toBe(404);
      expect(refused.headers.get("set-cookie")).toBeNull();
      expect(await actingFor(pat)).toEqual({ name: `Alpha ${suffix}`, role: "staff" });
    }
    // A forged cookie naming Acme picks nothing: Pat acts for their first business.
    pat.cookies.set("portico_tenant", acme.id);
    expect(await actingFor(pat)).toEqual({ name: `Alpha ${suffix}`, role: "staff" });
    const stillAudited = await db.db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "tenant.switched")
      .where("actor_user_id", "=", user.id)
      .execute();
    expect(stillAudited).toHaveLength(1);

    // Bad bodies are refused before anything is looked up; a cross-site post is refused outright.
    expect((await pat.request("/api/tenant/active", { body: {} })).status).toBe(400);
    expect(
      (await pat.request("/api/tenant/active", { body: { tenantId: alphaTenant.id, extra: 1 } })).status,
    ).toBe(400);
    expect(
      (
        await pat.request("/api/tenant/active", {
          body: { tenantId: betaTenant.id },
          origin: "https://evil.example",
        })
      ).status,
    ).toBe(403);
  });
});
