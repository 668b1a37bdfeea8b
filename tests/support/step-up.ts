import { expect } from "vitest";
import { createStaffMember } from "./actors";
import { appUrl, type AppClient } from "./app-client";
import { SoftAuthenticator, type AuthenticationOptions } from "./soft-authenticator";
import { withTotpCode } from "./totp-codes";

export { wrongTotpCode } from "./totp-codes";

/**
 * Step-ups for tests that confirm many console actions: a staff member of the test's own with a passkey (a software
 * authenticator) steps up as often as needed, where TOTP codes run out (each works once; about one per 30 s).
 */

export type StaffMember = Awaited<ReturnType<typeof createStaffMember>>;

export interface StaffWithPasskey extends StaffMember {
  authenticator: SoftAuthenticator;
  /** A passkey's answer to a new step-up challenge of the member's session: `{ passkey }` for a request's body. */
  proof(): Promise<{ passkey: ReturnType<SoftAuthenticator["get"]> }>;
}

/** Answers a new step-up challenge of `client`'s session with `authenticator`'s passkey. */
export async function passkeyProof(
  client: AppClient,
  authenticator: SoftAuthenticator,
): Promise<{ passkey: ReturnType<SoftAuthenticator["get"]> }> {
  const response = await client.request("/api/passkeys/options", { body: { ceremony: "step_up" } });
  expect(response.status, "passkey step-up options").toBe(200);
  const { options } = (await response.json()) as { options: AuthenticationOptions };
  return { passkey: authenticator.get(options) };
}

/** Adds a passkey beside the member's authenticator app (after a fresh code, as Settings asks). */
export async function addPasskey(member: StaffMember, authenticator: SoftAuthenticator): Promise<void> {
  const creation = await withTotpCode(member.totpSecret, (code) =>
    member.client.request("/api/passkeys/registration-options", { body: { code } }),
  );
  expect(creation.status, "passkey registration options").toBe(200);
  const { options } = (await creation.json()) as { options: { challenge: string; rp: { id?: string } } };
  const added = await member.client.request("/api/passkeys", {
    body: { name: "Test key", response: authenticator.create(options) },
  });
  expect(added.status, "add the passkey").toBe(201);
}

/** A signed-in staff member of the test's own, with a passkey for step-ups. */
export async function staffWithPasskey(role: "admin" | "support"): Promise<StaffWithPasskey> {
  const member = await createStaffMember(role);
  const authenticator = new SoftAuthenticator(appUrl());
  await addPasskey(member, authenticator);
  return { ...member, authenticator, proof: () => passkeyProof(member.client, authenticator) };
}
