import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { withStatementCache } from "@/lib/db/connection";

interface TestDB {
  items: { id: number; name: string };
}

const open: SQLite.Database[] = [];

function database(size?: number) {
  const sqlite = new SQLite(":memory:");
  open.push(sqlite);
  const cached = withStatementCache(sqlite, size);
  const db = new Kysely<TestDB>({ dialect: new SqliteDialect({ database: cached }) });
  return { sqlite, cached, db };
}

afterEach(() => {
  for (const sqlite of open.splice(0)) if (sqlite.open) sqlite.close();
});

describe("the SQLite statement cache", () => {
  it("reuses one prepared statement per SQL text and still binds each call's parameters", async () => {
    const { cached, db } = database();
    await sql`create table items (id integer primary key, name text not null)`.execute(db);
    expect(cached.prepare("select 1")).toBe(cached.prepare("select 1"));
    for (let id = 1; id <= 3; id++)
      await db
        .insertInto("items")
        .values({ id, name: `n${id}` })
        .execute();
    const one = await db.selectFrom("items").select("name").where("id", "=", 1).executeTakeFirst();
    const two = await db.selectFrom("items").select("name").where("id", "=", 2).executeTakeFirst();
    expect([one?.name, two?.name]).toEqual(["n1", "n2"]);
    const updated = await db.updateTable("items").set({ name: "x" }).where("id", ">", 1).executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(2n);
  });

  it("streams the same query it has cached, before and after running it", async () => {
    const { db } = database();
    await sql`create table items (id integer primary key, name text not null)`.execute(db);
    await db
      .insertInto("items")
      .values([1, 2, 3].map((id) => ({ id, name: `n${id}` })))
      .execute();
    const query = db.selectFrom("items").select(["id", "name"]).orderBy("id");
    expect(await query.execute()).toHaveLength(3);
    const seen: number[] = [];
    for await (const row of query.stream()) seen.push(row.id);
    expect(seen).toEqual([1, 2, 3]);
    expect((await query.execute()).map((row) => row.id)).toEqual([1, 2, 3]);
  });

  it("keeps at most `size` statements, dropping the least recently used", () => {
    const { cached } = database(2);
    const a = cached.prepare("select 1");
    const b = cached.prepare("select 2");
    expect(cached.prepare("select 1")).toBe(a);
    cached.prepare("select 3");
    expect(cached.prepare("select 1")).toBe(a);
    expect(cached.prepare("select 2")).not.toBe(b);
  });
});
