import "server-only";
import type { AccessContext } from "../access/context";
import { getPlatformConfig } from "../config";
import { getDb } from "../db";
import { getPaymentMails } from "../settings";
import { soleOwnerships, type OwnedBusiness } from "./delete-account";
import { pendingEmailChange, type PendingEmailChange } from "./email-change";
import { listSessions, type DeviceSession } from "./sessions";

/** Everything the account and security settings show about the signed-in person, read in one go. */
export interface AccountOverview {
  user: { id: string; name: string; email: string; createdAt: number };
  /** The account signs in with a password Portico keeps (it can be changed here). */
  hasPassword: boolean;
  pendingEmail: PendingEmailChange | null;
  /** How a step-up is proven: platform staff and anyone with a second factor give a code; others their password. */
  stepUp: "code" | "password";
  secondFactor: {
    enabled: boolean;
    confirmedAt: number | null;
    lastUsedAt: number | null;
    recoveryCodesLeft: number | null;
    /** Required of this person (staff always; tenants when the platform says so): it cannot be removed. */
    required: boolean;
  };
  sessions: DeviceSession[];
  /** Businesses the person owns (payment mails are about these). */
  ownerOf: OwnedBusiness[];
  /** Businesses the person is the only owner of (each needs another owner before the account can be deleted). */
  soleOwnerOf: OwnedBusiness[];
  paymentMails: boolean;
  isStaff: boolean;
}

function epoch(value: Date | string): number {
  return (value instanceof Date ? value : new Date(value)).getTime();
}

function recoveryCount(raw: string): number {
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.length : 0;
  } catch {
    return 0;
  }
}

export async function loadAccountOverview(access: AccessContext): Promise<AccountOverview> {
  const db = getDb();
  const userId = access.user.id;
  const isStaff = access.platformRole !== null;
  const [user, credential, factor, pendingEmail, sessions, owned, soleOwnerOf, paymentMails] =
    await Promise.all([
      db
        .selectFrom("user")
        .select(["id", "name", "email", "createdAt"])
        .where("id", "=", userId)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom("account")
        .select("id")
        .where("userId", "=", userId)
        .where("providerId", "=", "credential")
        .where("password", "is not", null)
        .executeTakeFirst(),
      db
        .selectFrom("second_factors")
        .select(["confirmed_at", "last_used_at", "recovery_codes"])
        .where("user_id", "=", userId)
        .where("confirmed_at", "is not", null)
        .executeTakeFirst(),
      pendingEmailChange(userId),
      listSessions(userId, access.session.sessionId),
      db
        .selectFrom("memberships")
        .innerJoin("tenants", "tenants.id", "memberships.tenant_id")
        .select(["tenants.id", "tenants.name"])
        .where("memberships.user_id", "=", userId)
        .where("memberships.role", "=", "owner")
        .orderBy("tenants.name")
        .execute(),
      soleOwnerships(userId),
      getPaymentMails(userId),
    ]);
  const enabled = factor !== undefined;
  return {
    user: { id: user.id, name: user.name, email: user.email, createdAt: epoch(user.createdAt) },
    hasPassword: credential !== undefined,
    pendingEmail,
    stepUp: isStaff || enabled ? "code" : "password",
    secondFactor: {
      enabled,
      confirmedAt: factor?.confirmed_at == null ? null : Number(factor.confirmed_at),
      lastUsedAt: factor?.last_used_at == null ? null : Number(factor.last_used_at),
      recoveryCodesLeft: factor ? recoveryCount(factor.recovery_codes) : null,
      required: isStaff || getPlatformConfig().security.requireTenantSecondFactor,
    },
    sessions,
    ownerOf: owned.map((row) => ({ tenantId: row.id, name: row.name })),
    soleOwnerOf,
    paymentMails,
    isStaff,
  };
}
