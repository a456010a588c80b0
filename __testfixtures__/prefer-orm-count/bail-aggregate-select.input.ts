// @lazymod bands=none factors=none messages=none
// An aggregate in the select list (Knex `count(*)`, Drizzle `count()`) returns one row, whatever the
// table holds: the number of rows is 1, not a count of the table.
import type { Knex } from "knex";
import { count, type SQL } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";

export async function aggregateRows(knex: Knex) {
  return (await knex("users").select(knex.raw("count(*) as n"))).length;
}

export async function drizzleAggregate(db: BetterSQLite3Database, users: any, where: SQL) {
  return (await db.select({ n: count() }).from(users).where(where)).length;
}
