import { sql, type Kysely } from "kysely";
import { dialectOf } from "../dialect";

/**
 * How many mirrored accounts are in each status, kept by triggers whoever writes the mirror (webhooks, the backfill,
 * sign-up), so the console shows its filter counts and totals at 1,000,000 accounts without counting rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("account_status_counts")
    .addColumn("status", "text", (c) => c.primaryKey().notNull())
    .addColumn("count", "bigint", (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`insert into account_status_counts (status, count)
    select status, count(*) from stripe_accounts group by status`.execute(db);

  if (dialectOf(db) === "postgres") {
    await sql`create function portico_account_status_counts() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then
          update account_status_counts set count = count - 1 where status = old.status;
        end if;
        if tg_op in ('INSERT', 'UPDATE') then
          insert into account_status_counts (status, count) values (new.status, 1)
            on conflict (status) do update set count = account_status_counts.count + 1;
        end if;
        return null;
      end; $$`.execute(db);
    await sql`create trigger stripe_accounts_status_count_insert after insert or delete on stripe_accounts
      for each row execute function portico_account_status_counts()`.execute(db);
    await sql`create trigger stripe_accounts_status_count_update after update of status on stripe_accounts
      for each row when (new.status is distinct from old.status) execute function portico_account_status_counts()`.execute(
      db,
    );
    return;
  }
  const add = sql`insert into account_status_counts (status, count) values (new.status, 1)
    on conflict (status) do update set count = count + 1;`;
  const remove = sql`update account_status_counts set count = count - 1 where status = old.status;`;
  await sql`create trigger stripe_accounts_status_count_insert after insert on stripe_accounts
  begin ${add} end`.execute(db);
  await sql`create trigger stripe_accounts_status_count_delete after delete on stripe_accounts
  begin ${remove} end`.execute(db);
  await sql`create trigger stripe_accounts_status_count_update after update of status on stripe_accounts
    when new.status is not old.status
  begin ${remove} ${add} end`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === "postgres") {
    await sql`drop trigger if exists stripe_accounts_status_count_insert on stripe_accounts`.execute(db);
    await sql`drop trigger if exists stripe_accounts_status_count_update on stripe_accounts`.execute(db);
    await sql`drop function if exists portico_account_status_counts()`.execute(db);
  } else {
    for (const trigger of [
      "stripe_accounts_status_count_insert",
      "stripe_accounts_status_count_delete",
      "stripe_accounts_status_count_update",
    ]) {
      await sql`drop trigger if exists ${sql.raw(trigger)}`.execute(db);
    }
  }
  await db.schema.dropTable("account_status_counts").ifExists().execute();
}
