import { sql, type Kysely } from "kysely";
import { dialectOf } from "../dialect";

/**
 * Console search over the accounts mirror, built to stay fast at 1,000,000 accounts (bench/admin-search-bench.ts):
 * - `tenant_name` denormalises the linked tenant's name into the row (kept current by triggers, whoever writes);
 * - words: SQLite FTS5 with the trigram tokenizer, PostgreSQL pg_trgm GIN, over the business and tenant names, both
 *   case-insensitive substring matching (emails stay out: every address shares trigrams like "com", which would make
 *   each word search read the whole index);
 * - emails and ids: prefix ranges on btree indexes;
 * - one (sort key, id) index per sort, with and without the status filter, for keyset pagination.
 */

// Keep in sync with searchTextSql in lib/accounts/search.ts: PostgreSQL only uses the index for the same expression.
const searchText = sql`lower(coalesce(business_name, '') || ' ' || coalesce(tenant_name, ''))`;
const nameKey = sql`lower(coalesce(business_name, ''))`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  await db.schema.alterTable("stripe_accounts").addColumn("tenant_name", "text").execute();
  // Backfilled before any index or trigger covers the column: cheaper.
  await sql`update stripe_accounts set tenant_name = (select name from tenants where tenants.id = stripe_accounts.tenant_id)
    where tenant_id is not null`.execute(db);

  // Keyset indexes: (sort key, id) for every sort, alone and behind the status filter.
  await sql`create index stripe_accounts_created_idx on stripe_accounts (created, id)`.execute(db);
  await sql`create index stripe_accounts_updated_idx on stripe_accounts (stripe_updated_at, id)`.execute(db);
  await sql`create index stripe_accounts_name_idx on stripe_accounts (${nameKey}, id)`.execute(db);
  await sql`create index stripe_accounts_status_created_idx on stripe_accounts (status, created, id)`.execute(
    db,
  );
  await sql`create index stripe_accounts_status_updated_idx on stripe_accounts (status, stripe_updated_at, id)`.execute(
    db,
  );
  await sql`create index stripe_accounts_status_name_idx on stripe_accounts (status, ${nameKey}, id)`.execute(
    db,
  );

  if (dialect === "postgres") {
    // Prefix ranges on ids and emails must compare bytes whatever the database's collation.
    await sql`create index stripe_accounts_id_c_idx on stripe_accounts (id collate "C")`.execute(db);
    await sql`create index stripe_accounts_email_idx on stripe_accounts ((lower(email) collate "C"))`.execute(
      db,
    );
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create index stripe_accounts_search_trgm_idx on stripe_accounts using gin ((${searchText}) gin_trgm_ops)`.execute(
      db,
    );
    await sql`create function portico_account_tenant_name() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' or new.tenant_id is distinct from old.tenant_id then
          new.tenant_name := (select name from tenants where id = new.tenant_id);
        end if;
        return new;
      end; $$`.execute(db);
    await sql`create trigger stripe_accounts_tenant_name before insert or update on stripe_accounts
      for each row execute function portico_account_tenant_name()`.execute(db);
    await sql`create function portico_tenant_name_to_accounts() returns trigger language plpgsql as $$
      begin
        update stripe_accounts set tenant_name = new.name where tenant_id = new.id;
        return null;
      end; $$`.execute(db);
    await sql`create trigger tenants_name_to_accounts after update of name on tenants
      for each row when (new.name is distinct from old.name) execute function portico_tenant_name_to_accounts()`.execute(
      db,
    );
    return;
  }

  await sql`create index stripe_accounts_email_idx on stripe_accounts (lower(email))`.execute(db);
  // SQLite: an FTS5 table holding its own copy of the names, keyed by the mirror's rowid. Its triggers delete by rowid
  // and re-read the row as it is now, so they stay right whichever order SQLite fires them in (the tenant-name
  // triggers below update the same rows).
  await sql`create virtual table stripe_accounts_fts using fts5(business_name, tenant_name, tokenize = 'trigram')`.execute(
    db,
  );
  const reindex = sql`
    delete from stripe_accounts_fts where rowid = new.rowid;
    insert into stripe_accounts_fts (rowid, business_name, tenant_name)
      select rowid, business_name, tenant_name from stripe_accounts where rowid = new.rowid;`;
  await sql`create trigger stripe_accounts_fts_insert after insert on stripe_accounts begin ${reindex} end`.execute(
    db,
  );
  await sql`create trigger stripe_accounts_fts_update after update of business_name, tenant_name on stripe_accounts
    when new.business_name is not old.business_name or new.tenant_name is not old.tenant_name
  begin ${reindex} end`.execute(db);
  await sql`create trigger stripe_accounts_fts_delete after delete on stripe_accounts begin
    delete from stripe_accounts_fts where rowid = old.rowid;
  end`.execute(db);
  await sql`create trigger stripe_accounts_tenant_name_insert after insert on stripe_accounts
    when new.tenant_id is not null
  begin
    update stripe_accounts set tenant_name = (select name from tenants where id = new.tenant_id)
      where rowid = new.rowid;
  end`.execute(db);
  await sql`create trigger stripe_accounts_tenant_name_update after update of tenant_id on stripe_accounts
    when new.tenant_id is not old.tenant_id
  begin
    update stripe_accounts set tenant_name = (select name from tenants where id = new.tenant_id)
      where rowid = new.rowid;
  end`.execute(db);
  await sql`create trigger tenants_name_to_accounts after update of name on tenants
    when new.name is not old.name
  begin
    update stripe_accounts set tenant_name = new.name where tenant_id = new.id;
  end`.execute(db);
  // Index the rows already there. (The same two statements repair the index after a VACUUM renumbered rowids.)
  await sql`delete from stripe_accounts_fts`.execute(db);
  await sql`insert into stripe_accounts_fts (rowid, business_name, tenant_name)
    select rowid, business_name, tenant_name from stripe_accounts`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  if (dialect === "postgres") {
    await sql`drop trigger if exists tenants_name_to_accounts on tenants`.execute(db);
    await sql`drop trigger if exists stripe_accounts_tenant_name on stripe_accounts`.execute(db);
    await sql`drop function if exists portico_tenant_name_to_accounts()`.execute(db);
    await sql`drop function if exists portico_account_tenant_name()`.execute(db);
    await sql`drop index if exists stripe_accounts_search_trgm_idx`.execute(db);
    await sql`drop index if exists stripe_accounts_id_c_idx`.execute(db);
  } else {
    for (const trigger of [
      "tenants_name_to_accounts",
      "stripe_accounts_tenant_name_update",
      "stripe_accounts_tenant_name_insert",
      "stripe_accounts_fts_update",
      "stripe_accounts_fts_delete",
      "stripe_accounts_fts_insert",
    ]) {
      await sql`drop trigger if exists ${sql.raw(trigger)}`.execute(db);
    }
    await sql`drop table if exists stripe_accounts_fts`.execute(db);
  }
  for (const index of [
    "stripe_accounts_created_idx",
    "stripe_accounts_updated_idx",
    "stripe_accounts_name_idx",
    "stripe_accounts_status_created_idx",
    "stripe_accounts_status_updated_idx",
    "stripe_accounts_status_name_idx",
    "stripe_accounts_email_idx",
  ]) {
    await sql`drop index if exists ${sql.raw(index)}`.execute(db);
  }
  await db.schema.alterTable("stripe_accounts").dropColumn("tenant_name").execute();
}
