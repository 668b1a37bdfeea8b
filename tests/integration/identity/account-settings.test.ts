import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD_ATTEMPTS_PER_ACCOUNT } from "@/lib/auth/lockout";
import type { DbHandle } from "@/lib/db/connection";
import { AppClient, uniqueEmail } from "../../support/app-client";
import { createStaffMember, signInWith, startView, tenantActors } from "../../support/actors";
import { hasLinkTo, linkTo, listMail, tokenFrom, waitForMail } from "../../support/mailbox";
import { openTestDatabase } from "../../support/test-db";
import { agents, errorCode, newOwner, signInFrom } from "./account-helpers";

/**
 * What a person manages about their own sign-in: the password (the current one first, counted toward the lockout;
 * every other device signed out; a mail), the email (a link to the new address, the old one told, a taken address
 * answered alike, bad links refused in words) and their signed-in devices (no token ever shown; one or all others
 * signed out, and a staff member's open view with it, on the record).
 */

let db: DbHandle;
beforeAll(() => {
  db = openTestDatabase();
});
afterAll(async () => {
  await db.close();
});

async function audit(action: string, userId: string) {
  return db.db
    .selectFrom("audit_log")
    .selectAll()
    .where("action", "=", action)
    .where("actor_user_id", "=", userId)
    .orderBy("occurred_at", "asc")
    .execute();
}

describe("changing the password", () => {
  it("needs the current password, and a wrong one counts toward the sign-in lockout", async () => {
    const person = await newOwner(db, "pwlock");
    const wrong = await person.client.request("/api/profile/password", {
      body: { currentPassword: "not-my-password", newPassword: "brand-new-password-2" },
    });
    expect(wrong.status).toBe(403);
    const body = (await wrong.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(body.error.code).toBe("wrong_password");
    expect(body.error.fields.currentPassword).toMatch(/not right/);
    const failed = await audit("auth.step_up_failed", person.userId);
    expect(failed.at(-1)?.details).toContain("change_password");

    for (let i = 1; i < PASSWORD_ATTEMPTS_PER_ACCOUNT; i++) {
      const again = await person.client.request("/api/profile/password", {
        body: { currentPassword: `wrong-${i}-password`, newPassword: "brand-new-password-2" },
      });
      expect(again.status).toBe(403);
    }
    // The budget is spent: the right password is refused here, and at sign-in too.
    const locked = await person.client.request("/api/profile/password", {
      body: { currentPassword: person.password, newPassword: "brand-new-password-2" },
    });
    expect(locked.status).toBe(429);
    expect(await errorCode(locked)).toBe("account_locked");
    expect((await new AppClient().signIn(person.email, person.password)).status).toBe(429);
  });

  it("checks the new one, then signs every other device out and mails the person", async () => {
    const person = await newOwner(db, "pwchange");
    const laptop = await signInFrom(person.email, person.password, agents.firefoxLinux);
    const phone = await signInFrom(person.email, person.password, agents.safariIphone);

    const short = await person.client.request("/api/profile/password", {
      body: { currentPassword: person.password, newPassword: "short" },
    });
    expect(short.status).toBe(400);
    expect(
      ((await short.json()) as { error: { fields: Record<string, string> } }).error.fields,
    ).toHaveProperty("newPassword");
    const same = await person.client.request("/api/profile/password", {
      body: { currentPassword: person.password, newPassword: person.password },
    });
    expect(same.status).toBe(400);
    expect(await errorCode(same)).toBe("same_password");

    const since = Date.now() - 1000;
    const changed = await person.client.request("/api/profile/password", {
      body: { currentPassword: person.password, newPassword: "brand-new-password-2" },
    });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toEqual({ ok: true, signedOut: 2 });
    expect((await person.client.request("/api/me")).status).toBe(200);
    expect((await laptop.request("/api/me")).status).toBe(401);
    expect((await phone.request("/api/me")).status).toBe(401);

    const mail = await waitForMail(person.email, {
      since,
      match: (m) => /password was changed/.test(m.subject),
    });
    expect(mail.text).toContain("every other device was signed out");
    expect(linkTo(mail, "/forgot-password")).not.toBeNull();
    expect(mail.text).not.toContain("brand-new-password-2");

    expect((await new AppClient().signIn(person.email, person.password)).status).toBe(401);
    expect((await new AppClient().signIn(person.email, "brand-new-password-2")).status).toBe(200);
    const [row] = await audit("auth.password_changed", person.userId);
    expect(JSON.parse(row?.details ?? "{}")).toEqual({ otherSessionsEnded: 2 });
    // better-auth's own change-password, which does none of this, is closed.
    const closed = await person.client.request("/api/auth/change-password", {
      body: { currentPassword: "brand-new-password-2", newPassword: "third-password-3" },
    });
    expect(closed.status).toBe(404);
  });
});

describe("changing the email", () => {
  it("needs a step-up, mails a link to the new address, and changes it only when the link is used", async () => {
    const person = await newOwner(db, "emailchange");
    const other = await newOwner(db, "emailother");
    const newEmail = uniqueEmail("moved");

    const noProof = await person.client.request("/api/profile/email", { body: { newEmail } });
    expect(noProof.status).toBe(403);
    const wrongProof = await person.client.request("/api/profile/email", {
      body: { newEmail, password: "not-my-password" },
    });
    expect(wrongProof.status).toBe(403);
    expect(await listMail(newEmail)).toEqual([]);

    const since = Date.now() - 1000;
    const asked = await person.client.request("/api/profile/email", {
      body: { newEmail: ` ${newEmail.toUpperCase()} `, password: person.password },
    });
    expect(asked.status).toBe(202);
    const { pending } = (await asked.json()) as { pending: { email: string; expiresAt: number } };
    expect(pending.email).toBe(newEmail);
    const overview = (await (await person.client.request("/api/profile")).json()) as {
      account: { user: { email: string }; pendingEmail: { email: string } | null };
    };
    expect(overview.account.user.email).toBe(person.email);
    expect(overview.account.pendingEmail?.email).toBe(newEmail);

    const mail = await waitForMail(newEmail, { since, match: hasLinkTo("/confirm-email") });
    expect(mail.subject).toMatch(/Confirm your new email/);
    const token = tokenFrom(mail, "/confirm-email");
    // Nothing has changed yet: sign-in still takes the old address.
    expect((await new AppClient().signIn(newEmail, person.password)).status).toBe(401);

    // Someone else signed in cannot use it, and trying leaves it usable.
    const page = await other.client.request(`/confirm-email?token=${encodeURIComponent(token)}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("sent for another account");
    const wrongUser = await other.client.request("/api/profile/email/confirm", { body: { token } });
    expect(wrongUser.status).toBe(403);
    expect(await errorCode(wrongUser)).toBe("wrong_user");
    // A visitor is sent to sign in first, and back here.
    const visitor = await new AppClient().request(`/confirm-email?token=${encodeURIComponent(token)}`);
    expect(visitor.status).toBe(307);
    expect(new URL(visitor.headers.get("location") ?? "", "http://x").searchParams.get("next")).toBe(
      `/confirm-email?token=${token}`,
    );

    const confirmPage = await person.client.request(`/confirm-email?token=${encodeURIComponent(token)}`);
    expect(await confirmPage.text()).toContain(newEmail);
    const oldSince = Date.now() - 1000;
    const confirmed = await person.client.request("/api/profile/email/confirm", { body: { token } });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toEqual({ email: newEmail, redirectTo: "/settings?emailChanged=1" });

    // Changed everywhere, and this session stays.
    const me = (await (await person.client.request("/api/me")).json()) as { user: { email: string } };
    expect(me.user.email).toBe(newEmail);
    const user = await db.db
      .selectFrom("user")
      .select(["email", "emailVerified"])
      .where("id", "=", person.userId)
      .executeTakeFirstOrThrow();
    expect(user.email).toBe(newEmail);
    expect(Boolean(user.emailVerified)).toBe(true);
    expect((await new AppClient().signIn(newEmail, person.password)).status).toBe(200);
    expect((await new AppClient().signIn(person.email, person.password)).status).toBe(401);

    const told = await waitForMail(person.email, {
      since: oldSince,
      match: (m) => /email was changed/.test(m.subject),
    });
    expect(told.text).toContain(newEmail);

    // Once only.
    const reused = await person.client.request("/api/profile/email/confirm", { body: { token } });
    expect(reused.status).toBe(400);
    expect(await errorCode(reused)).toBe("token_used");
    const reusedPage = await person.client.request(`/confirm-email?token=${encodeURIComponent(token)}`);
    expect(await reusedPage.text()).toContain("already been used");
    const [row] = await audit("auth.email_changed", person.userId);
    expect(JSON.parse(row?.details ?? "{}")).toEqual({ from: person.email, to: newEmail });
  });

  it("answers a taken address exactly like a free one, and mails its owner a note instead of a link", async () => {
    const person = await newOwner(db, "emailtaken");
    const free = uniqueEmail("free");
    const taken = tenantActors.otherOwner;

    const since = Date.now() - 1000;
    const one = await person.client.request("/api/profile/email", {
      body: { newEmail: free, password: person.password },
    });
    const two = await person.client.request("/api/profile/email", {
      body: { newEmail: taken, password: person.password },
    });
    expect(two.status).toBe(one.status);
    const shape = (body: unknown) => {
      const { pending } = body as { pending: Record<string, unknown> };
      return Object.keys(pending).sort();
    };
    const oneBody: unknown = await one.json();
    const twoBody = (await two.json()) as { pending: { email: string } };
    expect(shape(twoBody)).toEqual(shape(oneBody));
    expect(twoBody.pending.email).toBe(taken);
    // The newest request replaces the older one, and is what the settings show.
    const overview = (await (await person.client.request("/api/profile")).json()) as {
      account: { pendingEmail: { email: string } | null };
    };
    expect(overview.account.pendingEmail?.email).toBe(taken);

    const note = await waitForMail(taken, { since, match: (m) => /given as a new address/.test(m.subject) });
    expect(linkTo(note, "/confirm-email")).toBeNull();
    // The free address's link was replaced by the newer request.
    const freeMail = await waitForMail(free, { since, match: hasLinkTo("/confirm-email") });
    const replaced = await person.client.request("/api/profile/email/confirm", {
      body: { token: tokenFrom(freeMail, "/confirm-email") },
    });
    expect(replaced.status).toBe(400);
    expect(await errorCode(replaced)).toBe("token_used");
    const unchanged = await db.db
      .selectFrom("user")
      .select("email")
      .where("id", "=", person.userId)
      .executeTakeFirstOrThrow();
    expect(unchanged.email).toBe(person.email);
  });

  it("refuses tampered and expired links in plain words, and a cancelled change's link", async () => {
    const person = await newOwner(db, "emaillinks");
    const target = uniqueEmail("target");
    const ask = async () => {
      const since = Date.now() - 1000;
      const response = await person.client.request("/api/profile/email", {
        body: { newEmail: target, password: person.password },
      });
      expect(response.status).toBe(202);
      const mail = await waitForMail(target, {
        since,
        match: (m) => hasLinkTo("/confirm-email")(m) && m.receivedAt >= since,
      });
      return tokenFrom(mail, "/confirm-email");
    };

    const token = await ask();
    const last = token.at(-1) === "A" ? "B" : "A";
    const tampered = await person.client.request("/api/profile/email/confirm", {
      body: { token: `${token.slice(0, -1)}${last}` },
    });
    expect(tampered.status).toBe(400);
    expect(await errorCode(tampered)).toBe("token_invalid");
    const tamperedPage = await person.client.request(
      `/confirm-email?token=${encodeURIComponent(`${token.slice(0, -1)}${last}`)}`,
    );
    expect(await tamperedPage.text()).toContain("This link is not valid");

    // Past its time (the row says so; the link's own signed expiry is checked too).
    await db.db
      .updateTable("one_time_tokens")
      .set({ expires_at: Date.now() - 1000 })
      .where("id", "=", token.split(".")[0] ?? "")
      .execute();
    const expired = await person.client.request("/api/profile/email/confirm", { body: { token } });
    expect(expired.status).toBe(400);
    expect(await errorCode(expired)).toBe("token_expired");
    expect(
      await (await person.client.request(`/confirm-email?token=${encodeURIComponent(token)}`)).text(),
    ).toContain("has expired");

    const second = await ask();
    const cancelled = await person.client.request("/api/profile/email", { method: "DELETE" });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toEqual({ cancelled: true });
    const overview = (await (await person.client.request("/api/profile")).json()) as {
      account: { pendingEmail: unknown };
    };
    expect(overview.account.pendingEmail).toBeNull();
    const afterCancel = await person.client.request("/api/profile/email/confirm", {
      body: { token: second },
    });
    expect(afterCancel.status).toBe(400);
    expect(await errorCode(afterCancel)).toBe("token_used");
    expect((await audit("auth.email_change_cancelled", person.userId)).length).toBe(1);
  });
});

describe("signed-in devices", () => {
  it("lists each device in plain words without any token, and signs one or all others out", async () => {
    const person = await newOwner(db, "devices");
    const laptop = await signInFrom(person.email, person.password, agents.firefoxLinux);
    const phone = await signInFrom(person.email, person.password, agents.safariIphone);
    const desk = await signInFrom(person.email, person.password, agents.chromeWindows);

    const response = await laptop.request("/api/profile/sessions");
    expect(response.status).toBe(200);
    const text = await response.text();
    const tokens = await db.db
      .selectFrom("session")
      .select("token")
      .where("userId", "=", person.userId)
      .execute();
    expect(tokens.length).toBe(4);
    for (const { token } of tokens) expect(text).not.toContain(token);
    expect(text).not.toMatch(/"token"/);
    const { sessions } = JSON.parse(text) as {
      sessions: {
        id: string;
        current: boolean;
        browser: string;
        system: string;
        device: string;
        ip: string | null;
        createdAt: number;
        lastActiveAt: number;
      }[];
    };
    expect(sessions).toHaveLength(4);
    expect(sessions[0]).toMatchObject({ current: true, browser: "firefox", system: "linux", ip: laptop.ip });
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const phoneSession = sessions.find((s) => s.browser === "safari");
    expect(phoneSession).toMatchObject({ system: "ios", device: "mobile", ip: phone.ip });
    expect(phoneSession?.createdAt).toBeGreaterThan(Date.now() - 120_000);

    // The settings page says it in words.
    const page = await (await laptop.request("/settings")).text();
    expect(page).toContain("Safari 18 on iPhone");
    expect(page).toContain("This device");

    // One device.
    const one = await laptop.request(`/api/profile/sessions/${phoneSession?.id}`, { method: "DELETE" });
    expect(one.status).toBe(200);
    expect((await phone.request("/api/me")).status).toBe(401);
    expect((await desk.request("/api/me")).status).toBe(200);
    // Not this one (that is "Sign out"), and nobody else's.
    const current = sessions.find((s) => s.current)?.id ?? "";
    const self = await laptop.request(`/api/profile/sessions/${current}`, { method: "DELETE" });
    expect(self.status).toBe(409);
    expect(await errorCode(self)).toBe("current_session");
    const stranger = await signInWith(tenantActors.viewer);
    const foreign = await stranger.request(`/api/profile/sessions/${current}`, { method: "DELETE" });
    expect(foreign.status).toBe(404);
    expect((await laptop.request("/api/me")).status).toBe(200);

    // Everywhere else.
    const others = await laptop.request("/api/profile/sessions", { method: "DELETE" });
    expect(others.status).toBe(200);
    expect(await others.json()).toEqual({ ended: 2, viewsEnded: 0 });
    expect((await desk.request("/api/me")).status).toBe(401);
    expect((await person.client.request("/api/me")).status).toBe(401);
    expect((await laptop.request("/api/me")).status).toBe(200);
    const left = (await (await laptop.request("/api/profile/sessions")).json()) as { sessions: unknown[] };
    expect(left.sessions).toHaveLength(1);
    expect((await audit("user.session_revoked", person.userId)).length).toBe(1);
    const [everywhere] = await audit("user.sessions_revoked", person.userId);
    expect(JSON.parse(everywhere?.details ?? "{}")).toMatchObject({ scope: "others", ended: 2 });
  });

  it("signing out a staff session that is viewing an account ends the view, on the record", async () => {
    const staff = await createStaffMember("support");
    const desk = staff.client;
    const viewing = await signInWith(staff.email, staff.password, staff.totpSecret);
    const acme = await db.db
      .selectFrom("tenants")
      .select("stripe_account_id")
      .where("slug", "=", "acme-bikes")
      .executeTakeFirstOrThrow();
    const impersonationId = await startView(
      viewing,
      String(acme.stripe_account_id),
      staff.email,
      staff.totpSecret,
    );

    const { sessions } = (await (await desk.request("/api/profile/sessions")).json()) as {
      sessions: { id: string; current: boolean; viewing: { businessName: string } | null }[];
    };
    const other = sessions.find((s) => s.viewing !== null);
    expect(other?.current).toBe(false);
    expect(other?.viewing?.businessName).toBe("Acme Bikes");
    const page = await (await desk.request("/admin/settings")).text();
    expect(page).toContain("Viewing Acme Bikes");

    const ended = await desk.request(`/api/profile/sessions/${other?.id}`, { method: "DELETE" });
    expect(ended.status).toBe(200);
    expect(await ended.json()).toEqual({ ok: true, viewsEnded: 1 });
    expect((await viewing.request("/api/me")).status).toBe(401);
    const row = await db.db
      .selectFrom("impersonations")
      .select(["ended_at", "end_reason"])
      .where("id", "=", impersonationId)
      .executeTakeFirstOrThrow();
    expect(row.ended_at).not.toBeNull();
    expect(row.end_reason).toBe("session_revoked");
    const stopped = await db.db
      .selectFrom("audit_log")
      .selectAll()
      .where("impersonation_id", "=", impersonationId)
      .where("action", "=", "impersonation.stopped")
      .executeTakeFirstOrThrow();
    expect(stopped.actor_user_id).toBe(staff.userId);
    expect(JSON.parse(stopped.details ?? "{}")).toMatchObject({ endReason: "session_revoked" });
    const [revoked] = await audit("user.session_revoked", staff.userId);
    expect(JSON.parse(revoked?.details ?? "{}")).toMatchObject({ viewsEnded: 1 });
  });
});
