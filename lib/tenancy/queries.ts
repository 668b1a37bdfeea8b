import "server-only";
import type { Kysely, Transaction } from "kysely";
import { getDb } from "../db";
import type { DB, TenantRole } from "../db/schema";

export interface Tenant {
  id: string;
  name: string;
  slug: string;
  stripeAccountId: string | null;
  createdAt: number;
}

export interface Membership {
  tenant: Tenant;
  role: TenantRole;
}

type Executor = Kysely<DB> | Transaction<DB>;

function toTenant(row: {
  id: string;
  name: string;
  slug: string;
  stripe_account_id: string | null;
  created_at: number;
}): Tenant {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    stripeAccountId: row.stripe_account_id,
    createdAt: Number(row.created_at),
  };
}

const tenantColumns = [
  "tenants.id",
  "tenants.name",
  "tenants.slug",
  "tenants.stripe_account_id",
  "tenants.created_at",
] as const;

/** The user's memberships, oldest first (the first is the default tenant). */
export async function listMembershipsForUser(userId: string, db: Executor = getDb()): Promise<Membership[]> {
  const rows = await db
    .selectFrom("memberships")
    .innerJoin("tenants", "tenants.id", "memberships.tenant_id")
    .select([...tenantColumns, "memberships.role"])
    .where("memberships.user_id", "=", userId)
    .orderBy("memberships.created_at", "asc")
    .orderBy("memberships.id", "asc")
    .execute();
  return rows.map((row) => ({ tenant: toTenant(row), role: row.role }));
}

export async function findTenantBySlug(slug: string, db: Executor = getDb()): Promise<Tenant | null> {
  const row = await db
    .selectFrom("tenants")
    .select(tenantColumns)
    .where("slug", "=", slug)
    .executeTakeFirst();
  return row ? toTenant(row) : null;
}

export async function findTenantById(id: string, db: Executor = getDb()): Promise<Tenant | null> {
  const row = await db.selectFrom("tenants").select(tenantColumns).where("id", "=", id).executeTakeFirst();
  return row ? toTenant(row) : null;
}

export async function findTenantByStripeAccount(
  accountId: string,
  db: Executor = getDb(),
): Promise<Tenant | null> {
  const row = await db
    .selectFrom("tenants")
    .select(tenantColumns)
    .where("stripe_account_id", "=", accountId)
    .executeTakeFirst();
  return row ? toTenant(row) : null;
}

export async function setTenantStripeAccount(
  tenantId: string,
  accountId: string,
  db: Executor = getDb(),
): Promise<void> {
  await db.updateTable("tenants").set({ stripe_account_id: accountId }).where("id", "=", tenantId).execute();
}

export async function insertTenant(
  tenant: { id: string; name: string; slug: string; stripeAccountId: string | null },
  db: Executor,
): Promise<Tenant> {
  const createdAt = Date.now();
  await db
    .insertInto("tenants")
    .values({
      id: tenant.id,
      name: tenant.name,
      slug: tenant.slug,
      stripe_account_id: tenant.stripeAccountId,
      created_at: createdAt,
    })
    .execute();
  return { ...tenant, createdAt };
}

export async function insertMembership(
  membership: { id: string; userId: string; tenantId: string; role: TenantRole },
  db: Executor,
): Promise<void> {
  await db
    .insertInto("memberships")
    .values({
      id: membership.id,
      user_id: membership.userId,
      tenant_id: membership.tenantId,
      role: membership.role,
      created_at: Date.now(),
    })
    .execute();
}

export async function slugExists(slug: string, db: Executor): Promise<boolean> {
  const row = await db.selectFrom("tenants").select("id").where("slug", "=", slug).executeTakeFirst();
  return row !== undefined;
}

/** The name of the business's first owner (the one who has been an owner longest), if it has one. */
export async function findFirstOwnerName(tenantId: string, db: Executor = getDb()): Promise<string | null> {
  const row = await db
    .selectFrom("memberships")
    .innerJoin("user", "user.id", "memberships.user_id")
    .select("user.name")
    .where("memberships.tenant_id", "=", tenantId)
    .where("memberships.role", "=", "owner")
    .orderBy("memberships.created_at", "asc")
    .orderBy("memberships.id", "asc")
    .executeTakeFirst();
  return row?.name ?? null;
}
