import "server-only";
import { z } from "zod";
import { hashPassword, verifyPassword } from "../auth/password";
import { passwordField } from "../auth/password-rules";
import { consumeToken, issueToken, peekToken, revokeTokens } from "../auth/tokens";
import { insertUserWithPassword } from "../auth/users";
import type { SupportedLocale } from "../config";
import { getDbHandle } from "../db";
import { AppError } from "../errors";
import { newId } from "../ids";
import { appLink } from "../mail/links";
import { enqueueMail } from "../mail/outbox";
import { tenantIdForSignup, type ProvisionConnectedAccount } from "./provisioning";
import { insertMembership, insertTenant, slugExists, type Tenant } from "./queries";
import { slugify } from "./slug";

const emailField = z
  .email("Enter a valid email address.")
  .max(254)
  .transform((email) => email.toLowerCase());

export const signUpInputSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
  email: emailField,
  password: passwordField,
  businessName: z.string().trim().min(2, "Enter your business name.").max(100, "Use at most 100 characters."),
});
export type SignUpInput = z.infer<typeof signUpInputSchema>;

export const completeSignUpSchema = z.object({
  token: z.string().trim().min(1, "The link is missing its token.").max(200),
  password: z.string().min(1, "Enter the password you chose.").max(128),
});

const pendingSignUpSchema = z.object({
  name: z.string(),
  businessName: z.string(),
  passwordHash: z.string(),
});

/** `base`, or `base-2`, `base-3`… the first that no tenant has. */
export async function uniqueSlug(base: string, exists: (slug: string) => Promise<boolean>): Promise<string> {
  if (!(await exists(base))) return base;
  for (let n = 2; n < 1000; n++) {
    const candidate = `${base}-${n}`;
    if (!(await exists(candidate))) return candidate;
  }
  return `${base}-${newId("x").slice(2, 8).toLowerCase()}`;
}

/**
 * Step one of signing up: nothing is created but a mailed link. A new address gets the link to confirm it; a known
 * address gets a note that it already has an account. The caller answers both alike, and the password is hashed
 * either way, so neither the answer nor its timing tells whether an address is registered.
 */
export async function requestSignUp(input: SignUpInput, locale: SupportedLocale): Promise<void> {
  const { db } = getDbHandle();
  const passwordHash = await hashPassword(input.password);
  const existing = await db
    .selectFrom("user")
    .select("id")
    .where("email", "=", input.email)
    .executeTakeFirst();
  if (existing) {
    const hour = Math.floor(Date.now() / 3600_000);
    await enqueueMail({
      kind: "signup_existing",
      to: input.email,
      eventKey: `hour-${hour}`,
      values: { url: appLink("/login") },
    });
    return;
  }
  const issued = await issueToken({
    purpose: "verify_email",
    subject: input.email,
    payload: { name: input.name, businessName: input.businessName, passwordHash, locale },
  });
  await enqueueMail({
    kind: "verify_email",
    to: input.email,
    eventKey: issued.id,
    locale,
    values: {
      name: input.name,
      business: input.businessName,
      url: appLink("/verify-email", { token: issued.token }),
    },
  });
}

/** What the confirmation page shows before the user confirms (the link is not used up by looking). */
export async function describeSignUpLink(token: string): Promise<{ email: string; businessName: string }> {
  const pending = await peekToken("verify_email", token);
  const details = pendingSignUpSchema.parse(pending.payload);
  return { email: pending.subject, businessName: details.businessName };
}

export interface CompletedSignUp {
  userId: string;
  email: string;
  tenant: Tenant;
}

/**
 * Step two: the mailed link and the password chosen in step one. Only now is the connected account created (before
 * any row, so a Stripe failure leaves the link usable), then the user — verified — their tenant and the owner
 * membership, in the transaction that uses the link up.
 */
export async function completeSignUp(
  token: string,
  password: string,
  provision: ProvisionConnectedAccount | null,
): Promise<CompletedSignUp> {
  const { db, dialect } = getDbHandle();
  const pending = await peekToken("verify_email", token);
  const details = pendingSignUpSchema.safeParse(pending.payload);
  if (!details.success)
    throw new AppError("invalid_request", "This link is not valid.", { reason: "token_invalid" });
  const email = pending.subject;
  if (!(await verifyPassword({ hash: details.data.passwordHash, password }))) {
    throw new AppError("invalid_request", "That is not the password you chose when you signed up.", {
      reason: "wrong_password",
      fields: { password: "That is not the password you chose when you signed up." },
    });
  }
  const taken = await db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirst();
  if (taken) {
    await revokeTokens("verify_email", email);
    throw new AppError("conflict", "This email is already confirmed. Sign in instead.", {
      reason: "already_verified",
    });
  }

  const tenantId = tenantIdForSignup(email);
  const stripeAccountId = provision
    ? await provision({ id: tenantId, name: details.data.businessName, email })
    : null;
  try {
    return await db.transaction().execute(async (trx) => {
      await consumeToken("verify_email", token, trx);
      const userId = await insertUserWithPassword(trx, dialect, {
        name: details.data.name,
        email,
        passwordHash: details.data.passwordHash,
        emailVerified: true,
      });
      const slug = await uniqueSlug(slugify(details.data.businessName), (s) => slugExists(s, trx));
      const tenant = await insertTenant(
        { id: tenantId, name: details.data.businessName, slug, stripeAccountId },
        trx,
      );
      await insertMembership({ id: newId("mem"), userId, tenantId, role: "owner" }, trx);
      // Other pending sign-up links for this address are spent: the address now has its account.
      await revokeTokens("verify_email", email, trx);
      return { userId, email, tenant };
    });
  } catch (error) {
    // Two confirmations at the same moment: the unique index decides.
    if (error instanceof Error && /unique|duplicate/i.test(error.message) && /email/i.test(error.message)) {
      throw new AppError("conflict", "This email is already confirmed. Sign in instead.", {
        reason: "already_verified",
      });
    }
    throw error;
  }
}
