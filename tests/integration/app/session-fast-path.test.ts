import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSessionFast } from "@/lib/auth/session";
import { authBool, authDate } from "@/lib/db/values";
import { parseEnv } from "@/lib/env/schema";
import { openTestDatabase } from "../../support/test-db";
import { AppClient, uniqueEmail } from "../../support/app-client";

/**
 * lib/auth/session.ts reads the session in one query and only answers when better-auth would answer the same with
 * no side effect; everything else falls back to better-auth. Checked here directly (which path answered) and over
 * HTTP (what a client sees).
 */

const db = openTestDatabase();
const env = (() => {
  const result = parseEnv(process.env);
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.env;
})();
const idleSeconds = env.sessionIdleMinutes * 60;
// As configured in lib/auth/index.ts.
const updateAgeSeconds = Math.min(300, Math.floor(idleSeconds / 4));

interface Signed {
  client: AppClient;
  cookie: string;
  token: string;
  userId: string;
}

async function signedUpUser(): Promise<Signed> {
  const client = new AppClient();
  const response = await client.signUp({
    name: "Fast Path",
    email: uniqueEmail("fast"),
    password: "correct-horse-battery",
    businessName: "Fast Path Co",
  });
  expect(response.status).toBe(201);
  const raw = decodeURIComponent(client.cookies.get("portico.session_token") ?? "");
  const token = raw.slice(0, raw.lastIndexOf("."));
  const row = await db.db
    .selectFrom("session")
    .select("userId")
    .where("token", "=", token)
    .executeTakeFirstOrThrow();
  return { client, cookie: client.cookieHeader(), token, userId: row.userId };
}

const headersFor = (cookie: string) => new Headers({ cookie });

async function sessionRow(token: string) {
  return db.db
    .selectFrom("session")
    .select(["expiresAt", "createdAt"])
    .where("token", "=", token)
    .executeTakeFirst();
}

async function setSessionTimes(token: string, times: { expiresAt?: Date; createdAt?: Date }): Promise<void> {
  await db.db
    .updateTable("session")
    .set({
      ...(times.expiresAt ? { expiresAt: authDate(db.dialect, times.expiresAt) } : {}),
      ...(times.createdAt ? { createdAt: authDate(db.dialect, times.createdAt) } : {}),
    })
    .where("token", "=", token)
    .execute();
}

let user: Signed;

beforeAll(async () => {
  user = await signedUpUser();
});

afterAll(async () => {
  await db.close();
});

describe("the session fast path", () => {
  it("answers a valid cookie itself, with the same session the app saw", async () => {
    const fast = await readSessionFast(headersFor(user.cookie));
    expect(fast.kind).toBe("session");
    if (fast.kind !== "session") return;
    expect(fast.session.user.id).toBe(user.userId);
    expect(fast.session.user.platformRole).toBeNull();
    const me = await user.client.request("/api/me");
    expect(me.status).toBe(200);
    expect((await me.json()).user.id).toBe(user.userId);
    // Nothing to refresh: no cookie is written.
    expect(me.headers.getSetCookie()).toEqual([]);
  });

  it("refuses a cookie whose signature was tampered with, or no cookie at all", async () => {
    const raw = decodeURIComponent(user.client.cookies.get("portico.session_token") ?? "");
    const signature = raw.slice(raw.lastIndexOf(".") + 1);
    const flipped = `${signature[0] === "A" ? "B" : "A"}${signature.slice(1)}`;
    const tampered = `portico.session_token=${encodeURIComponent(`${user.token}.${flipped}`)}`;
    expect((await readSessionFast(headersFor(tampered))).kind).toBe("none");
    const unsigned = `portico.session_token=${user.token}`;
    expect((await readSessionFast(headersFor(unsigned))).kind).toBe("none");
    // Another (real) session's signature on this token.
    const other = await signedUpUser();
    const otherRaw = decodeURIComponent(other.client.cookies.get("portico.session_token") ?? "");
    const swapped = `portico.session_token=${encodeURIComponent(`${user.token}.${otherRaw.slice(otherRaw.lastIndexOf(".") + 1)}`)}`;
    expect((await readSessionFast(headersFor(swapped))).kind).toBe("none");
    expect((await readSessionFast(new Headers())).kind).toBe("none");
    const response = await fetch(new URL("/api/me", user.client.baseUrl), { headers: { cookie: tampered } });
    expect(response.status).toBe(401);
  });

  it("refuses a signed-out session at once (the cookie is replayed after sign-out)", async () => {
    const signed = await signedUpUser();
    expect((await readSessionFast(headersFor(signed.cookie))).kind).toBe("session");
    expect((await signed.client.signOut()).status).toBe(200);
    // The row is gone: better-auth decides (and answers no session).
    expect((await readSessionFast(headersFor(signed.cookie))).kind).toBe("fallback");
    const replay = await fetch(new URL("/api/me", signed.client.baseUrl), {
      headers: { cookie: signed.cookie },
    });
    expect(replay.status).toBe(401);
  });

  it("leaves an expired session to better-auth, which refuses and deletes it", async () => {
    const signed = await signedUpUser();
    await setSessionTimes(signed.token, { expiresAt: new Date(Date.now() - 1000) });
    expect((await readSessionFast(headersFor(signed.cookie))).kind).toBe("fallback");
    const response = await fetch(new URL("/api/me", signed.client.baseUrl), {
      headers: { cookie: signed.cookie },
    });
    expect(response.status).toBe(401);
    expect(await sessionRow(signed.token)).toBeUndefined();
  });

  it("refuses a banned user's session", async () => {
    const signed = await signedUpUser();
    await db.db
      .updateTable("user")
      .set({ banned: authBool(db.dialect, true) })
      .where("id", "=", signed.userId)
      .execute();
    expect((await readSessionFast(headersFor(signed.cookie))).kind).toBe("none");
    const response = await fetch(new URL("/api/me", signed.client.baseUrl), {
      headers: { cookie: signed.cookie },
    });
    expect(response.status).toBe(401);
  });

  it("refuses and deletes a session past its absolute lifetime", async () => {
    const signed = await signedUpUser();
    const created = new Date(Date.now() - (env.sessionAbsoluteHours * 3600 + 60) * 1000);
    await setSessionTimes(signed.token, { createdAt: created });
    expect((await readSessionFast(headersFor(signed.cookie))).kind).toBe("none");
    expect(await sessionRow(signed.token)).toBeUndefined();
    const response = await fetch(new URL("/api/me", signed.client.baseUrl), {
      headers: { cookie: signed.cookie },
    });
    expect(response.status).toBe(401);
  });

  it("falls back to better-auth when the session is due for its sliding refresh, which still happens", async () => {
    const signed = await signedUpUser();
    // Last pushed out more than `updateAge` ago: better-auth refreshes it on the next read.
    const stale = new Date(Date.now() + (idleSeconds - updateAgeSeconds - 5) * 1000);
    await setSessionTimes(signed.token, { expiresAt: stale });
    expect((await readSessionFast(headersFor(signed.cookie))).kind).toBe("fallback");

    const me = await signed.client.request("/api/me");
    expect(me.status).toBe(200);
    const refreshed = me.headers.getSetCookie().find((c) => c.startsWith("portico.session_token="));
    expect(refreshed).toMatch(new RegExp(`Max-Age=${idleSeconds}`, "i"));
    const row = await sessionRow(signed.token);
    expect(row).toBeDefined();
    expect(new Date(row?.expiresAt ?? 0).getTime()).toBeGreaterThan(stale.getTime() + 4000);
    // Refreshed: the fast path answers again.
    expect((await readSessionFast(headersFor(signed.client.cookieHeader()))).kind).toBe("session");
  });

  it("leaves unusual cookies (a cookie-cache cookie, don't-remember-me) to better-auth", async () => {
    const withCache = `${user.cookie}; portico.session_data=whatever`;
    expect((await readSessionFast(headersFor(withCache))).kind).toBe("fallback");
    const withChunk = `${user.cookie}; portico.session_data.0=whatever`;
    expect((await readSessionFast(headersFor(withChunk))).kind).toBe("fallback");
    const dontRemember = `${user.cookie}; portico.dont_remember=whatever`;
    expect((await readSessionFast(headersFor(dontRemember))).kind).toBe("fallback");
    const response = await fetch(new URL("/api/me", user.client.baseUrl), { headers: { cookie: withCache } });
    expect(response.status).toBe(200);
  });
});
