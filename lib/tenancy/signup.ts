import "server-only";
import { z } from "zod";
import { hashPassword } from "../auth/password";
import { getDbHandle } from "../db";
import { insertUserWithPassword } from "../auth/users";
import { newId } from "../ids";
import { tenantIdForSignup } from "./provisioning";
import { insertMembership, insertTenant, slugExists, type Tenant } from "./queries";
import { acceptInvitations, hasPendingInvitation } from "./team";
import { slugify } from "./slug";

export const signUpInputSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
  email: z
    .email("Enter a valid email address.")
    .max(254)
    .transform((email) => email.toLowerCase()),
  password: z.string().min(8, "Use at least 8 characters.").max(128, "Use at most 128 characters."),
  // Empty only for someone invited to an existing team, who joins it instead of creating a business.
  businessName: z.string().trim().max(100, "Use at most 100 characters.").default(""),
});

export type SignUpInput = z.infer<typeof signUpInputSchema>;

export type SignUpResult =
  | { ok: true; userId: string; tenant: Tenant | null; joined: number }
  | { ok: false; code: "EMAIL_TAKEN" | "BUSINESS_NAME_REQUIRED" };

/**
 * Seam for the connected account: called with the new tenant's id and details *before* anything is written, so a
 * Stripe failure leaves nothing behind. Returns the account id to store on the tenant, or null for none.
 */
export type ProvisionConnectedAccount = (tenant: {
  id: string;
  name: string;
  email: string;
}) => Promise<string | null>;

async function uniqueSlug(base: string, exists: (slug: string) => Promise<boolean>): Promise<string> {
  if (!(await exists(base))) return base;
  for (let n = 2; n < 1000; n++) {
    const candidate = `${base}-${n}`;
    if (!(await exists(candidate))) return candidate;
  }
  return `${base}-${newId("x").slice(2, 8).toLowerCase()}`;
}

/**
 * Creates the user (with a credential account), their tenant and the owner membership in one transaction.
 * Email uniqueness is checked inside the transaction and enforced by the unique index.
 */
export async function signUpBusiness(
  input: SignUpInput,
  provision: ProvisionConnectedAccount | null = null,
): Promise<SignUpResult> {
  const { db, dialect } = getDbHandle();
  const existing = await db
    .selectFrom("user")
    .select("id")
    .where("email", "=", input.email)
    .executeTakeFirst();
  if (existing) return { ok: false, code: "EMAIL_TAKEN" };

  const invited = await hasPendingInvitation(input.email, db);
  const createsBusiness = input.businessName.length > 0;
  if (!createsBusiness && !invited) return { ok: false, code: "BUSINESS_NAME_REQUIRED" };
  if (createsBusiness && input.businessName.length < 2) return { ok: false, code: "BUSINESS_NAME_REQUIRED" };

  const userId = newId("usr");
  const tenantId = tenantIdForSignup(input.email);
  const passwordHash = await hashPassword(input.password);
  const stripeAccountId =
    provision && createsBusiness
      ? await provision({ id: tenantId, name: input.businessName, email: input.email })
      : null;

  try {
    return await db.transaction().execute(async (trx) => {
      const taken = await trx
        .selectFrom("user")
        .select("id")
        .where("email", "=", input.email)
        .executeTakeFirst();
      if (taken) return { ok: false, code: "EMAIL_TAKEN" } as const;
      await insertUserWithPassword(trx, dialect, {
        id: userId,
        name: input.name,
        email: input.email,
        passwordHash,
      });
      let tenant: Tenant | null = null;
      if (createsBusiness) {
        const slug = await uniqueSlug(slugify(input.businessName), (s) => slugExists(s, trx));
        tenant = await insertTenant({ id: tenantId, name: input.businessName, slug, stripeAccountId }, trx);
        await insertMembership({ id: newId("mem"), userId, tenantId, role: "owner" }, trx);
      }
      const joined = await acceptInvitations(userId, input.email, trx);
      return { ok: true, userId, tenant, joined } as const;
    });
  } catch (error) {
    // Two sign-ups with one email at the same moment: the unique index decides.
    if (error instanceof Error && /unique|duplicate/i.test(error.message) && /email/i.test(error.message)) {
      return { ok: false, code: "EMAIL_TAKEN" };
    }
    throw error;
  }
}
