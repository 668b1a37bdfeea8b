import { AppClient, uniqueEmail } from "./app-client";
import { emulatorUrl } from "./emulator-client";
import { hasLinkTo, tokenFrom, waitForMail, type CaughtMail } from "./mailbox";
import { openTestDatabase } from "./test-db";

/**
 * Businesses for tests that need their own (a team to change, a person with several businesses, a first payment):
 * signed up through the API as a person does, their account then finished at the sandbox (as onboarding would) and
 * re-read into Portico's mirror. Plain helpers (no test runner), for vitest and Playwright.
 */

export const BUSINESS_PASSWORD = "business-password-1";

export interface ReadyBusiness {
  owner: AppClient;
  ownerEmail: string;
  name: string;
  slug: string;
  tenantId: string;
  accountId: string;
}

/** A new business whose account can take payments, with no payment yet. */
export async function readyBusiness(name: string, ownerName = "Owen Owner"): Promise<ReadyBusiness> {
  const owner = new AppClient();
  const ownerEmail = uniqueEmail("owner");
  const signedUp = await owner.signUp({
    name: ownerName,
    email: ownerEmail,
    password: BUSINESS_PASSWORD,
    businessName: name,
  });
  if (signedUp.status !== 201) throw new Error(`sign-up of ${name}: ${signedUp.status}`);
  const db = openTestDatabase();
  let tenant: { id: string; slug: string; stripe_account_id: string | null };
  try {
    tenant = await db.db
      .selectFrom("tenants")
      .innerJoin("memberships", "memberships.tenant_id", "tenants.id")
      .innerJoin("user", "user.id", "memberships.user_id")
      .select(["tenants.id", "tenants.slug", "tenants.stripe_account_id"])
      .where("user.email", "=", ownerEmail)
      .executeTakeFirstOrThrow();
  } finally {
    await db.close();
  }
  const accountId = tenant.stripe_account_id;
  if (!accountId) throw new Error(`${name} has no Stripe account`);
  const enabled = await fetch(new URL(`/_emulator/accounts/${accountId}/state`, emulatorUrl()), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ state: "enabled" }),
  });
  if (!enabled.ok) throw new Error(`enable ${accountId}: ${enabled.status} ${await enabled.text()}`);
  const refreshed = await owner.request("/api/account/refresh", { body: {} });
  if (refreshed.status !== 200) throw new Error(`refresh of ${name}: ${refreshed.status}`);
  return { owner, ownerEmail, name, slug: tenant.slug, tenantId: tenant.id, accountId };
}

/**
 * `business`'s owner invites `email` with `role`, and the person joins from the mailed link: creating their account
 * (`client` new) or, signed in already, accepting it.
 */
export async function joinBusiness(
  business: ReadyBusiness,
  person: { email: string; name: string; client: AppClient; signedIn: boolean },
  role: "owner" | "staff" | "viewer",
): Promise<void> {
  const since = Date.now() - 1000;
  const invited = await business.owner.request("/api/team/invitations", {
    body: { email: person.email, role },
  });
  if (invited.status !== 201) throw new Error(`invitation to ${business.name}: ${invited.status}`);
  // This business's invitation: one from another business may have just arrived too.
  const match = (mail: CaughtMail) => hasLinkTo("/invite")(mail) && mail.text.includes(business.name);
  const token = tokenFrom(await waitForMail(person.email, { since, match }), "/invite");
  const joined = person.signedIn
    ? await person.client.request("/api/invitations/accept", { body: { token } })
    : await person.client.request("/api/invitations/register", {
        body: { token, name: person.name, password: BUSINESS_PASSWORD },
      });
  if (!joined.ok) throw new Error(`joining ${business.name}: ${joined.status}`);
  person.signedIn = true;
}

/** A test payment on the business's account, made by its owner; answers its amount in cents. */
export async function testPayment(business: ReadyBusiness): Promise<number> {
  const response = await business.owner.request("/api/test-data", {
    body: { kind: "payment", payment: "succeeded", operationId: crypto.randomUUID() },
  });
  if (response.status !== 201) throw new Error(`test payment for ${business.name}: ${response.status}`);
  const body = (await response.json()) as { payment: { amount: number } };
  return body.payment.amount;
}
