import { describe, expect, it } from "vitest";
import { createStaffMember } from "../../support/actors";
import { AppClient, appUrl, uniqueEmail } from "../../support/app-client";
import { SoftAuthenticator } from "../../support/soft-authenticator";
import { openTestDatabase } from "../../support/test-db";
import { freshTotpCode } from "../../support/totp-codes";

/**
 * Passkeys as a second factor, with a software authenticator speaking WebAuthn's JSON: added beside TOTP after a
 * fresh code, then good for the second step of signing in and for a staff step-up; each challenge works once, for
 * the session that asked, on this origin only, and a cloned authenticator's old counter is refused.
 */

async function codeOf(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

async function options(client: AppClient, path: string, body: unknown) {
  const response = await client.request(path, { body });
  expect(response.status, path).toBe(200);
  return ((await response.json()) as { options: { challenge: string; allowCredentials?: { id: string }[] } })
    .options;
}

/** A tenant owner with TOTP set up, signed in. */
async function ownerWithTotp() {
  const email = uniqueEmail("passkey");
  const password = "passkey-password-1";
  const client = new AppClient();
  expect((await client.signUp({ name: "Pia", email, password, businessName: "Pia Prints" })).status).toBe(
    201,
  );
  const { secret } = (await (await client.request("/api/second-factor/enrol", { body: {} })).json()) as {
    secret: string;
  };
  const confirmed = await client.request("/api/second-factor/confirm", {
    body: { code: await freshTotpCode(secret) },
  });
  expect(confirmed.status).toBe(200);
  return { email, password, secret, client };
}

async function addPasskey(
  client: AppClient,
  secret: string,
  authenticator: SoftAuthenticator,
  name = "Laptop",
) {
  const creation = await options(client, "/api/passkeys/registration-options", {
    code: await freshTotpCode(secret),
  });
  const added = await client.request("/api/passkeys", {
    body: { name, response: authenticator.create({ challenge: creation.challenge, rp: {} }) },
  });
  expect(added.status).toBe(201);
  return ((await added.json()) as { passkey: { id: string } }).passkey.id;
}

describe("passkeys", () => {
  it("are added only beside an authenticator app, after a current code", async () => {
    const email = uniqueEmail("nokey");
    const client = new AppClient();
    await client.signUp({ name: "Ned", email, password: "ned-password-1", businessName: "Ned Nets" });
    const refused = await client.request("/api/passkeys/registration-options", { body: { code: "123456" } });
    expect(refused.status).toBe(409);
    expect(await codeOf(refused)).toBe("second_factor_enrolment_required");

    const owner = await ownerWithTotp();
    expect((await owner.client.request("/api/passkeys/registration-options", { body: {} })).status).toBe(400);
    const wrong = await owner.client.request("/api/passkeys/registration-options", {
      body: { code: "000000" },
    });
    expect(wrong.status).toBe(403);
    // Without an open registration (the wrong code opened none), an answer is refused.
    const stray = await owner.client.request("/api/passkeys", {
      body: {
        name: "Stray",
        response: new SoftAuthenticator(appUrl()).create({ challenge: "AAAA", rp: {} }),
      },
    });
    expect(stray.status).toBe(403);
    expect(await codeOf(stray)).toBe("passkey_expired");
  });

  it("sign a tenant in as the second step; each answer works once, on this origin, with a counter that moves on", async () => {
    const owner = await ownerWithTotp();
    const authenticator = new SoftAuthenticator(appUrl());
    const passkeyId = await addPasskey(owner.client, owner.secret, authenticator);

    const browser = new AppClient();
    expect((await browser.signInPasswordOnly(owner.email, owner.password)).status).toBe(200);
    expect((await browser.request("/api/tenant")).status).toBe(403);
    const request = await options(browser, "/api/passkeys/options", { ceremony: "sign_in" });
    expect(request.allowCredentials?.map((c) => c.id)).toEqual([passkeyId]);
    const answer = authenticator.get(request);
    const verified = await browser.request("/api/second-factor/passkey", { body: { response: answer } });
    expect(verified.status).toBe(200);
    expect((await browser.request("/api/tenant")).status).toBe(200);

    // The same answer again: its challenge is spent.
    const other = new AppClient();
    await other.signInPasswordOnly(owner.email, owner.password);
    const replay = await other.request("/api/second-factor/passkey", { body: { response: answer } });
    expect(replay.status).toBe(403);
    expect(await codeOf(replay)).toBe("passkey_expired");
    // Signed for another origin (a phishing page): refused.
    const phished = authenticator.get(
      await options(other, "/api/passkeys/options", { ceremony: "sign_in" }),
      {
        origin: "https://portico.example.evil",
      },
    );
    expect(
      await codeOf(await other.request("/api/second-factor/passkey", { body: { response: phished } })),
    ).toBe("passkey_failed");
    // A clone replaying an old signature counter: refused.
    const cloned = authenticator.get(await options(other, "/api/passkeys/options", { ceremony: "sign_in" }), {
      counter: 1,
    });
    expect(
      await codeOf(await other.request("/api/second-factor/passkey", { body: { response: cloned } })),
    ).toBe("passkey_failed");
    // Another person's passkey does not sign this account in.
    const stranger = await ownerWithTotp();
    const strangerKey = new SoftAuthenticator(appUrl());
    await addPasskey(stranger.client, stranger.secret, strangerKey);
    const foreign = strangerKey.get(await options(other, "/api/passkeys/options", { ceremony: "sign_in" }), {
      anyCredential: true,
    });
    expect(
      await codeOf(await other.request("/api/second-factor/passkey", { body: { response: foreign } })),
    ).toBe("passkey_failed");
    expect((await other.request("/api/tenant")).status).toBe(403);
    const good = authenticator.get(await options(other, "/api/passkeys/options", { ceremony: "sign_in" }));
    expect((await other.request("/api/second-factor/passkey", { body: { response: good } })).status).toBe(
      200,
    );
    expect((await other.request("/api/tenant")).status).toBe(200);
  });

  it("open a staff member's view as the step-up, and are removed by their owner only", async () => {
    const staff = await createStaffMember("support");
    const authenticator = new SoftAuthenticator(appUrl());
    const passkeyId = await addPasskey(staff.client, staff.totpSecret, authenticator, "Security key");
    const db = openTestDatabase();
    try {
      const tenant = await db.db
        .selectFrom("tenants")
        .select("stripe_account_id")
        .where("slug", "=", "acme-bikes")
        .executeTakeFirstOrThrow();
      const accountId = String(tenant.stripe_account_id);
      // A sign-in challenge does not serve as a step-up.
      const signInAnswer = authenticator.get(
        await options(staff.client, "/api/passkeys/options", { ceremony: "sign_in" }),
      );
      const mixed = await staff.client.request("/api/admin/impersonation", {
        body: { accountId, reason: "Ticket 77: checking payouts", confirm: true, passkey: signInAnswer },
      });
      expect(mixed.status).toBe(403);
      const answer = authenticator.get(
        await options(staff.client, "/api/passkeys/options", { ceremony: "step_up" }),
      );
      const started = await staff.client.request("/api/admin/impersonation", {
        body: { accountId, reason: "Ticket 77: checking payouts", confirm: true, passkey: answer },
      });
      expect(started.status).toBe(201);
      const audit = await db.db
        .selectFrom("audit_log")
        .select(["action", "details"])
        .where("actor_email", "=", staff.email)
        .where("action", "in", ["auth.passkey_added", "auth.step_up_failed"])
        .orderBy("occurred_at", "asc")
        .execute();
      expect(audit.map((a) => a.action)).toEqual(["auth.passkey_added", "auth.step_up_failed"]);
      expect(JSON.parse(String(audit[1]?.details))).toMatchObject({ method: "passkey" });
    } finally {
      await db.close();
    }
    await staff.client.request("/api/admin/impersonation/stop", { body: {} });

    // Only its owner removes it.
    const owner = await ownerWithTotp();
    expect((await owner.client.request(`/api/passkeys/${passkeyId}`, { method: "DELETE" })).status).toBe(404);
    expect((await staff.client.request(`/api/passkeys/${passkeyId}`, { method: "DELETE" })).status).toBe(200);
    const none = await staff.client.request("/api/passkeys/options", { body: { ceremony: "step_up" } });
    expect(none.status).toBe(409);
  });
});
