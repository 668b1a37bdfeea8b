import "server-only";
import { hashPassword } from "../auth/password";
import { seedSecondFactor } from "../auth/second-factor";
import { findUserIdByEmail, insertUserWithPassword } from "../auth/users";
import type { DbHandle } from "../db/connection";
import { newId } from "../ids";
import { findTenantBySlug, insertMembership, insertTenant, type Tenant } from "../tenancy/queries";
import { DEMO_PASSWORD, demoStaff, demoTenants } from "./demo-data";

export interface SeedReport {
  created: string[];
  tenants: Tenant[];
}

/** Creates the demo users and tenants that are missing; running it again changes nothing. */
export async function seedDemo({ db, dialect }: DbHandle): Promise<SeedReport> {
  const created: string[] = [];
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const tenants: Tenant[] = [];
  await db.transaction().execute(async (trx) => {
    for (const staff of demoStaff) {
      if (await findUserIdByEmail(trx, staff.email)) continue;
      const userId = await insertUserWithPassword(trx, dialect, {
        name: staff.name,
        email: staff.email,
        role: staff.role,
        passwordHash,
        emailVerified: true,
      });
      await seedSecondFactor(userId, staff.totpSecret, trx);
      created.push(staff.email);
    }
    for (const demo of demoTenants) {
      let tenant = await findTenantBySlug(demo.slug, trx);
      if (!tenant) {
        tenant = await insertTenant(
          { id: newId("ten"), name: demo.name, slug: demo.slug, stripeAccountId: null },
          trx,
        );
        created.push(demo.slug);
      }
      tenants.push(tenant);
      for (const member of demo.members) {
        let userId = await findUserIdByEmail(trx, member.email);
        if (!userId) {
          userId = await insertUserWithPassword(trx, dialect, {
            name: member.name,
            email: member.email,
            passwordHash,
            emailVerified: true,
          });
          created.push(member.email);
        }
        const existing = await trx
          .selectFrom("memberships")
          .select("id")
          .where("user_id", "=", userId)
          .where("tenant_id", "=", tenant.id)
          .executeTakeFirst();
        if (!existing)
          await insertMembership({ id: newId("mem"), userId, tenantId: tenant.id, role: member.role }, trx);
      }
    }
  });
  return { created, tenants };
}
