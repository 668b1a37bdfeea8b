import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { parseCookies } from "better-call";
import { getDb } from "../db";
import type { SsoFlowTable, SsoIntent } from "../db/schema";
import { getEnv } from "../env";
import { newId } from "../ids";
import { SsoError } from "./errors";
import { pkceChallenge, randomOidcValue, randomPkceVerifier } from "./client";

/**
 * An authorization request in progress, kept on the server: its state, nonce and PKCE verifier never leave it except
 * as the state and the challenge the IdP sees. The browser that started it holds a random binding in an HttpOnly
 * cookie, and the callback must come back with it: a callback link pasted into another browser finds no flow. Each
 * flow is used once (the first callback consumes it), and lives ten minutes.
 */

export const FLOW_TTL_MS = 10 * 60_000;
export const BINDING_COOKIE = "portico_sso_binding";
const COOKIE_PATH = "/api/sso";

export type SsoFlow = SsoFlowTable;

function hash(value: string): string {
  return createHash("sha256").update(`portico-sso-binding:${value}`).digest("base64url");
}

/** The browser's binding from its cookies, if it has a well-formed one. */
export function bindingFrom(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  const value = parseCookies(cookieHeader).get(BINDING_COOKIE);
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
}

export function newBinding(): string {
  return randomBytes(32).toString("base64url");
}

/** The binding cookie, renewed with every flow the browser starts (several tabs share one binding). */
export function bindingCookie(binding: string): string {
  const secure = getEnv().appUrl.protocol === "https:" ? "; Secure" : "";
  return `${BINDING_COOKIE}=${binding}; Path=${COOKIE_PATH}; Max-Age=${FLOW_TTL_MS / 1000}; HttpOnly; SameSite=Lax${secure}`;
}

export async function createFlow(input: {
  intent: SsoIntent;
  binding: string;
  returnTo: string;
  userId?: string;
  sessionId?: string;
  purpose?: string;
}): Promise<{ state: string; nonce: string; codeChallenge: string; createdAt: number }> {
  const db = getDb();
  const now = Date.now();
  // Old flows go as new ones come: nothing keeps a verifier longer than it could be used.
  await db
    .deleteFrom("sso_flows")
    .where("expires_at", "<", now - FLOW_TTL_MS)
    .execute();
  const state = randomOidcValue();
  const nonce = randomOidcValue();
  const verifier = randomPkceVerifier();
  await db
    .insertInto("sso_flows")
    .values({
      id: newId("ssof"),
      state,
      binding_hash: hash(input.binding),
      nonce,
      code_verifier: verifier,
      intent: input.intent,
      user_id: input.userId ?? null,
      session_id: input.sessionId ?? null,
      purpose: input.purpose ?? null,
      return_to: input.returnTo,
      created_at: now,
      expires_at: now + FLOW_TTL_MS,
      consumed_at: null,
    })
    .execute();
  return { state, nonce, codeChallenge: await pkceChallenge(verifier), createdAt: now };
}

/**
 * The flow a callback answers, consumed: found by its state, from the browser that started it, unexpired and
 * unused. The row keeps no verifier afterwards. Throws `flow_expired` otherwise (a replayed callback included).
 */
export async function consumeFlow(state: string | null, binding: string | null): Promise<SsoFlow> {
  if (!state || state.length > 200 || !binding) throw new SsoError("flow_expired");
  const db = getDb();
  const flow = await db.selectFrom("sso_flows").selectAll().where("state", "=", state).executeTakeFirst();
  if (!flow) throw new SsoError("flow_expired");
  const expected = Buffer.from(flow.binding_hash);
  const given = Buffer.from(hash(binding));
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    throw new SsoError("flow_expired");
  const now = Date.now();
  // Conditional on being unused: two callbacks at once cannot both have it.
  const updated = await db
    .updateTable("sso_flows")
    .set({ consumed_at: now, code_verifier: "", nonce: "" })
    .where("id", "=", flow.id)
    .where("consumed_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new SsoError("flow_expired");
  return flow;
}
