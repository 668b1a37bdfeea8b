import { sql, type Kysely } from "kysely";
import { dialectOf } from "../dialect";

/**
 * A tenant that gets its connected account links the account's mirror row, whoever writes either side first. Sign-up
 * creates (and mirrors) the Stripe account before the tenant row exists, so migration 0005's triggers found no name
 * to copy: the row kept `tenant_name` null (or `tenant_id` too, when an event mirrored it first) and the console's
 * list showed no tenant for a new business until it was renamed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Rows already left unlinked.
  await sql`update stripe_accounts
    set tenant_id = (select id from tenants where tenants.stripe_account_id = stripe_accounts.id),
      tenant_name = (select name from tenants where tenants.stripe_account_id = stripe_accounts.id)
    where tenant_name is null and exists (select 1 from tenants where tenants.stripe_account_id = stripe_accounts.id)`.execute(
    db,
  );
  if (dialectOf(db) === "postgres") {
    await sql`create function portico_tenant_links_account() returns trigger language plpgsql as $$
      begin
        if new.stripe_account_id is not null and (tg_op = 'INSERT' or new.stripe_account_id is distinct from old.stripe_account_id) then
          update stripe_accounts set tenant_id = new.id, tenant_name = new.name
            where id = new.stripe_account_id and (tenant_id is distinct from new.id or tenant_name is distinct from new.name);
        end if;
        return null;
      end; $$`.execute(db);
    await sql`create trigger tenants_link_account after insert or update of stripe_account_id on tenants
      for each row execute function portico_tenant_links_account()`.execute(db);
    return;
  }
  await sql`create trigger tenants_link_account_insert after insert on tenants
    when new.stripe_account_id is not null
  begin
    update stripe_accounts set tenant_id = new.id, tenant_name = new.name
      where id = new.stripe_account_id and (tenant_id is not new.id or tenant_name is not new.name);
  end`.execute(db);
  await sql`create trigger tenants_link_account_update after update of stripe_account_id on tenants
    when new.stripe_account_id is not null and new.stripe_account_id is not old.stripe_account_id
  begin
    update stripe_accounts set tenant_id = new.id, tenant_name = new.name
      where id = new.stripe_account_id and (tenant_id is not new.id or tenant_name is not new.name);
  end`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === "postgres") {
    await sql`drop trigger if exists tenants_link_account on tenants`.execute(db);
    await sql`drop function if exists portico_tenant_links_account()`.execute(db);
    return;
  }
  await sql`drop trigger if exists tenants_link_account_insert`.execute(db);
  await sql`drop trigger if exists tenants_link_account_update`.execute(db);
}
