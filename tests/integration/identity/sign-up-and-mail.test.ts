import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/connection";
import { AppClient, uniqueEmail } from "../../support/app-client";
import { emulatorUrl, loggedRequests } from "../../support/emulator-client";
import { hasLinkTo, listMail, tokenFrom, waitForMail } from "../../support/mailbox";
import { openTestDatabase } from "../../support/test-db";
import { tenantActors } from "../../support/actors";

/**
 * Sign-up by a mailed link: nothing (no user, no business, no Stripe account) exists for an unconfirmed address, the
 * answer is the same for new and known addresses, the link is signed, single-use and expiring, and mail goes
 * through the outbox — so an SMTP outage delays mail but fails nothing.
 */

let db: DbHandle;
beforeAll(() => {
  db = openTestDatabase();
});
afterAll(async () => {
  await db.close();
});

async function setMailOutage(down: boolean): Promise<void> {
  const response = await fetch(new URL("/_emulator/mail/outage", emulatorUrl()), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ down }),
  });
  expect(response.ok).toBe(true);
}
afterEach(async () => {
  await setMailOutage(false);
});

const form = (email: string) => ({
  name: "Nora New",
  email,
  password: "nora-password-1",
  businessName: "Nora's Nuts",
});

async function requestLink(email: string, headers: Record<string, string> = {}): Promise<string> {
  const since = Date.now() - 1000;
  const client = new AppClient();
  const response = await client.request("/api/signup", { body: form(email), headers });
  expect(response.status).toBe(202);
  const mail = await waitForMail(email, { since, match: hasLinkTo("/verify-email") });
  return tokenFrom(mail, "/verify-email");
}

describe("sign-up", () => {
  it("creates nothing until the mailed link is used, then the verified owner, the business and its account", async () => {
    const email = uniqueEmail("signup");
    const since = Date.now();
    const token = await requestLink(email);
    // Nothing but the link: no user, no tenant, no Stripe account for this address.
    expect(
      await db.db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirst(),
    ).toBeUndefined();
    const creates = (await loggedRequests()).filter(
      (r) => r.method === "POST" && r.path === "/v1/accounts" && r.time * 1000 >= since - 1000,
    );
    expect(creates.filter((r) => JSON.stringify(r.params).includes(email))).toHaveLength(0);

    // The confirmation page shows without using the link up.
    const page = await new AppClient().request(`/verify-email?token=${encodeURIComponent(token)}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(email);

    // The wrong password: refused, and the link still works.
    const client = new AppClient();
    const wrong = await client.request("/api/signup/verify", { body: { token, password: "not-the-one" } });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe("wrong_password");

    const done = await client.request("/api/signup/verify", { body: { token, password: "nora-password-1" } });
    expect(done.status).toBe(201);
    expect(((await done.json()) as { redirectTo: string }).redirectTo).toBe("/onboarding");
    const me = await client.request("/api/me");
    expect(me.status).toBe(200);
    const user = await db.db
      .selectFrom("user")
      .innerJoin("memberships", "memberships.user_id", "user.id")
      .innerJoin("tenants", "tenants.id", "memberships.tenant_id")
      .select(["user.emailVerified", "memberships.role", "tenants.stripe_account_id"])
      .where("user.email", "=", email)
      .executeTakeFirstOrThrow();
    expect(Boolean(user.emailVerified)).toBe(true);
    expect(user.role).toBe("owner");
    expect(user.stripe_account_id).toMatch(/^acct_/);

    // Single use.
    const again = await new AppClient().request("/api/signup/verify", {
      body: { token, password: "nora-password-1" },
    });
    expect(again.status).toBe(400);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe("token_used");
  });

  it("answers a known address exactly like a new one, and mails the known one a note instead of a link", async () => {
    const known = tenantActors.owner;
    const since = Date.now() - 1000;
    const fresh = await new AppClient().request("/api/signup", { body: form(uniqueEmail("fresh")) });
    const existing = await new AppClient().request("/api/signup", { body: form(known) });
    expect(existing.status).toBe(fresh.status);
    const strip = (body: { status: string; email: string }) => ({ ...body, email: "" });
    expect(strip((await existing.json()) as { status: string; email: string })).toEqual(
      strip((await fresh.json()) as { status: string; email: string }),
    );
    const note = await waitForMail(known, { since });
    expect(note.subject).toMatch(/tried to sign up/);
    expect(note.links.some((l) => l.includes("/verify-email"))).toBe(false);
  });

  it("refuses a tampered, a forged and an expired link", async () => {
    const email = uniqueEmail("tamper");
    const token = await requestLink(email);
    const [id, expiry, mac] = token.split(".");
    const attempts = {
      // A later expiry with the old signature.
      later: `${id}.${Number(expiry) + 86_400_000}.${mac}`,
      // Another id with this signature.
      other: `${"A".repeat(22)}.${expiry}.${mac}`,
      garbage: "not-a-token",
    };
    for (const bad of Object.values(attempts)) {
      const response = await new AppClient().request("/api/signup/verify", {
        body: { token: bad, password: "nora-password-1" },
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("token_invalid");
    }
    // The row's expiry passed (as if a day went by): expired, and nothing is created.
    await db.db
      .updateTable("one_time_tokens")
      .set({ expires_at: Date.now() - 1 })
      .where("id", "=", id ?? "")
      .execute();
    const expired = await new AppClient().request("/api/signup/verify", {
      body: { token, password: "nora-password-1" },
    });
    expect(expired.status).toBe(400);
    expect(((await expired.json()) as { error: { code: string } }).error.code).toBe("token_expired");
    expect(
      await db.db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirst(),
    ).toBeUndefined();
  });

  it("writes in the visitor's language, as text and HTML with the platform's branding", async () => {
    const email = uniqueEmail("french");
    const since = Date.now() - 1000;
    await new AppClient().request("/api/signup", {
      body: form(email),
      headers: { "accept-language": "fr-FR,fr;q=0.9" },
    });
    const mail = await waitForMail(email, { since });
    expect(mail.subject).toBe("Confirmez votre adresse e-mail pour Portico");
    expect(mail.text).toContain("Nora's Nuts");
    expect(mail.html).toContain("#4f46e5");
    expect(mail.html).toContain("Confirmer mon adresse");
    expect(mail.from).toContain("portico.test");
  });

  it("limits how many sign-up mails one address gets", async () => {
    const email = uniqueEmail("flood");
    const since = Date.now() - 1000;
    for (let i = 0; i < 7; i++) {
      const response = await new AppClient().request("/api/signup", { body: form(email) });
      expect(response.status).toBe(202);
    }
    // Five arrive (other tests' mail may be ahead of them in the outbox), and no more after that.
    await expect.poll(async () => (await listMail(email, since)).length, { timeout: 20_000 }).toBe(5);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await listMail(email, since)).length).toBe(5);
  });

  it("keeps answering through an SMTP outage and delivers the mail once the server is back", async () => {
    await setMailOutage(true);
    const email = uniqueEmail("outage");
    const since = Date.now() - 1000;
    const response = await new AppClient().request("/api/signup", { body: form(email) });
    expect(response.status).toBe(202);
    // The outbox tried, failed, and keeps it for a retry; nothing reached the inbox.
    const outboxRow = () =>
      db.db
        .selectFrom("mail_outbox")
        .select(["status", "attempts", "last_error"])
        .where("recipient", "=", email)
        .executeTakeFirst();
    // The attempt is counted when a sender claims the row, and its error written when the send fails: wait for both.
    await expect.poll(async () => Boolean((await outboxRow())?.last_error), { timeout: 20_000 }).toBe(true);
    const row = await outboxRow();
    expect(row?.status).toBe("pending");
    expect(row?.attempts).toBeGreaterThanOrEqual(1);
    expect(await listMail(email, since)).toHaveLength(0);
    await setMailOutage(false);
    const mail = await waitForMail(email, { since, timeoutMs: 40_000 });
    expect(mail.links.some((l) => l.includes("/verify-email"))).toBe(true);
    // Sent once, and the link's token no longer sits in the outbox.
    const sent = await db.db
      .selectFrom("mail_outbox")
      .select(["status", "text_body", "html_body"])
      .where("recipient", "=", email)
      .execute();
    expect(sent).toEqual([{ status: "sent", text_body: null, html_body: null }]);
    expect(await listMail(email, since)).toHaveLength(1);
  }, 60_000);
});
